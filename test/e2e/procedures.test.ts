import { describe, expect, it } from 'vitest';
import { idCheckDigit } from '../../src/domain/validators/id-number.js';
import { useBrowserWorld } from '../support/browser.js';
import { procedureSteps } from './steps.js';

/**
 * The two procedures of the seed document, clicked through in Chromium by the people who do them:
 * the 经办人 (by the procedure's menus and buttons), the 编办 and the centre. A screenshot of each
 * step goes to test/.tmp/screenshots/ (not committed).
 */
const w = useBrowserWorld();
const { as, shot, menu, button, dialog, approve, fillHandler, applicationNumber, printForm, receiveByCode } = procedureSteps(w);
const slow = 180_000;

const idNumber = (first17: string) => first17 + idCheckDigit(first17);

describe('procedure 一: 网络红页 → 自建网站 (党政机关, 杭州市财政局)', () => {
  it('变更 → 退回 → 查看审核结果 → 修改申请 → two-level approval → paper → 自建网站', { timeout: slow }, async () => {
    const handler = await as('jbr.hzczj');
    await menu(handler, '网上名称管理', '标识管理');
    await handler.waitForURL(/\/names\/badges$/);
    await handler.locator('table').getByText('网络红页', { exact: true }).waitFor();
    await shot(handler, 'p1-badges');
    await button(handler, '变更').click();
    await handler.waitForURL(/\/names\/badges\/[0-9a-f-]{36}\/change$/);

    // 网络红页 takes no English domain or IP; 自建网站 shows both, marked required.
    await handler.getByLabel('网站名称').waitFor();
    expect(await handler.getByLabel('英文域名').count()).toBe(0);
    await handler.getByText('一定要与网站首页标签显示的内容保持一致').waitFor();
    await handler.getByLabel('自建网站').check();
    await handler.getByLabel('英文域名').waitFor();
    await shot(handler, 'p1-change-form');

    // Inline validation in Chinese before anything is sent.
    await handler.getByLabel('英文域名').fill('http://www.hzcz.gov.cn/index.html');
    await button(handler, '提交').click();
    await handler.getByText('不要包含 http://').first().waitFor();
    await handler.getByText('请填写IP地址').first().waitFor();
    await handler.getByText('请填写经办人身份证号').first().waitFor();
    await shot(handler, 'p1-change-validation');

    await handler.getByLabel('英文域名').fill('www.hzcz.gov.cn');
    await handler.getByLabel('IP地址', { exact: true }).fill('115.236.10.99');
    await fillHandler(handler, idNumber('33010219800101123'));
    await button(handler, '提交').click();
    await handler.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    await handler.getByTestId('status-tag').getByText('待编办审核').waitFor();
    const number = await applicationNumber(handler);
    await shot(handler, 'p1-submitted');

    // The 编办 returns it with a reason on 网站名称.
    const office = await as('bb.330100');
    await menu(office, '审核管理');
    await office.locator('table').getByRole('link', { name: number }).click();
    await office.getByText(`审核 — ${number}`).waitFor();
    await office.getByText('www.hzcz.gov.cn').first().waitFor();
    await button(office, '退回').click();
    const modal = dialog(office);
    await modal.getByLabel('审核意见1对应字段').click();
    await modal.getByLabel('审核意见1对应字段').fill('网站名称');
    await office.keyboard.press('Enter');
    await expect.poll(() => modal.locator('.ant-select').first().innerText()).toContain('网站名称');
    await modal.getByLabel('审核意见1', { exact: true }).fill('网站名称须与网站首页标签显示的内容一致');
    await shot(office, 'p1-return-modal');
    await modal.getByRole('button', { name: '确定退回' }).click();
    await office.getByText(`申请 ${number} 已退回`).first().waitFor();

    // The 经办人: 网站开办审核/资格复核申请 → 查看审核结果 (the reason, the field in red) → 修改申请.
    await handler.goto(`${w.baseUrl}/`);
    await handler.getByTestId('handler-todos').getByText(`申请 ${number}`).waitFor();
    await shot(handler, 'p1-home-todo');
    await menu(handler, '网站开办审核/资格复核申请');
    const row = handler.locator('tr', { hasText: number });
    await row.getByText('已退回').waitFor();
    await row.getByRole('button', { name: '查看审核结果' }).click();
    await handler.getByTestId('returned-alert').getByText('网站名称须与网站首页标签显示的内容一致').waitFor();
    await handler.locator('[data-field="websiteName"].zm-returned-value').waitFor();
    await shot(handler, 'p1-result-returned');
    await button(handler, '修改申请').click();
    await handler.waitForURL(/\/edit$/);
    await handler.locator('.zm-returned').getByText('审核意见：网站名称须与网站首页标签显示的内容一致').waitFor();
    await handler.getByLabel('网站名称').fill('杭州市财政局门户网站');
    await handler.getByLabel('身份证号').waitFor();
    await shot(handler, 'p1-revise-form');
    await button(handler, '提交').click();
    await handler.getByText(`申请 ${number} 已修改并重新上报`).first().waitFor();
    await handler.getByTestId('status-tag').getByText('待编办审核').waitFor();

    // The 编办 sees what changed and approves; then the centre.
    await menu(office, '审核管理');
    await office.locator('table').getByRole('link', { name: number }).click();
    await office.getByTestId('diff-table').getByText('杭州市财政局门户网站').waitFor();
    await approve(office, number, 'p1-office');
    const center = await as('center');
    await approve(center, number, 'p1-center');

    // 打印申请表 (网站开办审核/资格复核申请, right of the row): the PDF of the current revision opens in a new tab.
    const code = await printForm(handler, number);

    // 纸质材料: the 编办 scans the code printed on the form; old paper is flagged, the current one is received.
    const card = await receiveByCode(office, number, code);
    await card.getByRole('button', { name: '收到', exact: true }).click();
    await card.getByTestId('paper-approved').waitFor();
    await card.getByTestId('status-tag').getByText('已通过').waitFor();
    await shot(office, 'p1-paper-done');

    // The website now hangs its badge on the self-hosted site.
    await menu(handler, '网上名称管理', '标识管理');
    const site = handler.locator('tr', { hasText: '杭州市财政局门户网站' });
    await site.getByText('自建网站', { exact: true }).waitFor();
    await site.getByText('www.hzcz.gov.cn').waitFor();
    await site.getByText('115.236.10.99').waitFor();
    await shot(handler, 'p1-badges-self-hosted');
    await Promise.all([handler.close(), office.close(), center.close()]);
  });
});

let otherUnitsApplication: string | undefined;

describe('procedure 二: 自建网站 → 网络红页 (事业单位, 杭州市第一人民医院)', () => {
  it('注销 → 保存 → 编办 approves → 点击申请 新开办网站申请 on 网络红页 → two-level approval → 网络红页', { timeout: slow }, async () => {
    const handler = await as('jbr.hzdyyy');
    await menu(handler, '网上名称管理', '标识管理');
    await handler.locator('table').getByText('自建网站', { exact: true }).waitFor();
    await shot(handler, 'p2-badges');
    await button(handler, '注销').click();
    await handler.waitForURL(/\/deregister$/);
    await handler.getByLabel('注销原因').fill('网站改为挂在网络红页上');
    await fillHandler(handler, idNumber('33010619850615202'));
    await shot(handler, 'p2-deregister-form');
    await button(handler, '保存').click();
    await handler.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    await handler.getByTestId('status-tag').getByText('待编办审核').waitFor();
    const dereg = await applicationNumber(handler);
    otherUnitsApplication = handler.url().split('/').pop();
    await shot(handler, 'p2-deregister-submitted');

    const office = await as('bb.330100');
    await approve(office, dereg, 'p2-office-deregister');

    // After the 注销 is approved: 网站开办审核/资格复核申请 → 点击申请.
    await menu(handler, '网站开办审核/资格复核申请');
    await handler.locator('tr', { hasText: dereg }).getByText('已通过').waitFor();
    await button(handler, '点击申请').click();
    await handler.waitForURL(/\/applications\/new$/);
    await handler.getByLabel('新开办网站申请').waitFor();
    expect(await handler.getByLabel('新开办网站申请').isChecked()).toBe(true);
    // 已开办网站资格复核 is for 党政机关 only.
    expect(await handler.getByText('已开办网站资格复核').count()).toBe(0);
    await handler.getByLabel('我单位准备将网站标识挂在网络红页上').check();
    expect(await handler.getByLabel('英文域名').count()).toBe(0);
    expect(await handler.getByLabel('IP地址', { exact: true }).count()).toBe(0);
    expect(await handler.getByLabel('网站名称').inputValue()).toBe('杭州市第一人民医院');
    expect(await handler.getByLabel('网站简介').inputValue()).toBe(
      '本网站由杭州市第一人民医院主办，旨在介绍我单位职能、职责、人员编制，面向社会公开工作动态，促进我单位电子政务和信息化建设。',
    );
    // 经办人 contact comes from the person's 账户信息 (GET /api/account).
    expect(await handler.getByLabel('手机').inputValue()).toBe('13800000002');
    expect(await handler.getByLabel('邮箱').inputValue()).toBe('zhaolei@hzdyyy.example.com');
    await handler.getByLabel('身份证号').fill(idNumber('33010619850615202'));
    await shot(handler, 'p2-application-form');
    await button(handler, '提交').click();
    await handler.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    const fresh = await applicationNumber(handler);
    await handler.getByText('我单位准备将网站标识挂在网络红页上').waitFor();
    await shot(handler, 'p2-application-submitted');

    await approve(office, fresh, 'p2-office');
    const center = await as('center');
    await approve(center, fresh, 'p2-center');

    await handler.reload();
    await handler.getByTestId('status-tag').getByText('已通过').waitFor();
    await menu(handler, '网上名称管理', '标识管理');
    const live = handler.locator('tr', { hasText: '有效' });
    await live.getByText('网络红页', { exact: true }).waitFor();
    await handler.locator('tr', { hasText: '已注销' }).getByText('自建网站', { exact: true }).waitFor();
    await shot(handler, 'p2-badges-red-page');
    await Promise.all([handler.close(), office.close(), center.close()]);
  });
});

describe('scope in the browser', () => {
  it("a 经办人 typing another unit's application address sees 404, not the data", { timeout: slow }, async () => {
    let id = otherUnitsApplication;
    if (id === undefined) {
      const other = await as('jbr.hzdyyy');
      id = await other.evaluate(async () => {
        const s = (await (await fetch('/api/session')).json()) as { csrfToken: string };
        const sites = (await (await fetch('/api/websites')).json()) as { items: { id: string }[] };
        const handler = { name: '赵磊', mobile: '13900000011', email: 'zl@example.com', idNumber: '11010519491231002X' };
        const res = await fetch('/api/applications', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrfToken },
          body: JSON.stringify({ payload: { type: 'deregister', websiteId: sites.items[0]?.id, reason: '测试', handler }, submit: false }),
        });
        return ((await res.json()) as { id: string }).id;
      });
      await other.close();
    }
    const stranger = await as('jbr.hzczj');
    await stranger.goto(`${w.baseUrl}/applications/${id}`);
    await stranger.getByTestId('not-found').waitFor();
    await stranger.getByText('您访问的申请不存在').waitFor();
    const text = await stranger.locator('main, .ant-layout-content').first().innerText();
    expect(text).not.toContain('杭州市第一人民医院');
    expect(text).not.toContain('网站改为挂在网络红页上');
    await shot(stranger, 'p3-not-found');
    await stranger.close();
  });
});
