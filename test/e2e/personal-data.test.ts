import { describe, expect, it } from 'vitest';
import { useBrowserWorld } from '../support/browser.js';

/**
 * 个人信息 in the console: the admin's 用户管理 shows contacts masked, finds a user by a whole
 * mobile number, and editing other fields leaves the (unseen) contacts as they are.
 */
const w = useBrowserWorld();


describe('用户管理 with masked contacts', () => {
  it('finds a 经办人 by mobile, shows 138****0002, and an edit of the name keeps the contacts', { timeout: 90_000 }, async () => {
    const page = await w.logIn(w.account('admin'));
    await page.goto(`${w.baseUrl}/admin/users`);
    const search = page.getByPlaceholder('用户名/姓名/手机号码');
    await search.fill('13800000002');
    await search.press('Enter');
    const rows = page.locator('tbody tr.ant-table-row');
    await expect.poll(async () => (await rows.allInnerTexts()).map((t) => t.includes('jbr.hzdyyy'))).toEqual([true]);
    const row = rows.first();
    await row.getByText('138****0002').waitFor();
    expect(await page.locator('body').innerText()).not.toContain('13800000002');

    await row.getByRole('button', { name: '编辑', exact: true }).click();
    const dialog = page.getByRole('dialog');
    const mobile = dialog.getByLabel('手机', { exact: true });
    expect(await mobile.inputValue()).toBe('');
    expect(await mobile.getAttribute('placeholder')).toBe('138****0002（留空则不变）');
    await dialog.getByLabel('姓名').fill('赵磊（已核对）');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('赵磊（已核对）').waitFor();
    await row.getByText('138****0002').waitFor();
    // The owner still sees their own mobile in full.
    const owner = await w.logIn(w.account('handler', 'jbr.hzdyyy'));
    await owner.goto(`${w.baseUrl}/account`);
    expect(await owner.getByTestId('account-mobile').innerText()).toBe('13800000002');
    await owner.close();
    await page.close();
  });
});
