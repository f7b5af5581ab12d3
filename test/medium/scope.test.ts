import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { buildDomainAndWebsite, buildUnit, buildUser } from '../support/factories.js';

const t = useTestApp();

async function world() {
  const hangzhouUnit = await buildUnit(t.db, { regionCode: '330100' });
  const tongluUnit = await buildUnit(t.db, { regionCode: '330122' });
  const ningboUnit = await buildUnit(t.db, { regionCode: '330200' });
  const hz = await buildDomainAndWebsite(t.db, hangzhouUnit.id);
  const tl = await buildDomainAndWebsite(t.db, tongluUnit.id);
  const nb = await buildDomainAndWebsite(t.db, ningboUnit.id);
  return { hangzhouUnit, tongluUnit, ningboUnit, hz, tl, nb };
}

async function as(o: Parameters<typeof buildUser>[1]) {
  const u = await buildUser(t.db, o);
  const c = t.client();
  expect((await c.login(u.username, u.password)).status).toBe(200);
  return c;
}

describe('a 经办人 sees only their own unit', () => {
  it("gets 404 for another unit's website and domain, and does not see them listed", async () => {
    const w = await world();
    const c = await as({ role: 'handler', unitId: w.hangzhouUnit.id });
    expect((await c.get(`/api/websites/${w.hz.website.id}`)).status).toBe(200);
    const other = await c.get(`/api/websites/${w.nb.website.id}`);
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('NOT_FOUND');
    expect((await c.get(`/api/domains/${w.nb.domain.id}`)).status).toBe(404);
    const list = await c.get('/api/websites');
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([w.hz.website.id]);
    const domains = await c.get('/api/domains');
    expect(domains.body.items.map((i: { id: string }) => i.id)).toEqual([w.hz.domain.id]);
  });

  it('gets the same 404 for an id that does not exist at all', async () => {
    const w = await world();
    const c = await as({ role: 'handler', unitId: w.hangzhouUnit.id });
    const missing = await c.get('/api/websites/00000000-0000-4000-8000-000000000000');
    const foreign = await c.get(`/api/websites/${w.nb.website.id}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(foreign.body);
  });
});

describe('an office reviewer sees their region subtree only', () => {
  it('the 杭州市 office sees 杭州 and 桐庐县 units but not 宁波', async () => {
    const w = await world();
    const c = await as({ role: 'office_reviewer', regionCode: '330100' });
    expect((await c.get(`/api/websites/${w.hz.website.id}`)).status).toBe(200);
    expect((await c.get(`/api/websites/${w.tl.website.id}`)).status).toBe(200);
    expect((await c.get(`/api/websites/${w.nb.website.id}`)).status).toBe(404);
    const ids = (await c.get('/api/websites')).body.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(w.tl.website.id);
    expect(ids).not.toContain(w.nb.website.id);
  });

  it('the 浙江省 office sees every unit in the province', async () => {
    const w = await world();
    const c = await as({ role: 'office_reviewer', regionCode: '330000' });
    for (const x of [w.hz, w.tl, w.nb]) expect((await c.get(`/api/websites/${x.website.id}`)).status).toBe(200);
  });

  it('an office of another province sees none of them', async () => {
    const w = await world();
    const c = await as({ role: 'office_reviewer', regionCode: '440000' });
    for (const x of [w.hz, w.tl, w.nb]) expect((await c.get(`/api/websites/${x.website.id}`)).status).toBe(404);
  });
});

describe('roles without business data', () => {
  it('the centre sees everything; admin and auditor see no websites', async () => {
    const w = await world();
    const center = await as({ role: 'center_reviewer' });
    expect((await center.get(`/api/websites/${w.nb.website.id}`)).status).toBe(200);
    for (const role of ['admin', 'auditor'] as const) {
      const c = await as({ role });
      expect((await c.get(`/api/websites/${w.nb.website.id}`)).status).toBe(404);
      expect((await c.get('/api/websites')).body.items).toEqual([]);
    }
  });

  it('only the admin manages users and only the auditor reads the audit log', async () => {
    for (const role of ['handler', 'office_reviewer', 'center_reviewer', 'auditor'] as const) {
      const c = await as({ role });
      const res = await c.get('/api/admin/users');
      expect(res.status, role).toBe(403);
      expect(res.body.error.code).toBe('ADMIN_ONLY');
    }
    for (const role of ['handler', 'office_reviewer', 'center_reviewer', 'admin'] as const) {
      const c = await as({ role });
      const res = await c.get('/api/audit-events');
      expect(res.status, role).toBe(403);
      expect(res.body.error.code).toBe('AUDITOR_ONLY');
    }
  });

  it('anonymous requests get 401 before their input is judged', async () => {
    const c = t.client();
    expect((await c.get('/api/websites')).status).toBe(401);
    expect((await c.post('/api/admin/users', { nonsense: true })).status).toBe(401);
  });
});

describe('the inbox is personal', () => {
  it("cannot mark another user's message read", async () => {
    const a = await buildUser(t.db);
    const [row] = (
      (await t.db.execute(
        `insert into notifications (channel, template, recipient_user_id, subject, body, params, status, idempotency_key, next_attempt_at, created_at)
         values ('inbox', 'password_reset_code', '${a.id}', '主题', '正文', '{}', 'sent', 'k-${a.id}', now(), now()) returning id`,
      )) as unknown as { rows: { id: string }[] }
    ).rows;
    const b = await as({ role: 'handler' });
    expect((await b.post(`/api/inbox/${row?.id}/read`)).status).toBe(404);
    const ca = t.client();
    await ca.login(a.username, a.password);
    const inbox = await ca.get('/api/inbox');
    expect(inbox.body.unread).toBe(1);
    expect((await ca.post(`/api/inbox/${row?.id}/read`)).status).toBe(204);
    expect((await ca.get('/api/inbox')).body.unread).toBe(0);
  });
});
