import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { buildUser, userRow } from '../support/factories.js';

const t = useTestApp();

describe('login', () => {
  it('opens a session with an HttpOnly SameSite=Strict cookie and answers the session view', async () => {
    const u = await buildUser(t.db, { role: 'center_reviewer' });
    const c = t.client();
    const res = await c.login(u.username, u.password);
    expect(res.status).toBe(200);
    expect(res.body.user.role).toBe('center_reviewer');
    expect(res.body.menu.map((m: { label: string }) => m.label)).toContain('审核管理');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/zm_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect((await c.get('/api/session')).status).toBe(200);
  });

  it('answers the same 401 for an unknown user and a wrong password', async () => {
    const u = await buildUser(t.db);
    const unknown = await t.client().login('nobody-here', 'whatever');
    const wrong = await t.client().login(u.username, 'Wrong#Password1');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body.error).toEqual(wrong.body.error);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('treats the username case-insensitively', async () => {
    const u = await buildUser(t.db);
    expect((await t.client().login(u.username.toUpperCase(), u.password)).status).toBe(200);
  });

  it('refuses a disabled account even with the right password', async () => {
    const u = await buildUser(t.db);
    await t.db.execute(`update users set disabled = true where id = '${u.id}'`);
    const res = await t.client().login(u.username, u.password);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('ACCOUNT_DISABLED');
  });
});

describe('lockout after repeated failures', () => {
  it('locks after 5 wrong passwords, refuses the right one while locked, and unlocks after 15 minutes', async () => {
    const u = await buildUser(t.db);
    for (let i = 1; i <= 4; i++) expect((await t.client().login(u.username, `Wrong#${i}aaaa`)).status).toBe(401);
    const fifth = await t.client().login(u.username, 'Wrong#5aaaa');
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.code).toBe('ACCOUNT_LOCKED');
    expect(fifth.body.error.message).toContain('锁定');

    const whileLocked = await t.client().login(u.username, u.password);
    expect(whileLocked.status).toBe(423);

    t.clock.minutes(14);
    expect((await t.client().login(u.username, u.password)).status).toBe(423);
    t.clock.minutes(2);
    expect((await t.client().login(u.username, u.password)).status).toBe(200);
    expect((await userRow(t.db, u.id)).failedLoginCount).toBe(0);
  });

  it('resets the failure count after a successful login', async () => {
    const u = await buildUser(t.db);
    for (let i = 0; i < 4; i++) await t.client().login(u.username, 'Wrong#aaaa1');
    expect((await t.client().login(u.username, u.password)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await t.client().login(u.username, 'Wrong#aaaa1')).status).toBe(401);
  });

  it('writes an account_locked audit event', async () => {
    const u = await buildUser(t.db);
    for (let i = 0; i < 5; i++) await t.client().login(u.username, 'Wrong#aaaa1');
    const rows = await t.db.execute(`select action, result from audit_events where actor_username = '${u.username}' order by id`);
    const actions = (rows as unknown as { rows: { action: string; result: string }[] }).rows.map((r) => `${r.action}:${r.result}`);
    expect(actions.filter((a) => a === 'login:failure')).toHaveLength(5);
    expect(actions).toContain('account_locked:success');
  });
});

describe('session expiry', () => {
  it('ends a session idle for more than 30 minutes', async () => {
    const u = await buildUser(t.db);
    const c = t.client();
    await c.login(u.username, u.password);
    t.clock.minutes(29);
    expect((await c.get('/api/session')).status).toBe(200);
    t.clock.minutes(31);
    const res = await c.get('/api/session');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('NOT_AUTHENTICATED');
  });

  it('keeps an active session alive but ends it 12 hours after login whatever the activity', async () => {
    const u = await buildUser(t.db);
    const c = t.client();
    await c.login(u.username, u.password);
    for (let i = 0; i < 28; i++) {
      t.clock.minutes(25);
      expect((await c.get('/api/session')).status).toBe(200);
    }
    t.clock.minutes(25); // 12 h 5 min after login
    expect((await c.get('/api/session')).status).toBe(401);
  });

  it('ends the session at logout', async () => {
    const u = await buildUser(t.db);
    const c = t.client();
    await c.login(u.username, u.password);
    const token = c.cookie;
    expect((await c.post('/api/session/logout')).status).toBe(204);
    c.cookie = token;
    expect((await c.get('/api/session')).status).toBe(401);
  });
});

describe('CSRF protection', () => {
  it('rejects a state-changing request without the CSRF header', async () => {
    const u = await buildUser(t.db);
    const c = t.client();
    await c.login(u.username, u.password);
    const res = await c.request('POST', '/api/session/logout', {}, { 'x-csrf-token': '' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CSRF_TOKEN_INVALID');
  });

  it("rejects another session's CSRF token", async () => {
    const a = await buildUser(t.db);
    const b = await buildUser(t.db);
    const ca = t.client();
    const cb = t.client();
    await ca.login(a.username, a.password);
    await cb.login(b.username, b.password);
    const res = await ca.request('POST', '/api/account/password', { currentPassword: a.password, newPassword: 'Another#Pass9' }, { 'x-csrf-token': cb.csrf ?? '' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CSRF_TOKEN_INVALID');
  });

  it('refuses a text/plain body (what a cross-site form can send) on login', async () => {
    const u = await buildUser(t.db);
    const res = await t.client().request('POST', '/api/session/login', `{"username":"${u.username}","password":"${u.password}"}`, { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
  });
});

describe('password expiry and forced change', () => {
  it('forces a change 90 days after the last one, allowing only the session, logout and the change', async () => {
    const u = await buildUser(t.db, { passwordChangedAt: new Date(t.clock.now().getTime() - 91 * 86_400_000) });
    const c = t.client();
    const login = await c.login(u.username, u.password);
    expect(login.status).toBe(200);
    expect(login.body.mustChangePassword).toBe(true);
    expect(login.body.mustChangeReason).toBe('expired');
    const blocked = await c.get('/api/websites');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await c.post('/api/account/password', { currentPassword: u.password, newPassword: 'Fresh#Pass2027' })).status).toBe(204);
    const after = await c.get('/api/session');
    expect(after.body.mustChangePassword).toBe(false);
    expect((await c.get('/api/websites')).status).toBe(200);
  });

  it('forces a change after an admin set the password', async () => {
    const u = await buildUser(t.db, { mustChangePassword: true });
    const c = t.client();
    const login = await c.login(u.username, u.password);
    expect(login.body.mustChangeReason).toBe('reset');
    expect((await c.get('/api/inbox')).status).toBe(403);
  });
});

describe('changing one’s password', () => {
  it('refuses a wrong current password, naming the field', async () => {
    const u = await buildUser(t.db);
    const c = t.client();
    await c.login(u.username, u.password);
    const res = await c.post('/api/account/password', { currentPassword: 'Nope#12345', newPassword: 'Fresh#Pass2027' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'WRONG_CURRENT_PASSWORD', field: 'currentPassword' });
  });

  it('applies the policy: length, three classes, not the username', async () => {
    const u = await buildUser(t.db);
    const c = t.client();
    await c.login(u.username, u.password);
    for (const [pw, code] of [
      ['Ab1#', 'PASSWORD_TOO_SHORT'],
      ['abcdefgh1', 'PASSWORD_TOO_SIMPLE'],
      [`${u.username}A1#`, 'PASSWORD_CONTAINS_USERNAME'],
    ] as const) {
      const res = await c.post('/api/account/password', { currentPassword: u.password, newPassword: pw });
      expect(res.status, pw).toBe(400);
      expect(res.body.error).toMatchObject({ code, field: 'newPassword' });
    }
  });

  it('refuses any of the last 5 passwords and accepts the 6th-oldest', async () => {
    const u = await buildUser(t.db);
    const c = t.client();
    await c.login(u.username, u.password);
    const sequence = ['First#Pass01', 'Second#Pass02', 'Third#Pass03', 'Fourth#Pass04', 'Fifth#Pass05'];
    let current = u.password;
    for (const next of sequence) {
      expect((await c.post('/api/account/password', { currentPassword: current, newPassword: next })).status).toBe(204);
      current = next;
    }
    for (const old of sequence) {
      const res = await c.post('/api/account/password', { currentPassword: current, newPassword: old });
      expect(res.body.error?.code, old).toBe('PASSWORD_REUSED');
    }
    // The factory's password is now the 6th-most-recent: allowed again.
    expect((await c.post('/api/account/password', { currentPassword: current, newPassword: u.password })).status).toBe(204);
  });

  it("ends the user's other sessions but keeps this one", async () => {
    const u = await buildUser(t.db);
    const here = t.client();
    const elsewhere = t.client();
    await here.login(u.username, u.password);
    await elsewhere.login(u.username, u.password);
    expect((await here.post('/api/account/password', { currentPassword: u.password, newPassword: 'Fresh#Pass2027' })).status).toBe(204);
    expect((await here.get('/api/session')).status).toBe(200);
    expect((await elsewhere.get('/api/session')).status).toBe(401);
  });
});
