import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { DemoAccount } from '../../src/app/seed/seed-demo.js';
import type { BrowserWorld } from '../support/browser.js';

const shots = path.resolve('test/.tmp/screenshots');
mkdirSync(shots, { recursive: true });

/** The steps of the procedures, as the people who do them click them, on the world `w`. */
export function procedureSteps(w: BrowserWorld) {
  const logIn = (a: DemoAccount): Promise<Page> => w.logIn(a);

  const as = (username: string) => {
    const a = w.accounts.find((x) => x.username === username);
    if (a === undefined) throw new Error(`no demo account ${username}`);
    return logIn(a);
  };

  let step = 0;
  async function shot(page: Page, name: string): Promise<void> {
    step += 1;
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await page.screenshot({ path: path.join(shots, `${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  }

  /** 主菜单 → item (a parent such as 网上名称管理 is clicked first, as the procedure says). */
  async function menu(page: Page, ...labels: string[]): Promise<void> {
    const m = page.getByRole('menu').first();
    for (const label of labels) await m.getByText(label, { exact: true }).click();
  }

  const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
  const dialog = (page: Page) => page.getByRole('dialog');

  /** The reviewer opens the application from 审核管理 and approves it (通过, then 通过 in the confirmation). */
  async function approve(page: Page, number: string, name: string): Promise<void> {
    await menu(page, '审核管理');
    await page.waitForURL(/\/review$/);
    await page.locator('table').getByRole('link', { name: number }).click();
    await page.waitForURL(/\/review\/[0-9a-f-]{36}$/);
    await page.getByText(`审核 — ${number}`).waitFor();
    await shot(page, `${name}-detail`);
    await button(page, '通过').click();
    // What the API answered, for the failure message below (an intermittent CI failure had none).
    const isApprove = (url: string) => /\/api\/applications\/[^/]+\/approve$/.test(url);
    // Whether the request left at all: the last CI failure had no answer, with the confirmation
    // still open — a click that did nothing, or a request the server did not answer in 30 s.
    let sentAt: number | null = null;
    const started = Date.now();
    page.on('request', (r) => {
      if (isApprove(r.url())) sentAt ??= Date.now() - started;
    });
    const answer = page.waitForResponse((r) => isApprove(r.url()), { timeout: 30_000 }).then(
      async (r) => `${r.status()} ${(await r.text().catch(() => '')).slice(0, 300)}`,
      (err: unknown) => `no answer (${sentAt === null ? 'no request was sent' : `request sent ${sentAt} ms after the click`}): ${String(err)}`,
    );
    await dialog(page).getByRole('button', { name: '通过', exact: true }).click();
    try {
      await page.getByText(`申请 ${number} 已通过`).first().waitFor();
    } catch (err) {
      await shot(page, `${name}-approve-failed`);
      const shown = await page.locator('.ant-message, .ant-modal').allInnerTexts().catch(() => []);
      throw new Error(`申请 ${number} 已通过 not shown; approve answered: ${await answer}; on the page: ${JSON.stringify(shown)}; ${await w.serverState()}`, { cause: err });
    }
    await shot(page, `${name}-approved`);
  }

  async function fillHandler(page: Page, id: string): Promise<void> {
    // Name, mobile and email are prefilled from the person's 账户信息.
    await page.getByLabel('姓名').fill(await page.getByLabel('姓名').inputValue());
    if ((await page.getByLabel('手机').inputValue()) === '') await page.getByLabel('手机').fill('13900000011');
    if ((await page.getByLabel('邮箱').inputValue()) === '') await page.getByLabel('邮箱').fill('jbr@unit.example.com');
    await page.getByLabel('身份证号').fill(id);
  }

  /**
   * The 经办人 clicks 打印申请表 on the application's row: it opens the PDF in a new tab. Returns the
   * code printed on the form (the `x-print-code` header of the same PDF, fetched with the page's cookies).
   */
  async function printForm(page: Page, number: string): Promise<string> {
    await menu(page, '网站开办审核/资格复核申请');
    const row = page.locator('tr', { hasText: number });
    await row.getByText('待确认纸质材料').waitFor();
    await page.getByTestId('print-hint').getByText('《党政机关网站资格复核申请表》一式三份，加盖单位公章，连同经办人身份证复印件提交至同级编办').waitFor();
    const print = row.getByRole('button', { name: '打印申请表', exact: true });
    expect(await print.isEnabled()).toBe(true);
    const [popup, opened] = await Promise.all([
      page.waitForEvent('popup'),
      page.context().waitForEvent('request', (r) => r.url().endsWith('/form.pdf')),
      print.click(),
    ]);
    const url = new URL(opened.url());
    expect(url.pathname).toMatch(/^\/api\/applications\/[0-9a-f-]{36}\/form\.pdf$/);
    expect(opened.frame().page()).toBe(popup);
    await popup.close();
    const pdf = await page.request.get(url.toString());
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const code = pdf.headers()['x-print-code'] ?? '';
    expect(code).toMatch(new RegExp(`^ZM1-${number}-R2-[0-9A-F]{16}$`));
    await shot(page, 'p1-print');
    // 查看审核结果 says the same and lists the SMS and emails sent about the application.
    await row.getByRole('button', { name: '查看审核结果' }).click();
    await page.getByTestId('print-hint').waitFor();
    await page.getByTestId('delivery-log').getByText('短信').first().waitFor();
    await shot(page, 'p1-result-paper');
    return code;
  }

  const applicationNumber = async (page: Page) => {
    const title = await page.getByText(/^查看审核结果 — SQ\d+$/).innerText();
    return title.replace('查看审核结果 — ', '');
  };

  /**
   * 纸质材料 (the 编办): a code of an older revision is flagged and cannot be received; the code
   * printed on the current form matches, and 确认收到 marks the form received. Returns the card.
   */
  async function receiveByCode(office: Page, number: string, code: string) {
    await menu(office, '纸质材料');
    const card = office.getByTestId('paper-card').filter({ hasText: number });
    await card.getByText('《党政机关网站资格复核申请表》（加盖单位公章）').waitFor();
    await shot(office, 'p1-paper');
    const codeBox = office.getByLabel('扫描或输入核验码');
    const lookup = office.getByTestId('paper-lookup');
    await codeBox.fill(`ZM1-${number}-R1-0123456789ABCDEF`);
    await codeBox.press('Enter');
    await lookup.getByTestId('paper-mismatch').getByText('纸质材料打印自第1版，当前为第2版，请单位重新打印申请表').waitFor();
    expect(await button(office, '确认收到').isDisabled()).toBe(true);
    await shot(office, 'p1-paper-code-outdated');
    await codeBox.fill(code);
    await codeBox.press('Enter');
    await lookup.getByTestId('paper-matches').getByText('纸质材料与当前申请一致').waitFor();
    await lookup.getByRole('link', { name: number }).waitFor();
    await shot(office, 'p1-paper-code-matches');
    await button(office, '确认收到').click();
    await lookup.getByText('申请表已登记收到').waitFor();
    await lookup.locator('tr', { hasText: '《党政机关网站资格复核申请表》' }).getByText('已收到').waitFor();
    // The card below is refreshed: only the 身份证复印件 is left.
    await card.locator('tr', { hasText: '《党政机关网站资格复核申请表》' }).getByText('已收到').waitFor();
    await expect.poll(() => card.getByRole('button', { name: '收到', exact: true }).count()).toBe(1);
    await shot(office, 'p1-paper-code-received');
    return card;
  }

  return { as, shot, menu, button, dialog, approve, fillHandler, applicationNumber, printForm, receiveByCode };
}
