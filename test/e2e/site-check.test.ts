import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runPatrolRound } from '../../src/app/sitecheck/patrol.js';
import { idCheckDigit } from '../../src/domain/validators/id-number.js';
import { createSiteChecker } from '../../src/sitecheck/check-site.js';
import { useBrowserWorld } from '../support/browser.js';
import { host, useSiteWorld } from '../support/sitecheck.js';
import { procedureSteps } from './steps.js';

/**
 * 网站核验 in the console, in Chromium: the 经办人 of 杭州市第一人民医院 (自建网站) checks a new
 * English domain before submitting its 变更, sees exactly how the page title differs from the
 * 网站名称, is stopped at 提交 and submits with an explanation; the 编办 sees the check and the
 * explanation on the application; the centre and the office see the patrol's findings under
 * 网站巡检. Every site is a loopback server of `useSiteWorld`, found through the project's own
 * DNS server; the checker's allow-list admits 127.0.0.1 only (which the form then takes as IP地址,
 * as SITECHECK_ALLOW_ADDRESSES would in a closed network), and its guard refuses anything else.
 */
const sites = useSiteWorld();
const w = useBrowserWorld({ siteChecker: () => createSiteChecker(sites.settings()) });
const { as, shot, menu, button, fillHandler, applicationNumber } = procedureSteps(w);
const slow = 180_000;
const day = 86_400_000;

const idNumber = (first17: string) => first17 + idCheckDigit(first17);
/** The colour the page shows an element's text in (runs in the page; the test's types have no DOM). */
const colour = (l: Locator) => l.evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(e).color);
const explanation = '医院门户网站改版中，网页标题将于本月底改为“杭州市第一人民医院”。';

describe('网站核验 in the console', () => {
  it('检测 shows what differs → 提交 asks for an explanation → the 编办 sees both → 网站巡检', { timeout: slow }, async () => {
    const handler = await as('jbr.hzdyyy');
    await menu(handler, '网上名称管理', '标识管理');
    await handler.waitForURL(/\/names\/badges$/);
    await handler.locator('table').getByText('自建网站', { exact: true }).waitFor();
    await button(handler, '变更').click();
    await handler.waitForURL(/\/names\/badges\/[0-9a-f-]{36}\/change$/);

    // The form starts from the website as registered; the 经办人 enters the new domain and address.
    expect(await handler.getByLabel('网站名称').inputValue()).toBe('杭州市第一人民医院');
    await handler.getByLabel('英文域名').fill(host('hospital'));
    await handler.getByLabel('IP地址', { exact: true }).fill('127.0.0.1');
    await button(handler, '检测').click();

    // What differs, in words and character by character: 市 missing (red), “ 欢迎您” extra (orange).
    const report = handler.getByTestId('site-check-report');
    await report.getByText('核验未通过').waitFor();
    await report.getByText('网站名称“杭州市第一人民医院”与网页标题“杭州第一人民医院 欢迎您”不一致：网页标题多出 “ 欢迎您”；网站名称中的 “市” 在网页标题中没有').waitFor();
    const diff = report.getByTestId('title-diff');
    expect((await diff.innerText()).replace(/\u00a0/g, ' ')).toBe('网站名称：杭州市第一人民医院\n网页标题：杭州第一人民医院 欢迎您');
    const missing = diff.getByText('市', { exact: true });
    const extra = diff.getByText('欢迎您', { exact: false });
    const same = diff.getByText('第一人民医院', { exact: true }).first();
    expect(await colour(missing)).toBe('rgb(207, 19, 34)');
    expect(await colour(extra)).toBe('rgb(212, 107, 8)');
    expect(await colour(same)).not.toBe(await colour(missing));
    // The rest of the evidence: the address is where the name points, both home pages answered.
    await report.getByText('127.0.0.1（在解析结果中）').waitFor();
    await report.getByText(/^状态码 200 · http:\/\/hospital\.sitecheck\.test/).waitFor();
    await report.getByText(/^状态码 200 · https:\/\/hospital\.sitecheck\.test.*证书有效至/).waitFor();
    await shot(handler, 'sc-check');

    // 提交: stopped by the same finding, with a place for an explanation.
    await fillHandler(handler, idNumber('33010219850312456'));
    await button(handler, '提交').click();
    const blocked = handler.getByTestId('site-check-blocked');
    await blocked.getByText(/^网站核验未通过：请按下列问题修改后重新提交/).waitFor();
    await blocked.getByText(/网页标题多出 “ 欢迎您”；网站名称中的 “市” 在网页标题中没有$/).waitFor();
    expect(handler.url()).toMatch(/\/change$/);
    const withExplanation = blocked.getByRole('button', { name: '填写说明后提交' });
    expect(await withExplanation.isDisabled()).toBe(true);
    await blocked.getByLabel('情况说明').fill(explanation);
    await shot(handler, 'sc-blocked');
    await withExplanation.click();
    await handler.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    await handler.getByTestId('status-tag').getByText('待编办审核').waitFor();
    const number = await applicationNumber(handler);

    // The 编办 of 杭州市 opens it from 审核管理: the check at submission, failed, with the explanation.
    const office = await as('bb.330100');
    await menu(office, '审核管理');
    await office.locator('table').getByRole('link', { name: number }).click();
    await office.getByText(`审核 — ${number}`).waitFor();
    // The loopback address was taken only because the checker's allow-list lists it, and the reviewer is told.
    await office.getByText('IP地址 127.0.0.1 不是公网地址（环回地址 127.0.0.0/8），仅因在本系统的网站核验允许地址（SITECHECK_ALLOW_ADDRESSES）中而接受').waitFor();
    const checks = office.getByTestId('site-checks');
    await checks.getByText('提交时检测').waitFor();
    await checks.getByText('有情况说明').waitFor();
    await checks.getByText('核验未通过').first().waitFor();
    await checks.getByText('经办人情况说明').waitFor();
    await checks.getByText(explanation).waitFor();
    expect((await checks.getByTestId('title-diff').innerText()).replace(/\u00a0/g, ' ')).toBe('网站名称：杭州市第一人民医院\n网页标题：杭州第一人民医院 欢迎您');
    await shot(office, 'sc-review');

    // The patrol's rounds (as the scheduler runs them): the demo's self-hosted sites are enrolled,
    // and a day later checked. Their registered names are not in the test zone: they fail at DNS.
    const tomorrow = { ...w.app, clock: { now: () => new Date(Date.now() + day) } };
    const policy = { intervalMs: day, failuresToNotify: 3, concurrency: 2, batch: 50, leaseMs: 5 * 60_000 };
    expect(await runPatrolRound(w.app, policy)).toBe(0);
    expect(await runPatrolRound(tomorrow, policy)).toBe(3);

    const centre = await as('center');
    await menu(centre, '网站巡检');
    await centre.waitForURL(/\/site-patrol$/);
    const failing = centre.locator('.ant-card', { hasText: '最近一次巡检未通过的网站' });
    const row = failing.locator('tr', { hasText: '杭州市第一人民医院' });
    await row.getByText('www.hz-first-hospital.cn', { exact: true }).waitFor();
    await row.getByText('1 次').waitFor();
    await row.getByText(/^英文域名 www\.hz-first-hospital\.cn 无法解析/).waitFor();
    await failing.locator('tr', { hasText: '宁波市教育局' }).waitFor();
    await failing.locator('tr', { hasText: '桐庐县人民政府' }).waitFor();
    await shot(centre, 'sc-patrol-centre');
    await row.getByRole('button', { name: '巡检记录' }).click();
    const drawer = centre.getByRole('dialog');
    await drawer.getByText('巡检记录 — 杭州市第一人民医院').waitFor();
    await drawer.getByText('核验未通过').first().waitFor();

    // The office sees its own region (桐庐县 is under 杭州市) and nothing of 宁波.
    await menu(office, '网站巡检');
    await office.waitForURL(/\/site-patrol$/);
    const officeFailing = office.locator('.ant-card', { hasText: '最近一次巡检未通过的网站' });
    await officeFailing.locator('tr', { hasText: '杭州市第一人民医院' }).waitFor();
    await officeFailing.locator('tr', { hasText: '桐庐县人民政府' }).waitFor();
    expect(await officeFailing.locator('tr', { hasText: '宁波市教育局' }).count()).toBe(0);
    await shot(office, 'sc-patrol-office');
  });
});
