import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserWorld } from '../support/browser.js';

/**
 * 账户信息 (my mobile and email, changed only through a code sent to the new address), the
 * admin's 消息发送记录, and the 纸质材料 code box reached from the QR's URL.
 */
const w = useBrowserWorld();
const shots = path.resolve('test/.tmp/screenshots');
mkdirSync(shots, { recursive: true });


const shot = async (page: Page, name: string) => {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.screenshot({ path: path.join(shots, `acct-${name}.png`), fullPage: true });
};

const newMobile = '13700000009';

describe('账户信息 and 消息发送记录', () => {
  it('a 经办人 sees their contacts under 账户信息; a new mobile needs the code sent to it', { timeout: 90_000 }, async () => {
    const page = await w.logIn(w.account('handler', 'jbr.hzczj'));
    await page.getByTestId('user-menu').click();
    await page.getByText('账户信息', { exact: true }).click();
    await page.waitForURL(/\/account$/);
    const info = page.getByTestId('account-info');
    await info.getByText('jbr.hzczj', { exact: true }).waitFor();
    await info.getByText('陈静', { exact: true }).waitFor();
    expect(await page.getByTestId('account-mobile').innerText()).toBe('13800000001');
    expect(await page.getByTestId('account-email').innerText()).toBe('chenjing@hzczj.example.com');
    await shot(page, 'account');

    await page.getByRole('button', { name: '修改手机号码', exact: true }).click();
    const modal = page.getByRole('dialog');
    await modal.getByLabel('新手机号码').fill('12345');
    await modal.getByRole('button', { name: '获取验证码', exact: true }).click();
    await modal.getByText('手机号码应为11位数字，以13至19开头').waitFor();
    await modal.getByLabel('新手机号码').fill(newMobile);
    await modal.getByRole('button', { name: '获取验证码', exact: true }).click();
    await modal.getByText(`验证码已发送至新地址：${newMobile}`).waitFor();
    await modal.getByLabel('验证码').fill('000000');
    await modal.getByRole('button', { name: '确定', exact: true }).click();
    // The server's error goes on the field.
    await modal.locator('.ant-form-item-has-error').getByText('验证码不正确').waitFor();
    await shot(page, 'contact-code-wrong');
    await page.keyboard.press('Escape');
    await modal.waitFor({ state: 'hidden' });
    // Nothing changed without the code.
    expect(await page.getByTestId('account-mobile').innerText()).toBe('13800000001');

    // The application forms start from the same contacts.
    await page.goto(`${w.baseUrl}/applications/new`);
    await page.getByLabel('手机').waitFor();
    await expect.poll(() => page.getByLabel('手机').inputValue()).toBe('13800000001');
    expect(await page.getByLabel('邮箱').inputValue()).toBe('chenjing@hzczj.example.com');
    await page.close();
  });

  it('the admin finds the code SMS under 系统管理 → 消息发送记录 and filters it', { timeout: 90_000 }, async () => {
    const page = await w.logIn(w.account('admin'));
    const m = page.getByRole('menu').first();
    const item = m.getByText('消息发送记录', { exact: true });
    if (!(await item.isVisible())) await m.getByText('系统管理', { exact: true }).click();
    await item.click();
    await page.waitForURL(/\/admin\/notifications$/);
    // The admin sees addresses masked, and filters by the whole number (its keyed hash).
    const masked = `${newMobile.slice(0, 3)}****${newMobile.slice(7)}`;
    await page.locator('table').getByText(masked).first().waitFor();
    expect(await page.locator('table').innerText()).not.toContain(newMobile);
    await page.getByLabel('收件地址').fill(newMobile);
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await expect.poll(async () => (await page.locator('tbody tr.ant-table-row').allInnerTexts()).every((t) => t.includes(masked))).toBe(true);
    const row = page.locator('tbody tr.ant-table-row', { hasText: masked }).first();
    await row.getByText('短信', { exact: true }).waitFor();
    // Only a failed message can be resent.
    if ((await row.getByTestId('delivery-status').innerText()) !== '发送失败') expect(await row.getByRole('button', { name: '重发' }).count()).toBe(0);
    await shot(page, 'admin-notifications');
    await page.close();
  });

  it('opening the QR code URL lands the 编办 on 纸质材料 with the code looked up', { timeout: 90_000 }, async () => {
    const page = await w.newPage({ viewport: { width: 1280, height: 900 } });
    const code = 'ZM1-SQ209900000099-R1-0123456789ABCDEF';
    await page.goto(`${w.baseUrl}/paper?code=${code}`);
    await page.waitForURL(/\/login$/);
    await w.logIn(w.account('office_reviewer'), page);
    await page.waitForURL(/\/paper\?code=/);
    const box = page.getByLabel('扫描或输入核验码');
    expect(await box.inputValue()).toBe(code);
    await page.getByTestId('paper-lookup').getByText('申请不存在').waitFor();
    await box.fill('not a code');
    await box.press('Enter');
    await page.getByTestId('paper-lookup').getByText('核验码格式不正确').waitFor();
    await shot(page, 'paper-code-invalid');
    await page.close();
  });
});
