import { describe, expect, it } from 'vitest';
import { expandFanouts } from '../../src/app/notifications/fan-out.js';
import { useTestApp, type ApiClient } from '../support/app.js';
import { handlerContact, useDemoWorld } from '../support/demo-world.js';
import { buildDomainAndWebsite, buildUnit, buildUser } from '../support/factories.js';

const t = useTestApp();
const w = useDemoWorld(t);

async function siteOf(c: ApiClient) {
  return (await c.get('/api/websites')).body.items[0];
}
const changeForm = (site: { id: string; name: string; description: string }, extra: Record<string, unknown> = {}) => ({
  type: 'change',
  websiteId: site.id,
  hosting: 'self_hosted',
  websiteName: site.name,
  englishDomain: 'www.rules-test.gov.cn',
  ipAddresses: ['115.236.10.77'],
  description: site.description,
  handler: handlerContact,
  ...extra,
});
async function count(table: string) {
  const r = (await t.db.execute(`select count(*)::int as n from ${table}`)) as unknown as { rows: { n: number }[] };
  return r.rows[0]?.n ?? 0;
}
/** A fresh 变更 from a new unit (a 党政机关 in 宁波 unless said), with its own website, submitted, with its handler. */
async function pending(o: { regionCode?: string; type?: 'party_government' | 'public_institution' } = {}) {
  const unit = await buildUnit(t.db, { regionCode: o.regionCode ?? '330200', type: o.type ?? 'party_government' });
  await buildDomainAndWebsite(t.db, unit.id);
  const u = await buildUser(t.db, { role: 'handler', unitId: unit.id });
  const handler = t.client();
  await handler.login(u.username, u.password);
  const site = await siteOf(handler);
  const res = await handler.post('/api/applications', { payload: changeForm(site), submit: true });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { handler, app: res.body };
}

describe('bad forms get the field and a Chinese message, and leave nothing behind', () => {
  it.each([
    ['网络红页 with an IP', { hosting: 'red_page', englishDomain: null }, 'RED_PAGE_NO_IP', 'ipAddresses'],
    ['自建网站 without an IP', { ipAddresses: [] }, 'IP_REQUIRED', 'ipAddresses'],
    ['自建网站 without an English domain', { englishDomain: null }, 'ENGLISH_DOMAIN_REQUIRED', 'englishDomain'],
    ['an invalid English domain', { englishDomain: 'http://www.x.gov.cn/index' }, 'EN_DOMAIN_NOT_BARE', 'englishDomain'],
    ['a private IP', { ipAddresses: ['10.1.2.3'] }, 'IP_PRIVATE', 'ipAddresses.0'],
    ['a bad ID number', { handler: { ...handlerContact, idNumber: '110105194912310021' } }, 'ID_CHECK', 'handler.idNumber'],
  ])('%s', async (_name, extra, code, field) => {
    const handler = await w.as('jbr.hzczj');
    const site = await siteOf(handler);
    const before = await count('applications');
    const res = await handler.post('/api/applications', { payload: changeForm(site, extra), submit: true });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code, field });
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await count('applications')).toBe(before);
  });

  it("refuses another unit's website and another unit's domain", async () => {
    const other = await siteOf(await w.as('jbr.nbtsg'));
    const handler = await w.as('jbr.hzczj');
    const site = await handler.post('/api/applications', { payload: changeForm(other), submit: false });
    expect(site.status).toBe(400);
    expect(site.body.error).toMatchObject({ code: 'WEBSITE_NOT_OWNED', field: 'websiteId' });
    const domain = await handler.post('/api/applications', {
      payload: { type: 'new_site', domainId: other.domain.id, hosting: 'red_page', websiteName: '某网站', description: '简介', handler: handlerContact },
    });
    expect(domain.body.error).toMatchObject({ code: 'DOMAIN_NOT_OWNED', field: 'domainId' });
  });

  it('refuses a 新开办 on a domain that already carries a website, and 资格复核 for a 事业单位', async () => {
    const handler = await w.as('jbr.zjnky');
    const site = await siteOf(handler);
    const res = await handler.post('/api/applications', {
      payload: { type: 'new_site', domainId: site.domain.id, hosting: 'red_page', websiteName: '某网站', description: '简介', handler: handlerContact },
    });
    expect(res.body.error.code).toBe('DOMAIN_HAS_WEBSITE');
    const rr = await handler.post('/api/applications', { payload: { ...changeForm(site, { hosting: 'red_page', englishDomain: null, ipAddresses: [] }), type: 're_review' } });
    expect(rr.body.error.code).toBe('RE_REVIEW_PARTY_ONLY');
  });

  it('allows one open application per website', async () => {
    const { handler } = await pending();
    const site = await siteOf(handler);
    const again = await handler.post('/api/applications', { payload: { type: 'deregister', websiteId: site.id, reason: '测试', handler: handlerContact } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('OPEN_APPLICATION_EXISTS');
  });

  it('only a 经办人 files applications', async () => {
    const office = await w.as('bb.330100');
    const res = await office.post('/api/applications', { payload: { type: 'deregister', websiteId: '00000000-0000-4000-8000-000000000000', reason: 'x', handler: handlerContact } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('HANDLER_ONLY');
  });
});

describe('wrong actors', () => {
  it('outside the scope the application does not exist (404)', async () => {
    const { app } = await pending();
    for (const who of ['jbr.hzczj', 'bb.330100', 'admin', 'auditor']) {
      const c = await w.as(who);
      expect((await c.get(`/api/applications/${app.id}`)).status, who).toBe(404);
      const approve = await c.post(`/api/applications/${app.id}/approve`, { version: app.version });
      // The auditor changes nothing anywhere: refused before any lookup, so nothing leaks either.
      if (who === 'auditor') expect(approve.body.error.code, who).toBe('AUDITOR_READ_ONLY');
      else expect(approve.status, who).toBe(404);
    }
    // The province office sees the 宁波 application (its subtree).
    expect((await (await w.as('bb.330000')).get(`/api/applications/${app.id}`)).status).toBe(200);
  });

  it('inside the scope, the wrong role or step is refused by name', async () => {
    const { handler, app } = await pending();
    const own = await handler.post(`/api/applications/${app.id}/approve`, { version: app.version });
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('ROLE_NOT_ALLOWED');
    const center = await w.as('center');
    const early = await center.post(`/api/applications/${app.id}/approve`, { version: app.version });
    expect(early.status).toBe(403);
    expect(early.body.error.code).toBe('NOT_YOUR_STEP');
    const office = await w.as('bb.330200');
    const ok = await office.post(`/api/applications/${app.id}/approve`, { version: app.version });
    expect(ok.status).toBe(200);
    const notMine = await office.post(`/api/applications/${app.id}/approve`, { version: ok.body.version });
    expect(notMine.body.error.code).toBe('NOT_YOUR_STEP');
  });

  it('a disabled or other-unit handler cannot touch it', async () => {
    const { app } = await pending();
    const stranger = await buildUser(t.db, { role: 'handler' });
    const c = t.client();
    await c.login(stranger.username, stranger.password);
    expect((await c.post(`/api/applications/${app.id}/withdraw`, { version: app.version })).status).toBe(404);
  });
});

describe('wrong states', () => {
  it('names the state and the event', async () => {
    const { handler, app } = await pending();
    const twice = await handler.post(`/api/applications/${app.id}/submit`, { version: app.version });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ code: 'INVALID_STATE' });
    expect(twice.body.error.message).toContain('待编办审核');
    const office = await w.as('bb.330200');
    const paper = await office.post(`/api/applications/${app.id}/paper/00000000-0000-4000-8000-000000000000`, { version: app.version, status: 'received' });
    expect(paper.body.error.code).toBe('INVALID_STATE');
    const revise = await handler.request('PUT', `/api/applications/${app.id}`, { version: app.version, payload: changeForm(await siteOf(handler)) });
    expect(revise.body.error.code).toBe('NOT_EDITABLE');
  });

  it('a return needs a reason; a blank one is not a reason', async () => {
    const { app } = await pending();
    const office = await w.as('bb.330200');
    const none = await office.post(`/api/applications/${app.id}/return`, { version: app.version, reasons: [] });
    expect(none.status).toBe(400);
    const blank = await office.post(`/api/applications/${app.id}/return`, { version: app.version, reasons: [{ reason: '   ' }] });
    expect(blank.status).toBe(400);
    expect(blank.body.error.code).toBe('REASON_REQUIRED');
  });

  it('a decision on an old version is refused as stale', async () => {
    const { app } = await pending();
    const office = await w.as('bb.330200');
    const res = await office.post(`/api/applications/${app.id}/approve`, { version: app.version - 1 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('STALE_VERSION');
  });

  it('the 经办人 may withdraw before the office decides, not after', async () => {
    const { handler, app } = await pending();
    const office = await w.as('bb.330200');
    const approved = await office.post(`/api/applications/${app.id}/approve`, { version: app.version });
    const late = await handler.post(`/api/applications/${app.id}/withdraw`, { version: approved.body.version });
    expect(late.body.error.code).toBe('INVALID_STATE');
  });
});

describe('two reviewers at once', () => {
  it('exactly one decision wins; the other gets 409 with a clear message', async () => {
    const { app } = await pending();
    const a = await w.as('bb.330200');
    const b = await w.as('bb.330000');
    const [ra, rb] = await Promise.all([
      a.post(`/api/applications/${app.id}/approve`, { version: app.version }),
      b.post(`/api/applications/${app.id}/return`, { version: app.version, reasons: [{ reason: '材料不全' }] }),
    ]);
    const statuses = [ra.status, rb.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = ra.status === 409 ? ra : rb;
    expect(loser.body.error.code).toBe('STALE_VERSION');
    expect(loser.body.error.message).toContain('已被他人处理');
    const history = (await t.db.execute(`select count(*)::int as n from application_history where application_id = '${app.id}'`)) as unknown as { rows: { n: number }[] };
    expect(history.rows[0]?.n).toBe(2);
  });
});

describe('the reviewer queue', () => {
  it('filters, pages by keyset, counts per status and flags overdue items', async () => {
    const { app } = await pending();
    const office = await w.as('bb.330000');
    const first = await office.get('/api/review/queue?status=pending_office&limit=1');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.counts.pending_office).toBeGreaterThanOrEqual(1);
    const seen = new Set<string>(first.body.items.map((i: { id: string }) => i.id));
    let cursor = first.body.nextCursor;
    while (cursor !== null) {
      const next = await office.get(`/api/review/queue?status=pending_office&limit=1&cursor=${cursor}`);
      for (const i of next.body.items) {
        expect(seen.has(i.id)).toBe(false);
        seen.add(i.id);
      }
      cursor = next.body.nextCursor;
    }
    expect(seen.has(app.id)).toBe(true);
    expect(seen.size).toBe(first.body.counts.pending_office);

    expect((await office.get('/api/review/queue?regionCode=330100&status=pending_office')).body.items.map((i: { id: string }) => i.id)).not.toContain(app.id);
    expect((await office.get('/api/review/queue?unitType=public_institution')).body.items.map((i: { id: string }) => i.id)).not.toContain(app.id);
    expect((await office.get('/api/review/queue?overdue=true')).body.items.map((i: { id: string }) => i.id)).not.toContain(app.id);
    await t.db.execute(`update applications set due_at = '${new Date(t.clock.now().getTime() - 3_600_000).toISOString()}' where id = '${app.id}'`);
    const overdue = await office.get('/api/review/queue?overdue=true');
    expect(overdue.status, JSON.stringify(overdue.body)).toBe(200);
    expect(overdue.body.items.find((i: { id: string }) => i.id === app.id)?.overdue).toBe(true);
    // 超期 with a submission-date range: the range still applies (checked on the rows, not indexed).
    const ids = async (q: string) => (await office.get(`/api/review/queue?overdue=true&${q}`)).body.items.map((i: { id: string }) => i.id);
    const day = 86_400_000;
    const iso = (ms: number) => encodeURIComponent(new Date(t.clock.now().getTime() + ms).toISOString());
    expect(await ids(`submittedFrom=${iso(-day)}`)).toContain(app.id);
    expect(await ids(`submittedFrom=${iso(day)}`)).not.toContain(app.id);
    expect(await ids(`submittedTo=${iso(-day)}`)).not.toContain(app.id);
    expect(await ids(`submittedFrom=${iso(-day)}&submittedTo=${iso(day)}`)).toContain(app.id);
    expect((await office.get('/api/review/queue?cursor=garbage')).status).toBe(400);
  });

  it('batch approval reports each item', async () => {
    const { app } = await pending();
    const office = await w.as('bb.330200');
    const res = await office.post('/api/review/batch-approve', {
      items: [
        { id: app.id, version: app.version },
        { id: app.id, version: app.version },
        { id: '00000000-0000-4000-8000-000000000000', version: 1 },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code))).toEqual(['ok', 'STALE_VERSION', 'NOT_FOUND']);
  });
});

describe('deadlines and region settings', () => {
  it('sets the office deadline 5 working days out, skipping configured holidays', async () => {
    const admin = await w.as('admin');
    const now = t.clock.now();
    const days = Array.from({ length: 10 }, (_, i) => new Date(now.getTime() + (i + 1) * 86_400_000).toISOString().slice(0, 10));
    expect((await admin.request('PUT', '/api/admin/calendar', { days: days.map((day) => ({ day, kind: 'holiday', name: '测试假期' })) })).status).toBe(200);
    const { app } = await pending();
    expect(new Date(app.dueAt).getTime() - now.getTime()).toBeGreaterThan(10 * 86_400_000);
    await admin.request('PUT', '/api/admin/calendar', { days: [] });
  });

  it('the admin makes 事业单位 hand in paper in one region, and only there', async () => {
    const admin = await w.as('admin');
    const cfg = await admin.get('/api/admin/workflow-configs/330200');
    expect(cfg.body.effective.find((e: { type: string; unitType: string }) => e.type === 'change' && e.unitType === 'public_institution').chain).toEqual(['office', 'center']);
    const bad = await admin.request('PUT', '/api/admin/workflow-configs/330200', { version: cfg.body.version, config: { chains: { change: { public_institution: ['paper', 'office'] } } } });
    expect(bad.status).toBe(400);
    const set = await admin.request('PUT', '/api/admin/workflow-configs/330200', {
      version: cfg.body.version,
      config: { paperRequiredForPublicInstitution: true, paperItems: { public_institution: [{ kind: 'application_form', label: '《事业单位网上名称审核表》', copies: 2 }] } },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const effective = set.body.effective.find((e: { type: string; unitType: string }) => e.type === 'change' && e.unitType === 'public_institution');
    expect(effective.chain).toEqual(['office', 'center', 'paper']);
    expect(effective.paperItems).toEqual([{ kind: 'application_form', label: '《事业单位网上名称审核表》', copies: 2 }]);
    const hz = await admin.get('/api/admin/workflow-configs/330100');
    expect(hz.body.effective.find((e: { type: string; unitType: string }) => e.type === 'change' && e.unitType === 'public_institution').chain).toEqual(['office', 'center']);
    // What submissions then get (the submission reads the settings through the process's cache,
    // app/applications/workflow-context.ts): 宁波's 事业单位 the paper step, 杭州's and 桐庐's not,
    // 宁波's 党政机关 their paper step as before.
    const chainOf = async (o: Parameters<typeof pending>[0]) => ((await pending(o)).app.chain as { step: string }[]).map((c) => c.step);
    expect(await chainOf({ regionCode: '330200', type: 'public_institution' })).toEqual(['office', 'center', 'paper']);
    expect(await chainOf({ regionCode: '330100', type: 'public_institution' })).toEqual(['office', 'center']);
    expect(await chainOf({ regionCode: '330122', type: 'public_institution' })).toEqual(['office', 'center']);
    expect(await chainOf({})).toEqual(['office', 'center', 'paper']);
    const stale = await admin.request('PUT', '/api/admin/workflow-configs/330200', { version: cfg.body.version, config: {} });
    expect(stale.body.error.code).toBe('STALE_VERSION');
    const office = await w.as('bb.330200');
    expect((await office.get('/api/admin/workflow-configs/330200')).status).toBe(403);
  });
});

describe('property: generated application forms never get a 5xx nor leave a partial application', () => {
  it('holds for forms of every type with arbitrary field values', async () => {
    const fc = (await import('fast-check')).default;
    const handler = await w.as('jbr.zjnky');
    const site = await siteOf(handler);
    const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('', ' ', 'www.x.gov.cn', '115.236.10.5', '10.0.0.1', '::1', '13800000001', 'a@b.cn', '11010519491231002X', 'http://x'));
    const form = fc.record(
      {
        type: fc.constantFrom('new_site', 're_review', 'change', 'deregister'),
        websiteId: fc.constantFrom(site.id, '00000000-0000-4000-8000-000000000000'),
        domainId: fc.constantFrom(site.domain.id, '00000000-0000-4000-8000-000000000000'),
        hosting: fc.constantFrom('red_page', 'self_hosted', 'other'),
        websiteName: text,
        englishDomain: fc.option(text),
        ipAddresses: fc.array(text, { maxLength: 5 }),
        description: text,
        reason: text,
        redPage: fc.option(fc.record({ address: text, functions: text, phone: text })),
        handler: fc.record({ name: text, mobile: text, email: text, idNumber: text }),
      },
      { requiredKeys: ['type'] },
    );
    await fc.assert(
      fc.asyncProperty(form, fc.boolean(), async (payload, submit) => {
        const before = await count('applications');
        const res = await handler.post('/api/applications', { payload, submit });
        if (res.status >= 500) throw new Error(`${res.status} ${JSON.stringify(res.body)} for ${JSON.stringify(payload)}`);
        if (res.status >= 400) expect(await count('applications')).toBe(before);
        if (res.status === 201) await handler.post(`/api/applications/${res.body.id}/withdraw`, { version: res.body.version });
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});

describe('messages, paper and 资格复核', () => {
  it('tells the unit’s own-level office when an application arrives, not the province', async () => {
    const { app } = await pending();
    // The reviewers' messages are addressed by the outbox worker's passes (20 rows each, oldest
    // first: the tests before this one left theirs waiting).
    while ((await expandFanouts(t.app)).addressed > 0);
    const rows = (await t.db.execute(
      `select u.username, n.channel from notifications n join users u on u.id = n.recipient_user_id
       where n.template = 'application_arrived' and n.idempotency_key like 'application:${app.id}:%' order by u.username, n.channel`,
    )) as unknown as { rows: { username: string; channel: string }[] };
    expect([...new Set(rows.rows.map((r) => r.username))]).toEqual(['bb.330200']);
    expect(rows.rows.map((r) => r.channel)).toContain('inbox');
  });

  it('addresses the centre’s arrival messages in the worker’s pass: each active reviewer once, then the waiting row is gone', async () => {
    const { app } = await pending();
    const office = await w.as('bb.330200');
    const approved = await office.post(`/api/applications/${app.id}/approve`, { version: app.version });
    expect(approved.body.status).toBe('pending_center');
    const disabled = await buildUser(t.db, { role: 'center_reviewer', mobile: '13900000077' });
    await t.db.execute(`update users set disabled = true where id = '${disabled.id}'`);
    const arrivals = async () =>
      ((await t.db.execute(
        `select recipient_user_id as "to", channel, idempotency_key as key from notifications where template = 'application_arrived' and application_id = '${app.id}' and idempotency_key like '%:v${approved.body.version}:%' order by 1, 2`,
      )) as unknown as { rows: { to: string; channel: string; key: string }[] }).rows;
    const waiting = async () =>
      ((await t.db.execute(`select idempotency_key as key from notification_fanouts where application_id = '${app.id}' and step = 'center'`)) as unknown as { rows: { key: string }[] }).rows;

    // The decision wrote the intent, not the centre's rows: nothing of it reaches a reviewer before the pass.
    expect(await arrivals()).toEqual([]);
    const [intent] = await waiting();
    const params = ((await t.db.execute(`select params from notification_fanouts where idempotency_key = '${intent?.key}'`)) as unknown as { rows: { params: unknown }[] }).rows[0]?.params;
    expect(intent?.key).toBe(`application:${app.id}:v${approved.body.version}:application_arrived`);

    // Two passes at once (two workers): each message once; the row is deleted with them.
    await Promise.all([expandFanouts(t.app), expandFanouts(t.app)]);
    const centre = ((await t.db.execute(`select id, mobile is not null as sms, email is not null as email from users where role = 'center_reviewer' and not disabled order by id`)) as unknown as {
      rows: { id: string; sms: boolean; email: boolean }[];
    }).rows;
    expect(centre.length).toBeGreaterThan(0);
    const expected = centre.flatMap((r) => [...(r.email ? ['email'] : []), 'inbox', ...(r.sms ? ['sms'] : [])].map((channel) => ({ to: r.id, channel, key: `${intent?.key}:${r.id}:${channel}` })));
    expect(await arrivals()).toEqual(expected.sort((a, b) => (a.to === b.to ? a.channel.localeCompare(b.channel) : a.to < b.to ? -1 : 1)));
    expect((await arrivals()).some((m) => m.to === disabled.id)).toBe(false);
    expect(await waiting()).toEqual([]);

    // The same intent again (a replayed decision) addresses nothing new.
    await t.db.execute(
      `insert into notification_fanouts (application_id, step, region_path, template, params, idempotency_key, created_at) values ('${app.id}', 'center', '330000/330200', 'application_arrived', '${JSON.stringify(params)}', '${intent?.key}', now())`,
    );
    expect((await expandFanouts(t.app)).addressed).toBe(1);
    expect((await arrivals()).length).toBe(expected.length);
  });

  it('sets aside a waiting row it cannot compose, with the reason, and addresses the rows behind it', async () => {
    const { app } = await pending();
    const insert = (key: string, template: string, params: string) =>
      t.db.execute(
        `insert into notification_fanouts (application_id, step, region_path, template, params, idempotency_key, created_at) values ('${app.id}', 'center', '330000/330200', '${template}', '${params}', '${key}', now() - interval '1 day')`,
      );
    await insert('test:unknown-template', 'no_such_template', '{}');
    await insert('test:missing-parameter', 'application_arrived', '{"number":"SQ1"}');
    const pass = await expandFanouts(t.app);
    expect(pass.setAside.map((a) => a.error).sort()).toEqual(['template parameter unitName missing', 'unknown template no_such_template']);
    expect(pass.addressed).toBeGreaterThanOrEqual(1); // the submission's own row, behind the two
    const aside = ((await t.db.execute(`select idempotency_key as key, last_error as error from notification_fanouts where idempotency_key like 'test:%' order by 1`)) as unknown as {
      rows: { key: string; error: string }[];
    }).rows;
    expect(aside).toEqual([
      { key: 'test:missing-parameter', error: 'template parameter unitName missing' },
      { key: 'test:unknown-template', error: 'unknown template no_such_template' },
    ]);
    expect(((await t.db.execute(`select count(*)::int as n from notifications where idempotency_key like 'test:%'`)) as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(0);
    // Set aside means not retried: the next pass finds nothing.
    expect(await expandFanouts(t.app)).toEqual({ addressed: 0, setAside: [] });
    await t.db.execute(`delete from notification_fanouts where idempotency_key like 'test:%'`);
  });

  it('a rejected paper item keeps the application at the paper step until it is received', async () => {
    const { app } = await pending();
    const office = await w.as('bb.330200');
    const center = await w.as('center');
    const a1 = await office.post(`/api/applications/${app.id}/approve`, { version: app.version });
    const a2 = await center.post(`/api/applications/${app.id}/approve`, { version: a1.body.version });
    expect(a2.body.status).toBe('pending_paper');
    const items = (await office.get(`/api/applications/${app.id}`)).body.paperItems;
    const rejected = await office.post(`/api/applications/${app.id}/paper/${items[0].id}`, { version: a2.body.version, status: 'rejected', reason: '未加盖公章' });
    expect(rejected.body.status).toBe('pending_paper');
    const confirm = await office.post(`/api/applications/${app.id}/paper/${items[1].id}`, { version: a2.body.version, status: 'received' });
    expect(confirm.body.status).toBe('pending_paper');
    const detail = (await office.get(`/api/applications/${app.id}`)).body;
    expect(detail.paperItems.map((i: { status: string }) => i.status)).toEqual(['rejected', 'received']);
    await expect(center.post(`/api/applications/${app.id}/paper/${items[0].id}`, { version: a2.body.version, status: 'received' })).resolves.toMatchObject({ status: 403 });
    const done = await office.post(`/api/applications/${app.id}/paper/${items[0].id}`, { version: a2.body.version, status: 'received', receivedOn: '2026-11-27' });
    expect(done.body.status).toBe('approved');
  });

  it('an approved 资格复核 renews the qualification date', async () => {
    const unit = await buildUnit(t.db, { regionCode: '330200', type: 'party_government' });
    const { website } = await buildDomainAndWebsite(t.db, unit.id);
    const u = await buildUser(t.db, { role: 'handler', unitId: unit.id });
    const handler = t.client();
    await handler.login(u.username, u.password);
    const site = await siteOf(handler);
    const res = await handler.post('/api/applications', { payload: { ...changeForm(site, { hosting: 'red_page', englishDomain: null, ipAddresses: [] }), type: 're_review' }, submit: true });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const office = await w.as('bb.330200');
    const center = await w.as('center');
    const a1 = await office.post(`/api/applications/${res.body.id}/approve`, { version: res.body.version });
    const a2 = await center.post(`/api/applications/${res.body.id}/approve`, { version: a1.body.version });
    const items = (await office.get(`/api/applications/${res.body.id}`)).body.paperItems;
    let last = a2.body;
    for (const i of items) last = (await office.post(`/api/applications/${res.body.id}/paper/${i.id}`, { version: last.version, status: 'received' })).body;
    expect(last.status).toBe('approved');
    const row = (await t.db.execute(`select qualified_at, badge_version from websites where id = '${website.id}'`)) as unknown as { rows: { qualified_at: unknown; badge_version: number }[] };
    expect(row.rows[0]?.qualified_at).not.toBeNull();
    expect(row.rows[0]?.badge_version).toBe(0);
  });
});
