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
