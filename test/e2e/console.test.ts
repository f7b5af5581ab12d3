import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DemoAccount } from '../../src/app/seed/seed-demo.js';
import { useBrowserWorld } from '../support/browser.js';

const w = useBrowserWorld();

async function logIn(a: DemoAccount): Promise<Page> {
  const page = await w.newPage();
  await page.goto(`${w.baseUrl}/login`);
  return w.logIn(a, page);
}

const menuText = async (page: Page) => (await page.getByRole('menu').first().innerText()).replace(/\s+/g, ' ');

describe('the console in Chromium', () => {
  it('a 经办人 logs in, finds 网上名称管理 → 标识管理 and sees their website', async () => {
    const page = await logIn(w.account('handler', 'jbr.hzczj'));
    const menu = await menuText(page);
    for (const label of ['网上名称管理', '网站开办审核/资格复核申请']) expect(menu).toContain(label);
    const badges = page.getByRole('menu').first().getByText('标识管理', { exact: true });
    if (!(await badges.isVisible())) await page.getByRole('menu').first().getByText('网上名称管理', { exact: true }).click();
    await badges.click();
    await page.waitForURL(/\/names\/badges$/);
    const table = page.locator('table');
    await table.getByText('杭州市财政局.政务').waitFor();
    await expect(table.innerText()).resolves.toContain('网络红页');
    await page.getByRole('menu').first().getByText('域名业务管理', { exact: true }).click();
    await page.waitForURL(/\/names\/domains$/);
    await page.locator('table').getByText('xn--', { exact: false }).first().waitFor();
    await page.close();
  });

  it.each([
    ['office_reviewer', ['审核管理', '纸质材料']],
    ['center_reviewer', ['审核管理']],
    ['admin', ['系统管理']],
    ['auditor', ['审计日志']],
  ] as const)('a %s sees their own menu', async (role, labels) => {
    const page = await logIn(w.account(role));
    const menu = await menuText(page);
    for (const label of labels) expect(menu).toContain(label);
    // Only a 经办人 files applications.
    expect(menu).not.toContain('网站开办审核/资格复核申请');
    await page.close();
  });

  it('a wrong password shows the Chinese error and stays on the login page', async () => {
    const page = await w.newPage();
    await page.goto(`${w.baseUrl}/login`);
    await page.getByLabel('用户名').fill(w.account('center_reviewer').username);
    await page.getByLabel('密码').fill('Wrong#Password1');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByText('用户名或密码错误').first().waitFor();
    expect(page.url()).toMatch(/\/login$/);
    await page.close();
  });

  it('忘记密码 shows the centre hotline as the procedure does', async () => {
    const page = await w.newPage();
    await page.goto(`${w.baseUrl}/login`);
    await page.getByText('忘记密码').first().click();
    await page.getByText('8588686').first().waitFor();
    await page.close();
  });

  it('the auditor sees login events in 审计日志', async () => {
    const page = await logIn(w.account('auditor'));
    await page.getByRole('menu').first().getByText('审计日志', { exact: true }).click();
    await page.locator('table').getByText('登录').first().waitFor();
    await page.close();
  });

  it('退出 ends the session', async () => {
    const page = await logIn(w.account('admin'));
    await page.getByText('系统管理员').first().click();
    await page.getByText('退出').first().click();
    await page.waitForURL(/\/login$/);
    const session = await page.evaluate(async () => (await fetch('/api/session')).status);
    expect(session).toBe(401);
    await page.close();
  });
});

describe('系统管理 and 审计日志 extras', () => {
  it('the admin sees the regions in 区域管理', async () => {
    const page = await logIn(w.account('admin'));
    await page.getByRole('menu').first().getByText('区域管理', { exact: true }).click();
    await page.waitForURL(/\/admin\/regions$/);
    await page.locator('table').getByText('桐庐县').first().waitFor();
    await page.close();
  });

  it('the auditor exports the log as CSV', async () => {
    const page = await logIn(w.account('auditor'));
    await page.getByRole('menu').first().getByText('审计日志', { exact: true }).click();
    const href = await page.getByText('导出CSV').locator('xpath=ancestor-or-self::a').first().getAttribute('href');
    expect(href).toContain('/api/audit-events.csv');
    const res = await page.request.get(`${w.baseUrl}${href ?? ''}`);
    expect(res.headers()['content-type']).toContain('text/csv');
    expect(await res.text()).toContain('登录');
    await page.close();
  });
});
