/**
 * 网站核验 through the API: the 经办人's 检测 before submitting, the check at submission (a
 * failure blocks unless explained), the evidence reviewers see, their 复查. All sites are the
 * loopback servers of `useSiteWorld`; declared public IPs are never contacted (the guard).
 */
import { describe, expect, it } from 'vitest';
import { createSiteChecker } from '../../src/sitecheck/check-site.js';
import { useTestApp, type ApiClient } from '../support/app.js';
import { handlerContact, useDemoWorld } from '../support/demo-world.js';
import { host, useSiteWorld } from '../support/sitecheck.js';
import { beforeAll } from 'vitest';

const t = useTestApp();
const w = useDemoWorld(t);
const sites = useSiteWorld();
beforeAll(() => {
  t.app.siteChecker = createSiteChecker(sites.settings());
});

async function siteOf(c: ApiClient) {
  const res = await c.get('/api/websites');
  return res.body.items[0];
}
const changeForm = (site: { id: string; description: string }, over: Record<string, unknown> = {}) => ({
  type: 'change',
  websiteId: site.id,
  hosting: 'self_hosted',
  websiteName: '杭州市财政局',
  englishDomain: host('mismatch'),
  ipAddresses: ['115.236.10.21'],
  description: site.description,
  handler: handlerContact,
  ...over,
});
async function rows(sql: string) {
  return ((await t.db.execute(sql)) as unknown as { rows: Record<string, unknown>[] }).rows;
}

describe('检测 before submitting', () => {
  it('shows the 经办人 exactly what differs between 网站名称 and the page title', async () => {
    const handler = await w.as('jbr.hzczj');
    const res = await handler.post('/api/site-checks', { englishDomain: host('mismatch'), ipAddresses: ['127.0.0.1'], websiteName: '杭州市财政局' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ trigger: 'manual', outcome: 'fail', englishDomain: host('mismatch') });
    expect(res.body.findings.map((f: { code: string }) => f.code)).toEqual(['TITLE_MISMATCH', 'ICP_FOUND']);
    expect(res.body.report.title).toMatchObject({ expected: '杭州市财政局', actual: '杭州市财政局 - 首页', segments: [{ op: 'same', text: '杭州市财政局' }, { op: 'extra', text: ' - 首页' }] });
    const audit = await rows(`select details from audit_events where action = 'site_check' and target_id = '${res.body.id}'`);
    expect(audit[0]?.['details']).toMatchObject({ trigger: 'manual', englishDomain: host('mismatch'), outcome: 'fail' });
  });

  it('passes a site whose title is the 网站名称', async () => {
    const handler = await w.as('jbr.hzczj');
    const res = await handler.post('/api/site-checks', { englishDomain: host('utf8'), ipAddresses: ['127.0.0.1'], websiteName: '杭州市财政局' });
    expect(res.body).toMatchObject({ outcome: 'pass', outcomeLabel: '通过' });
  });

  it('refuses a name that resolves to loopback when the allow-list is empty, fetching nothing', async () => {
    const saved = t.app.siteChecker;
    t.app.siteChecker = createSiteChecker(sites.settings({ allowLoopback: false }));
    try {
      const handler = await w.as('jbr.hzczj');
      const before = sites.received.length;
      const res = await handler.post('/api/site-checks', { englishDomain: host('lo'), ipAddresses: ['127.0.0.1'], websiteName: '杭州市财政局' });
      expect(res.body.findings.map((f: { code: string }) => f.code)).toEqual(['ADDRESS_REFUSED', 'DECLARED_IP_REFUSED']);
      expect(res.body.findings[0].message).toContain('127.0.0.1（环回地址');
      expect(sites.received.length).toBe(before);
    } finally {
      t.app.siteChecker = saved;
    }
  });

  it('takes bare domains and well-formed addresses only', async () => {
    const handler = await w.as('jbr.hzczj');
    const url = await handler.post('/api/site-checks', { englishDomain: 'http://www.hzcz.gov.cn/', ipAddresses: ['127.0.0.1'], websiteName: 'x' });
    expect(url).toMatchObject({ status: 400, body: { error: { code: 'EN_DOMAIN_NOT_BARE', field: 'englishDomain' } } });
    const ip = await handler.post('/api/site-checks', { englishDomain: host('utf8'), ipAddresses: ['127.0.0.1:80'], websiteName: 'x' });
    expect(ip).toMatchObject({ status: 400, body: { error: { code: 'IP_INVALID', field: 'ipAddresses.0' } } });
  });

  it('is for the 经办人 only', async () => {
    const office = await w.as('bb.330100');
    const res = await office.post('/api/site-checks', { englishDomain: host('utf8'), ipAddresses: ['127.0.0.1'], websiteName: 'x' });
    expect(res.status).toBe(403);
  });

  it('is limited to 20 checks per user in 10 minutes: the server is nobody’s proxy', async () => {
    const handler = await w.as('jbr.nbtsg');
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await handler.post('/api/site-checks', { englishDomain: host('nosuch'), ipAddresses: ['115.236.10.21'], websiteName: 'x' })).status);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses[20]).toBe(429);
    t.clock.minutes(11);
    expect((await handler.post('/api/site-checks', { englishDomain: host('nosuch'), ipAddresses: ['115.236.10.21'], websiteName: 'x' })).status).toBe(200);
  });

  it('counts the checks still running: a burst of parallel requests cannot pass the limit', async () => {
    const saved = t.app.siteChecker;
    // A site that never finishes its page: every check runs until its 1.5 s budget is spent, so
    // the whole burst arrives while none of its checks has been saved yet.
    t.app.siteChecker = createSiteChecker(sites.settings({ totalTimeoutMs: 1_500 }));
    try {
      const handler = await w.as('jbr.nbtsg');
      t.clock.minutes(11);
      const statuses = await Promise.all(
        Array.from({ length: 25 }, () => handler.post('/api/site-checks', { englishDomain: host('slow'), ipAddresses: ['127.0.0.1'], websiteName: 'x' }).then((r) => r.status)),
      );
      expect(statuses.filter((s) => s === 200)).toHaveLength(20);
      expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    } finally {
      t.app.siteChecker = saved;
    }
  });
});

describe('the check at submission', () => {
  it('blocks a failing site until the 经办人 explains; reviewers see the evidence and the explanation', async () => {
    const handler = await w.as('jbr.hzczj');
    const site = await siteOf(handler);
    const blocked = await handler.post('/api/applications', { payload: changeForm(site), submit: true });
    expect(blocked.status, JSON.stringify(blocked.body)).toBe(422);
    expect(blocked.body.error).toMatchObject({ code: 'SITE_CHECK_FAILED', field: 'siteCheckExplanation' });
    expect(blocked.body.error.message).toContain('IP地址 115.236.10.21 不在英文域名');
    expect(blocked.body.error.message).toContain('网页标题多出 “ - 首页”');
    expect(blocked.body.error.details.report.findings.map((f: { code: string }) => f.code)).toEqual(['IP_NOT_RESOLVED', 'TITLE_MISMATCH', 'BADGE_MISSING', 'ICP_FOUND']);
    // Nothing was filed; the attempt is on record.
    expect((await handler.get('/api/applications')).body.items.filter((a: { websiteId: string; status: string }) => a.websiteId === site.id && a.status !== 'withdrawn')).toEqual([]);
    expect(await rows(`select trigger, application_id, outcome from site_checks where english_domain = '${host('mismatch')}' and trigger = 'submission'`)).toEqual([
      { trigger: 'submission', application_id: null, outcome: 'fail' },
    ]);

    const explanation = '网站正在迁移至新服务器，域名解析将于本周内切换；网页标题将同步修改为网站名称。';
    const filed = await handler.post('/api/applications', { payload: changeForm(site), submit: true, siteCheckExplanation: explanation });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body.status).toBe('pending_office');

    const office = await w.as('bb.330100');
    const evidence = await office.get(`/api/applications/${filed.body.id}/site-checks`);
    expect(evidence.status).toBe(200);
    expect(evidence.body.items).toHaveLength(1);
    expect(evidence.body.items[0]).toMatchObject({ trigger: 'submission', triggerLabel: '提交时检测', outcome: 'fail', explanation, revision: 1, requesterName: expect.any(String) });
    expect(evidence.body.items[0].report.title.actual).toBe('杭州市财政局 - 首页');
    const history = await rows(`select note from application_history where application_id = '${filed.body.id}' and event = 'submit'`);
    expect(history[0]?.['note']).toEqual({ siteCheck: 'fail', siteCheckExplained: true });

    // Another region's office does not see it at all.
    const ningbo = await w.as('bb.330200');
    expect((await ningbo.get(`/api/applications/${filed.body.id}/site-checks`)).status).toBe(404);

    // 复查: the reviewer checks again, a minute later (the evidence is listed newest first); the result joins the evidence.
    t.clock.minutes(1);
    const recheck = await office.post(`/api/applications/${filed.body.id}/site-checks`);
    expect(recheck.status, JSON.stringify(recheck.body)).toBe(200);
    expect(recheck.body).toMatchObject({ trigger: 'review', outcome: 'fail', revision: 1 });
    expect((await office.get(`/api/applications/${filed.body.id}/site-checks`)).body.items.map((i: { trigger: string }) => i.trigger)).toEqual(['review', 'submission']);
    expect((await handler.post(`/api/applications/${filed.body.id}/site-checks`)).status).toBe(403);

    // Returned, revised to a matching site, resubmitted: checked again and this time it passes.
    t.clock.minutes(1);
    const detail = await office.get(`/api/applications/${filed.body.id}`);
    const ret = await office.post(`/api/applications/${filed.body.id}/return`, { version: detail.body.version, reasons: [{ field: 'websiteName', reason: '网站名称与网页标题不一致' }] });
    expect(ret.status).toBe(200);
    const stillFailing = await handler.request('PUT', `/api/applications/${filed.body.id}`, { version: ret.body.version, payload: changeForm(site) });
    expect(stillFailing.status).toBe(422);
    const fixed = await handler.request('PUT', `/api/applications/${filed.body.id}`, { version: ret.body.version, payload: changeForm(site, { englishDomain: host('utf8'), ipAddresses: ['115.236.10.21'] }) });
    // The IP is still not where the name points: explained this time.
    expect(fixed.status).toBe(422);
    expect(fixed.body.error.details.report.findings.map((f: { code: string }) => f.code)).toEqual(['IP_NOT_RESOLVED', 'BADGE_MISSING', 'ICP_FOUND']);
    // The blocked attempts above are kept too (no revision): the resubmission comes a minute later, so it is listed first.
    t.clock.minutes(1);
    const resubmitted = await handler.request('PUT', `/api/applications/${filed.body.id}`, {
      version: ret.body.version,
      payload: changeForm(site, { englishDomain: host('utf8') }),
      siteCheckExplanation: '服务器IP地址为115.236.10.21，域名解析正在变更中。',
    });
    expect(resubmitted.status, JSON.stringify(resubmitted.body)).toBe(200);
    expect(resubmitted.body.status).toBe('pending_office');
    const all = (await office.get(`/api/applications/${filed.body.id}/site-checks`)).body;
    expect(all.currentRevision).toBe(2);
    expect(all.items[0]).toMatchObject({ trigger: 'submission', revision: 2, englishDomain: host('utf8'), explanation: '服务器IP地址为115.236.10.21，域名解析正在变更中。' });
  });

  it('a draft submitted later is checked then; a blocked attempt is kept with the draft', async () => {
    const handler = await w.as('jbr.hzdyyy');
    const site = await siteOf(handler);
    expect(site.hosting).toBe('self_hosted');
    // The GBK page's title is the unit's website name; only the declared IP is not where the name points.
    const form = changeForm(site, { websiteName: site.name, englishDomain: host('gbk') });
    const draft = await handler.post('/api/applications', { payload: form, submit: false });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect(await rows(`select 1 from site_checks where application_id = '${draft.body.id}'`)).toEqual([]);
    const blocked = await handler.post(`/api/applications/${draft.body.id}/submit`, { version: draft.body.version });
    expect(blocked.status).toBe(422);
    expect(blocked.body.error.details.report.findings.filter((f: { severity: string }) => f.severity === 'fail').map((f: { code: string }) => f.code)).toEqual(['IP_NOT_RESOLVED']);
    expect(blocked.body.error.details.report.page).toMatchObject({ title: '杭州市第一人民医院', charset: 'gb18030' });
    expect((await handler.get(`/api/applications/${draft.body.id}`)).body.status).toBe('draft');
    // Explained a minute later, so its check is listed first (newest first; checks at one frozen
    // test-clock instant have no order on PostgreSQL — failed once in CI).
    t.clock.minutes(1);
    const submitted = await handler.post(`/api/applications/${draft.body.id}/submit`, { version: draft.body.version, siteCheckExplanation: '医院新机房IP，解析切换中' });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const checks = (await handler.get(`/api/applications/${draft.body.id}/site-checks`)).body.items;
    expect(checks.map((c: { trigger: string; explanation: string | null }) => [c.trigger, c.explanation])).toEqual([
      ['submission', '医院新机房IP，解析切换中'],
      ['submission', null],
    ]);
  });

  it('a page without a title blocks too', async () => {
    const handler = await w.as('jbr.nbjyj');
    const site = await siteOf(handler);
    const res = await handler.post('/api/applications', { payload: changeForm(site, { websiteName: site.name, englishDomain: host('notitle') }), submit: true });
    expect(res.status).toBe(422);
    expect(res.body.error.details.report.findings.map((f: { code: string }) => f.code)).toContain('TITLE_MISSING');
  });

  it('a matching site passes at submission without an explanation, when its loopback address is explicitly allowed', async () => {
    const handler = await w.as('jbr.nbjyj');
    const site = await siteOf(handler);
    // The gb2312 page's title is the unit's 网站名称 and the name points at 127.0.0.1. The form
    // takes that address only because the checker's allow-list (SITECHECK_ALLOW_ADDRESSES) lists
    // it: with no checker, or one whose list is empty, it is refused as before.
    const form = changeForm(site, { websiteName: site.name, englishDomain: host('gbkmeta'), ipAddresses: ['127.0.0.1'] });
    const saved = t.app.siteChecker;
    try {
      t.app.siteChecker = undefined;
      const noChecker = await handler.post('/api/applications', { payload: form, submit: true });
      expect(noChecker).toMatchObject({ status: 400, body: { error: { code: 'IP_LOOPBACK', field: 'ipAddresses.0' } } });
      t.app.siteChecker = createSiteChecker(sites.settings({ allowLoopback: false }));
      const notListed = await handler.post('/api/applications', { payload: form, submit: true });
      expect(notListed).toMatchObject({ status: 400, body: { error: { code: 'IP_LOOPBACK', field: 'ipAddresses.0' } } });
    } finally {
      t.app.siteChecker = saved;
    }

    const filed = await handler.post('/api/applications', { payload: form, submit: true });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body.status).toBe('pending_office');
    const history = await rows(`select note from application_history where application_id = '${filed.body.id}' and event = 'submit'`);
    expect(history[0]?.['note']).toEqual({ siteCheck: 'pass' });
    const revision = await rows(`select warnings from application_revisions where application_id = '${filed.body.id}'`);
    expect(revision[0]?.['warnings']).toContainEqual({ code: 'IP_ALLOW_LISTED', message: expect.stringContaining('IP地址 127.0.0.1 不是公网地址') });

    const office = await w.as('bb.330200');
    const evidence = (await office.get(`/api/applications/${filed.body.id}/site-checks`)).body;
    expect(evidence.items).toHaveLength(1);
    const check = evidence.items[0];
    expect(check).toMatchObject({ trigger: 'submission', outcome: 'pass', outcomeLabel: '通过', explanation: null, revision: 1, englishDomain: host('gbkmeta') });
    expect(check.report.findings.filter((f: { severity: string }) => f.severity === 'fail')).toEqual([]);
    expect(check.report.title).toMatchObject({ expected: '宁波市教育局', actual: '宁波市教育局', equal: true });
    expect(check.report.declared).toEqual([expect.objectContaining({ address: '127.0.0.1', allowed: true, resolved: true })]);
    expect(check.report.fetches.map((f: { scheme: string; status: number }) => [f.scheme, f.status])).toEqual([
      ['http', 200],
      ['https', 200],
    ]);
    expect(await rows(`select outcome, explanation from site_checks where application_id = '${filed.body.id}'`)).toEqual([{ outcome: 'pass', explanation: null }]);
  });

  it('a 网络红页 application has nothing to check', async () => {
    const handler = await w.as('jbr.hzczj');
    const site = await siteOf(handler);
    const open = (await handler.get('/api/applications')).body.items.find((a: { websiteId: string; status: string }) => a.websiteId === site.id && a.status === 'pending_office');
    if (open !== undefined) await handler.post(`/api/applications/${open.id}/withdraw`, { version: open.version });
    const res = await handler.post('/api/applications', {
      payload: { type: 'change', websiteId: site.id, hosting: 'red_page', websiteName: `${site.name}`, englishDomain: null, ipAddresses: [], description: site.description, handler: handlerContact },
      submit: true,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(await rows(`select 1 from site_checks where application_id = '${res.body.id}'`)).toEqual([]);
  });
});
