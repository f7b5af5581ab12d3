import { describe, expect, it } from 'vitest';
import { useTestApp, type ApiClient } from '../support/app.js';
import { handlerContact, useDemoWorld } from '../support/demo-world.js';
import { clearAddress } from '../support/personal-data.js';

const t = useTestApp();
const w = useDemoWorld(t);

async function website(c: ApiClient) {
  const res = await c.get('/api/websites');
  expect(res.status).toBe(200);
  return res.body.items[0];
}

async function messages(userId: string, template: string) {
  const res = (await t.db.execute(
    `select channel, to_address, body from notifications where recipient_user_id = '${userId}' and template = '${template}' order by channel`,
  )) as unknown as { rows: { channel: string; to_address: string | null; body: string }[] };
  return res.rows.map((m) => ({ ...m, to_address: clearAddress(m.to_address) }));
}

async function queueHas(c: ApiClient, id: string, query = '') {
  const res = await c.get(`/api/review/queue?${query}`);
  expect(res.status).toBe(200);
  return res.body.items.some((i: { id: string }) => i.id === id);
}

async function approve(c: ApiClient, id: string) {
  const detail = await c.get(`/api/applications/${id}`);
  expect(detail.body.allowedActions).toContain('approve');
  const res = await c.post(`/api/applications/${id}/approve`, { version: detail.body.version });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function receiveAllPaper(c: ApiClient, id: string) {
  const detail = await c.get(`/api/applications/${id}`);
  let last = detail.body;
  for (const item of detail.body.paperItems) {
    const res = await c.post(`/api/applications/${id}/paper/${item.id}`, { version: last.version, status: 'received', receivedOn: '2026-11-20' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    last = res.body;
  }
  return last;
}

describe('procedure 一: 网络红页 → 自建网站 (变更)', () => {
  it.each([
    ['jbr.hzczj', 'bb.330100', '党政机关', true],
    ['jbr.nbtsg', 'bb.330200', '事业单位', false],
  ] as const)('%s (%s, %s): 变更, returned once, 修改申请, two-level review, paper when required', async (handlerName, officeName, _label, paper) => {
    const handler = await w.as(handlerName);
    const office = await w.as(officeName);
    const center = await w.as('center');
    const site = await website(handler);
    expect(site.hosting).toBe('red_page');
    expect(site.allowedActions).toEqual(expect.arrayContaining(['change', 'deregister']));

    const form = {
      type: 'change',
      websiteId: site.id,
      hosting: 'self_hosted',
      websiteName: site.name,
      englishDomain: 'www.example-unit.gov.cn',
      ipAddresses: ['115.236.10.99'],
      description: site.description,
      handler: handlerContact,
    };
    const created = await handler.post('/api/applications', { payload: form, submit: true });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ status: 'pending_office', statusLabel: '待编办审核', typeLabel: '变更' });
    expect((await website(handler)).allowedActions).not.toContain('change');

    // The office finds it in its queue and returns it, pointing at 网站名称.
    expect(await queueHas(office, id, 'step=office')).toBe(true);
    const before = await office.get(`/api/applications/${id}`);
    const returned = await office.post(`/api/applications/${id}/return`, {
      version: before.body.version,
      reasons: [{ field: 'websiteName', reason: '网站名称须与网站首页标签显示的内容一致' }],
    });
    expect(returned.status).toBe(200);
    expect(returned.body.status).toBe('returned');
    const notice = await messages(created.body.createdBy ?? (await handler.get('/api/session')).body.user.id, 'application_returned');
    expect(notice.map((m) => m.channel)).toEqual(['email', 'inbox', 'sms']);
    // Results go to the mobile on the 经办人's account (a confirmed change of contact reaches them).
    expect(notice.find((m) => m.channel === 'sms')?.to_address).toBe((await handler.get('/api/account')).body.mobile);

    // 查看审核结果: the decision, its reason, the field highlighted.
    const result = await handler.get(`/api/applications/${id}`);
    expect(result.body.returnedFields).toEqual(['websiteName']);
    expect(result.body.decisions[0]).toMatchObject({ decision: 'return', stepLabel: '编办审核', reasons: [{ field: 'websiteName', label: '网站名称' }] });
    expect(result.body.allowedActions).toEqual(expect.arrayContaining(['revise', 'withdraw']));

    // 修改申请 → 重新上报: a new revision, back to the office, with the diff for the reviewer.
    const revised = await handler.request('PUT', `/api/applications/${id}`, { version: result.body.version, payload: { ...form, websiteName: `${site.name}门户网站` } });
    expect(revised.status, JSON.stringify(revised.body)).toBe(200);
    expect(revised.body).toMatchObject({ status: 'pending_office', revision: 2 });
    const seen = await office.get(`/api/applications/${id}`);
    expect(seen.body.diff).toEqual([{ field: 'websiteName', label: '网站名称', before: site.name, after: `${site.name}门户网站` }]);
    expect(seen.body.revisions).toHaveLength(2);

    await approve(office, id);
    expect(await queueHas(center, id, 'step=center')).toBe(true);
    const afterCenter = await approve(center, id);

    if (paper) {
      expect(afterCenter.status).toBe('pending_paper');
      const withItems = await handler.get(`/api/applications/${id}`);
      expect(withItems.body.paperItems.map((i: { label: string; copies: number }) => [i.label, i.copies])).toEqual([
        ['《党政机关网站资格复核申请表》（加盖单位公章）', 3],
        ['经办人身份证复印件（加盖单位公章）', 1],
      ]);
      expect((await messages(withItems.body.unit.id === '' ? '' : (await handler.get('/api/session')).body.user.id, 'paper_requested')).length).toBe(3);
      const done = await receiveAllPaper(office, id);
      expect(done.status).toBe('approved');
    } else {
      expect(afterCenter.status).toBe('approved');
    }

    const updated = await website(handler);
    expect(updated).toMatchObject({ hosting: 'self_hosted', englishDomain: 'www.example-unit.gov.cn', ipAddresses: ['115.236.10.99'], badgeVersion: 2, name: `${site.name}门户网站` });
    const final = await handler.get(`/api/applications/${id}`);
    expect(final.body.history.map((h: { event: string }) => h.event)).toEqual(
      paper ? ['submit', 'return', 'resubmit', 'approve', 'approve', 'confirm_paper'] : ['submit', 'return', 'resubmit', 'approve', 'approve'],
    );
    const approvedMsg = await messages((await handler.get('/api/session')).body.user.id, 'application_approved');
    expect(approvedMsg.find((m) => m.channel === 'inbox')?.body).toContain('URL转发');
    const proposal = (await t.db.execute(`select proposal from dns_change_proposals where application_id = '${id}'`)) as unknown as { rows: { proposal: { to: string; add: { host: string; type: string; target: string }[] } }[] };
    expect(proposal.rows[0]?.proposal).toMatchObject({ to: 'self_hosted', add: [{ host: '@', type: 'URL转发', target: 'http://www.example-unit.gov.cn' }] });
  });
});

describe('procedure 二: 自建网站 → 网络红页 (注销, then 新开办网站申请)', () => {
  it.each([
    ['jbr.hzdyyy', 'bb.330100', false],
    ['jbr.nbjyj', 'bb.330200', true],
  ] as const)('%s: 注销 reviewed by the 编办 only, then a 网络红页 application goes live', async (handlerName, officeName, paper) => {
    const handler = await w.as(handlerName);
    const office = await w.as(officeName);
    const center = await w.as('center');
    const site = await website(handler);
    expect(site.hosting).toBe('self_hosted');

    const dereg = await handler.post('/api/applications', { payload: { type: 'deregister', websiteId: site.id, reason: '改为网络红页', handler: handlerContact }, submit: true });
    expect(dereg.status, JSON.stringify(dereg.body)).toBe(201);
    expect(dereg.body.chain.map((s: { step: string }) => s.step)).toEqual(['office']);
    // The centre never sees a 注销.
    expect((await center.get(`/api/applications/${dereg.body.id}`)).status).toBe(404);

    const redPageForm = {
      type: 'new_site',
      domainId: site.domain.id,
      hosting: 'red_page',
      websiteName: site.unit.name,
      description: `本网站由${site.unit.name}主办，旨在介绍我单位职能、职责、人员编制，面向社会公开工作动态，促进我单位电子政务和信息化建设。`,
      handler: handlerContact,
    };
    const tooEarly = await handler.post('/api/applications', { payload: redPageForm, submit: true });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.error.code).toBe('DEREGISTRATION_PENDING');
    expect(tooEarly.body.error.message).toContain('请等待注销审核通过');

    const approvedDereg = await approve(office, dereg.body.id);
    expect(approvedDereg.status).toBe('approved');
    const gone = (await handler.get(`/api/websites/${site.id}`)).body;
    expect(gone).toMatchObject({ status: 'deregistered', allowedActions: [] });

    const fresh = await handler.post('/api/applications', { payload: redPageForm, submit: true });
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(201);
    await approve(office, fresh.body.id);
    const afterCenter = await approve(center, fresh.body.id);
    const final = paper ? await receiveAllPaper(office, fresh.body.id) : afterCenter;
    expect(final.status).toBe('approved');

    const sites = (await handler.get('/api/websites')).body.items;
    const live = sites.find((s: { status: string }) => s.status === 'active');
    expect(live).toMatchObject({ hosting: 'red_page', englishDomain: null, ipAddresses: [], badgeVersion: 1, name: site.unit.name });
    expect(live.badgeNumber).toMatch(/^\d{6}\d{4}\d{6}$/);
    expect(live.id).not.toBe(site.id);
    const row = (await t.db.execute(`select badge_public_id, red_page_published_at from websites where id = '${live.id}'`)) as unknown as { rows: { badge_public_id: string; red_page_published_at: unknown }[] };
    expect(row.rows[0]?.badge_public_id).toMatch(/^[0-9A-F]{32}$/);
    expect(row.rows[0]?.red_page_published_at).not.toBeNull();
  });
});
