import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { buildUser } from '../support/factories.js';
import { freshDemoCode } from '../support/second-factor.js';

const t = useTestApp();

async function auditor() {
  const u = await buildUser(t.db, { role: 'auditor' });
  const c = t.client();
  await c.login(u.username, u.password);
  return c;
}

describe('the audit log', () => {
  it('records login, logout and admin actions with actor, target, result, IP and user agent', async () => {
    const admin = await buildUser(t.db, { role: 'admin' });
    const target = await buildUser(t.db);
    const c = t.client();
    await c.request('POST', '/api/session/login', { username: admin.username, password: admin.password }, { 'user-agent': 'AuditTest/1.0' }).then((r) => {
      c.csrf = r.body.csrfToken;
    });
    // The admin's second factor (test support computes the code from the stored secret).
    expect((await c.post('/api/session/second-factor', { code: await freshDemoCode(t.db, t.clock, admin.username) })).status).toBe(200);
    await c.post(`/api/admin/users/${target.id}/disable`);
    await c.post('/api/session/logout');

    const a = await auditor();
    const res = await a.get(`/api/audit-events?actor=${admin.username}&pageSize=50`);
    expect(res.status).toBe(200);
    const byAction = Object.fromEntries(res.body.items.map((e: { action: string }) => [e.action, e]));
    expect(byAction['login']).toMatchObject({ result: 'success', actionLabel: '登录', ip: '127.0.0.1', userAgent: 'AuditTest/1.0' });
    expect(byAction['user_disable']).toMatchObject({ targetType: 'user', targetId: target.id, actionLabel: '停用用户' });
    expect(byAction['logout']).toMatchObject({ result: 'success' });
    expect(res.body.actions).toContainEqual({ value: 'login', label: '登录' });
  });

  it('filters by action, result and time', async () => {
    const u = await buildUser(t.db);
    await t.client().login(u.username, 'Wrong#aaaa1');
    const a = await auditor();
    const failures = await a.get(`/api/audit-events?action=login&result=failure&actor=${u.username}`);
    expect(failures.body.total).toBe(1);
    const future = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    const none = await a.get(`/api/audit-events?actor=${u.username}&from=${encodeURIComponent(future)}`);
    expect(none.body.total).toBe(0);
  });

  it('cannot be changed or deleted, even by SQL', async () => {
    const u = await buildUser(t.db);
    await t.client().login(u.username, u.password);
    const refusal = async (sql: string) => {
      const err = await t.db.execute(sql).then(() => null, (e: Error & { cause?: Error }) => e);
      return String(err?.cause?.message ?? err?.message);
    };
    expect(await refusal(`update audit_events set result = 'failure' where actor_username = '${u.username}'`)).toMatch(/append-only/);
    expect(await refusal(`delete from audit_events where actor_username = '${u.username}'`)).toMatch(/append-only/);
    expect(await refusal('truncate audit_events')).toMatch(/append-only/);
  });

  it('keeps the failed attempt even though the login transaction threw', async () => {
    const u = await buildUser(t.db);
    await t.client().login(u.username, 'Wrong#aaaa1');
    const rows = (await t.db.execute(
      `select details from audit_events where actor_username = '${u.username}' and action = 'login' and result = 'failure'`,
    )) as unknown as { rows: { details: { reason: string } }[] };
    expect(rows.rows[0]?.details.reason).toBe('wrong_password');
  });
});

describe('audit export', () => {
  it('exports the filtered log as CSV for the auditor only, escaping what could run in a spreadsheet', async () => {
    const u = await buildUser(t.db);
    await t.client().login(u.username, 'Wrong#aaaa1');
    await t.client().login('=cmd|calc', 'x');
    const a = await auditor();
    const res = await a.request('GET', `/api/audit-events.csv?action=login&result=failure`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('text/csv');
    const text = String(res.body);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('"时间","操作人","操作"');
    expect(text).toContain(`"${u.username}","登录","login"`);
    expect(text).toContain(`"'=cmd|calc"`);
    const admin = await buildUser(t.db, { role: 'admin' });
    const c = t.client();
    await c.login(admin.username, admin.password);
    expect((await c.request('GET', '/api/audit-events.csv')).status).toBe(403);
  });
});

describe('audit search by target', () => {
  it('finds the events about one target', async () => {
    const admin = await buildUser(t.db, { role: 'admin' });
    const target = await buildUser(t.db);
    const c = t.client();
    await c.login(admin.username, admin.password);
    await c.post(`/api/admin/users/${target.id}/unlock`);
    const a = await auditor();
    const res = await a.get(`/api/audit-events?target=${target.id}`);
    expect(res.body.items.map((e: { action: string; targetId: string }) => [e.action, e.targetId])).toEqual([['user_unlock', target.id]]);
  });
});
