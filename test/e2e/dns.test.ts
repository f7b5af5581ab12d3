import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserWorld } from '../support/browser.js';
import { procedureSteps } from './steps.js';

const w = useBrowserWorld();
const { as, shot, button, dialog } = procedureSteps(w);

/** The table row whose 主机记录 cell is `host` (and, if given, whose text contains `text`). */
const row = (page: Page, host: string, text?: string) => {
  const rows = page.locator('tbody tr').filter({ has: page.getByRole('cell', { name: host, exact: true }) });
  return text === undefined ? rows : rows.filter({ hasText: text });
};

async function chooseType(page: Page, label: string): Promise<void> {
  await dialog(page).getByLabel('记录类型').click();
  await page.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: new RegExp(`^${label}$`) }).click();
}

describe('域名解析 in Chromium', () => {
  it('a 经办人 adds an A record, a URL转发 on @ (two records), deletes one, and sees errors on the field', async () => {
    const page = await as('jbr.hzczj');
    // 主菜单 → 网上名称管理 → 域名业务管理, then 域名解析 on the right.
    const m = page.getByRole('menu').first();
    const domains = m.getByText('域名业务管理', { exact: true });
    if (!(await domains.isVisible())) await m.getByText('网上名称管理', { exact: true }).click();
    await domains.click();
    await page.waitForURL(/\/names\/domains$/);
    await page.locator('tr', { hasText: '杭州市财政局.政务' }).getByRole('button', { name: '域名解析', exact: true }).click();
    await page.waitForURL(/\/names\/domains\/[0-9a-f-]{36}\/dns$/);
    await page.getByText('域名解析 — 杭州市财政局.政务').waitFor();
    await shot(page, 'dns-page');

    // 添加解析: an A record `mail`.
    await button(page, '添加解析').click();
    await expect.poll(() => dialog(page).getByLabel('主机记录').inputValue()).toBe('@');
    await expect.poll(() => dialog(page).getByLabel('TTL').inputValue()).toBe('600');
    await dialog(page).getByLabel('主机记录').fill('mail');
    await dialog(page).getByLabel('记录值').fill('120.55.100.10');
    await shot(page, 'dns-add-a');
    await dialog(page).getByRole('button', { name: '确认', exact: true }).click();
    await row(page, 'mail', '120.55.100.10').waitFor();
    await shot(page, 'dns-a-added');

    // A bad value: the server's Chinese message shows on the 记录值 field.
    await button(page, '添加解析').click();
    await dialog(page).getByLabel('主机记录').fill('oa');
    await dialog(page).getByLabel('记录值').fill('10.0.0.1');
    await dialog(page).getByRole('button', { name: '确认', exact: true }).click();
    const valueItem = dialog(page).locator('.ant-form-item', { has: page.getByLabel('记录值') });
    await valueItem.locator('.ant-form-item-explain-error').filter({ hasText: '私有地址' }).waitFor();
    await shot(page, 'dns-bad-value');
    await dialog(page).getByRole('button', { name: /取\s*消/ }).click();
    await dialog(page).waitFor({ state: 'hidden' });
    expect(await row(page, 'oa').count()).toBe(0);

    // 添加解析: 主机记录 @, 记录类型 URL转发, 目标地址 the new English domain, 确认 → @ and www.
    await button(page, '添加解析').click();
    await expect.poll(() => dialog(page).getByLabel('主机记录').inputValue()).toBe('@');
    await chooseType(page, 'URL转发');
    await dialog(page).getByLabel('目标地址').fill('http://www.example-hz.gov.cn');
    await shot(page, 'dns-add-url');
    await dialog(page).getByRole('button', { name: '确认', exact: true }).click();
    await page.getByText('自动生成两条记录').first().waitFor();
    await row(page, '@', 'www.example-hz.gov.cn').waitFor();
    const www = row(page, 'www', 'www.example-hz.gov.cn');
    await www.getByText('自动生成', { exact: true }).waitFor();
    expect(await row(page, '@', 'www.example-hz.gov.cn').getByText('自动生成', { exact: true }).count()).toBe(0);
    await shot(page, 'dns-url-added');

    // 删除 the `mail` record, with the confirmation.
    await row(page, 'mail').getByRole('button', { name: '删除', exact: true }).click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.locator('.ant-modal-confirm-title', { hasText: '确定删除解析记录“mail' }).waitFor();
    await shot(page, 'dns-delete-confirm');
    await confirm.getByRole('button', { name: '删除', exact: true }).click();
    await expect.poll(() => row(page, 'mail').count()).toBe(0);
    await row(page, 'www', 'www.example-hz.gov.cn').waitFor();

    // 解析变更记录 lists the changes with their serials.
    await page.getByText('解析变更记录', { exact: true }).click();
    const history = page.getByTestId('zone-history');
    await history.getByText(/^mail\.xn--\S+ 600 A 120\.55\.100\.10$/).first().waitFor();
    expect(await history.locator('tbody tr').count()).toBe(3);
    await shot(page, 'dns-history');
    await page.close();
  });

  it('a reviewer sees the records read-only', async () => {
    const page = await as(w.account('office_reviewer').username);
    await page.goto(`${w.baseUrl}/names/domains`);
    await page.locator('tr', { hasText: '杭州市财政局.政务' }).getByRole('button', { name: '域名解析', exact: true }).click();
    await page.getByText('域名解析 — 杭州市财政局.政务').waitFor();
    expect(await button(page, '添加解析').count()).toBe(0);
    expect(await page.getByRole('button', { name: '删除', exact: true }).count()).toBe(0);
    await page.close();
  });
});
