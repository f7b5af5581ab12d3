import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { handlerContact } from '../support/demo-world.js';
import { buildDomainAndWebsite, buildUnit, buildUser } from '../support/factories.js';

const t = useTestApp();

async function as(o: Parameters<typeof buildUser>[1]) {
  const u = await buildUser(t.db, o);
  const c = t.client();
  expect((await c.login(u.username, u.password)).status).toBe(200);
  return c;
}

/** A 资格复核 of a new website of the unit, submitted by its 经办人: 待编办审核. */
async function submitted(unitId: string, handler?: Awaited<ReturnType<typeof as>>) {
  const c = handler ?? (await as({ role: 'handler', unitId }));
  const { website } = await buildDomainAndWebsite(t.db, unitId);
  const res = await c.post('/api/applications', { payload: { type: 're_review', websiteId: website.id, hosting: 'red_page', websiteName: '某网站', description: '简介', handler: handlerContact }, submit: true });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number };
}

const byRegion = (body: { regions: { regionCode: string; own: boolean; counts: Record<string, number> }[] }) =>
  Object.fromEntries(body.regions.map((r) => [`${r.regionCode}${r.own ? ' 本级' : ''}`, r.counts]));

describe('审核统计: counts per status and region, kept in step with decisions', () => {
  it("gives the office its own region and the regions below, the centre the provinces, and follows a decision", async () => {
    const hz = await buildUnit(t.db, { regionCode: '330100' });
    const tl = await buildUnit(t.db, { regionCode: '330122' });
    const nb = await buildUnit(t.db, { regionCode: '330200' });
    const first = await submitted(hz.id);
    await submitted(tl.id);
    await submitted(nb.id);

    const office = await as({ role: 'office_reviewer', regionCode: '330100' });
    const before = await office.get('/api/review/counts');
    expect(before.status).toBe(200);
    expect(byRegion(before.body)['330100 本级']?.pending_office).toBeGreaterThanOrEqual(1);
    expect(byRegion(before.body)['330122']?.pending_office).toBeGreaterThanOrEqual(1);
    expect(Object.keys(byRegion(before.body))).not.toContain('330200');
    const ownBefore = byRegion(before.body)['330100 本级'] ?? {};

    expect((await office.post(`/api/applications/${first.id}/approve`, { version: first.version })).status).toBe(200);
    const after = byRegion((await office.get('/api/review/counts')).body)['330100 本级'] ?? {};
    expect(after.pending_office).toBe((ownBefore.pending_office ?? 0) - 1);
    expect(after.pending_center).toBe((ownBefore.pending_center ?? 0) + 1);

    // The queue's counts per status come from the same table and agree with its rows.
    const queue = await office.get('/api/review/queue?status=pending_center&limit=200');
    expect(queue.body.countsCapped).toBe(false);
    expect(queue.body.counts.pending_center).toBe(queue.body.items.length);
    // Asking for the whole province does not widen a city office's counts (宁波's stay out).
    const own = await office.get('/api/review/queue?limit=1');
    const wider = await office.get('/api/review/queue?regionCode=330000&limit=1');
    expect(wider.body.counts).toEqual(own.body.counts);

    const centre = await as({ role: 'center_reviewer' });
    const country = await centre.get('/api/review/counts');
    expect(country.status).toBe(200);
    expect(country.body.regions.map((r: { regionCode: string }) => r.regionCode)).toContain('330000');
    const zhejiang = country.body.regions.find((r: { regionCode: string }) => r.regionCode === '330000');
    expect(zhejiang.regionName).toBe('浙江省');
    expect(zhejiang.counts.pending_center).toBeGreaterThanOrEqual(1);
  });

  it('refuses a region outside the office, an unknown region and a 经办人', async () => {
    const office = await as({ role: 'office_reviewer', regionCode: '330100' });
    const outside = await office.get('/api/review/counts?regionCode=330200');
    expect([outside.status, outside.body.error.code]).toEqual([400, 'REGION_OUT_OF_SCOPE']);
    const unknown = await office.get('/api/review/counts?regionCode=999999');
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'REGION_UNKNOWN']);
    expect((await office.get('/api/review/counts?regionCode=33')).status).toBe(400);
    const handler = await as({ role: 'handler' });
    expect((await handler.get('/api/review/counts')).status).toBe(403);
  });
});

describe("the centre's counts per province and the capped counts of filtered views", () => {
  const zhejiang = (body: { regions: { regionCode: string; counts: Record<string, number> }[] }) => body.regions.find((r) => r.regionCode === '330000')?.counts ?? {};

  it("follows each decision exactly in the centre's counts per province and its queue's counts", async () => {
    const unit = await buildUnit(t.db, { regionCode: '330200' });
    const handler = await as({ role: 'handler', unitId: unit.id });
    const apps = [await submitted(unit.id, handler), await submitted(unit.id, handler)];
    const centre = await as({ role: 'center_reviewer' });
    const office = await as({ role: 'office_reviewer', regionCode: '330000' });
    const before = zhejiang((await centre.get('/api/review/counts')).body);
    const queueBefore = (await centre.get('/api/review/queue?limit=1')).body.counts;

    for (const a of apps) expect((await office.post(`/api/applications/${a.id}/approve`, { version: a.version })).status).toBe(200);
    const after = zhejiang((await centre.get('/api/review/counts')).body);
    expect([after.pending_office ?? 0, after.pending_center ?? 0]).toEqual([(before.pending_office ?? 0) - 2, (before.pending_center ?? 0) + 2]);
    const queueAfter = (await centre.get('/api/review/queue?limit=1')).body;
    expect(queueAfter.countsCapped).toBe(false);
    expect(queueAfter.counts.pending_center).toBe((queueBefore.pending_center ?? 0) + 2);

    // A 资格复核 approved by the centre leaves 待中心审核 for its next status, in both counts.
    const first = (await centre.get(`/api/applications/${apps[0]?.id}`)).body as { version: number };
    expect((await centre.post(`/api/applications/${apps[0]?.id}/approve`, { version: first.version })).status).toBe(200);
    expect(zhejiang((await centre.get('/api/review/counts')).body).pending_center ?? 0).toBe((before.pending_center ?? 0) + 1);
    expect((await centre.get('/api/review/queue?limit=1')).body.counts.pending_center).toBe((queueBefore.pending_center ?? 0) + 1);
  });

  it('counts a filtered view exactly below the cap, and says past 1000 that the count is a lower bound', async () => {
    const office = await as({ role: 'office_reviewer', regionCode: '440000' });
    const base = (await office.get('/api/review/queue?limit=1')).body.counts.pending_office ?? 0;
    const unit = await buildUnit(t.db, { regionCode: '440100' });
    const app = await submitted(unit.id);
    const overdue = () => office.get('/api/review/queue?overdue=true&limit=5');
    const none = await overdue();
    expect([none.body.counts.pending_office ?? 0, none.body.countsCapped]).toEqual([0, false]);

    await t.db.execute(`update applications set due_at = '${new Date(t.clock.now().getTime() - 3_600_000).toISOString()}' where id = '${app.id}'`);
    const one = await overdue();
    expect([one.body.counts.pending_office, one.body.countsCapped, one.body.items.length]).toEqual([1, false, 1]);

    // 1,000 more overdue copies of it (no website: one open application per website).
    await t.db.execute(`insert into applications (number, type, status, unit_id, region_path, unit_type, domain_id, chain, step_index, step, due_at, revision, payload, created_by, submitted_at, version)
      select 'CAP' || g, type, status, unit_id, region_path, unit_type, domain_id, chain, step_index, step, due_at, revision, payload, created_by, submitted_at + g * interval '1 second', version
      from applications, generate_series(1, 1000) g where id = '${app.id}'`);
    const many = await overdue();
    expect(many.body.countsCapped).toBe(true);
    expect(many.body.counts.pending_office).toBeGreaterThan(1000);
    expect(many.body.items.length).toBe(5);
    // The tab counts without the filter come from the counts table: exact.
    const all = await office.get('/api/review/queue?limit=1');
    expect([all.body.counts.pending_office, all.body.countsCapped]).toEqual([base + 1001, false]);
  });
});

describe("the 经办人's applications in pages", () => {
  it('pages newest first with a total, and bounds the page size', async () => {
    const unit = await buildUnit(t.db, { regionCode: '330100' });
    const handler = await as({ role: 'handler', unitId: unit.id });
    const ids = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await submitted(unit.id, handler)).id);
      t.clock.advance(60_000);
    }
    const page1 = await handler.get('/api/applications?pageSize=2');
    expect([page1.status, page1.body.total, page1.body.items.length]).toEqual([200, 3, 2]);
    const page2 = await handler.get('/api/applications?pageSize=2&page=2');
    expect(page2.body.items.map((a: { id: string }) => a.id)).toEqual([ids[0]]);
    expect([...page1.body.items, ...page2.body.items].map((a: { id: string }) => a.id).sort()).toEqual([...ids].sort());
    const tooBig = await handler.get('/api/applications?pageSize=101');
    expect([tooBig.status, tooBig.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
