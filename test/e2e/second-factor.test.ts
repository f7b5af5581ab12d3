import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DemoAccount } from '../../src/app/seed/seed-demo.js';
import { useBrowserWorld } from '../support/browser.js';
import { codeAt } from '../support/second-factor.js';

/** 二次验证 in the console: a 经办人 turns it on under 账户信息; the admin resets a reviewer's,
 * who then sets it up again (QR code, secret, first code) before reaching the menu. */
const w = useBrowserWorld();

async function logIn(a: DemoAccount): Promise<Page> {
  const page = await w.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${w.baseUrl}/login`);
  await page.getByLabel('用户名').fill(a.username);
  await page.getByLabel('密码').fill(a.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  return page;
}

/** Reads the secret shown on the set-up page and types the app's first code. */
async function setUp(page: Page): Promise<string> {
  const secret = (await page.getByTestId('second-factor-secret').innerText()).replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.getByRole('img', { name: '二次验证二维码' }).locator('svg').count()).resolves.toBe(1);
  await page.getByTestId('second-factor-setup').getByLabel('动态口令').fill(codeAt(secret, new Date()));
  await page.getByRole('button', { name: '确认开启', exact: true }).click();
  return secret;
}

describe('二次验证 in the console', () => {
  it('a 经办人 turns it on under 账户信息 and is then asked for the 动态口令 at login', { timeout: 90_000 }, async () => {
    const a = w.account('handler', 'jbr.hzczj');
    const page = await logIn(a);
    await page.getByRole('menu').first().waitFor();
    await page.goto(`${w.baseUrl}/account`);
    const status = page.getByTestId('account-second-factor');
    await status.getByText('未开启').waitFor();
    await status.getByRole('button', { name: '开启二次验证' }).click();
    const secret = await setUp(page);
    await status.getByText('已开启').waitFor();
    await page.close();

    const again = await logIn(a);
    await again.getByText('请打开身份验证器应用').waitFor();
    await w.secondFactor(again, { ...a, totpSecret: secret });
    await again.getByRole('menu').first().waitFor();
    await again.close();
  });

  it('the admin resets a reviewer’s second factor; the reviewer sets it up again before anything else', { timeout: 90_000 }, async () => {
    const admin = await logIn(w.account('admin'));
    await w.secondFactor(admin, w.account('admin'));
    await admin.getByRole('menu').first().waitFor();
    await admin.goto(`${w.baseUrl}/admin/users`);
    const row = admin.locator('tr', { hasText: 'center' }).filter({ hasText: '中心审核员' });
    await row.getByRole('button', { name: '重置二次验证' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: /确\s*定|OK/ }).click();
    await admin.getByText('重置二次验证成功').waitFor();
    await admin.close();

    const page = await logIn(w.account('center_reviewer'));
    await page.getByTestId('second-factor-setup').waitFor();
    await setUp(page);
    await page.getByRole('menu').first().waitFor();
    expect(await page.getByRole('menu').first().innerText()).toContain('审核管理');
    await page.close();
  });
});
