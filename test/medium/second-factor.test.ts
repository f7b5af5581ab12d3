import { describe, expect, it } from 'vitest';
import { useTestApp, type ApiClient } from '../support/app.js';
import { useDemoWorld } from '../support/demo-world.js';
import { buildUser, userRow } from '../support/factories.js';
import { codeAt } from '../support/second-factor.js';

const t = useTestApp();
const w = useDemoWorld(t);

/** A code the app shows `steps` 30-s steps from now on the test clock. */
const code = (secret: string, steps = 0) => codeAt(secret, new Date(t.clock.now().getTime() + steps * 30_000));
const nextStep = () => t.clock.advance(30_000);

async function auditEvents(query: string) {
  const auditor = await w.as('auditor');
  const res = await auditor.get(`/api/audit-events?${query}&pageSize=100`);
  expect(res.status).toBe(200);
  return res.body.items as { action: string; result: string; actorUsername: string; targetId: string | null; details: Record<string, unknown> | null }[];
}

/** Everything a restricted session tries outside its one step is refused with `errorCode`. */
async function expectOnlyItsStep(c: ApiClient, errorCode: string) {
  for (const [method, url] of [
    ['GET', '/api/review/queue?status=pending_office'],
    ['GET', '/api/applications'],
    ['GET', '/api/inbox'],
    ['GET', '/api/admin/users'],
  ] as const) {
    const res = await c.request(method, url);
    expect(res.status, url).toBe(403);
    expect(res.body.error.code, url).toBe(errorCode);
  }
  const pw = await c.post('/api/account/password', { currentPassword: 'x', newPassword: 'y' });
  expect([pw.status, pw.body.error.code]).toEqual([403, errorCode]);
  expect((await c.get('/api/session')).status).toBe(200);
}

describe('second factor (TOTP)', () => {
  it('a reviewer without one can only set it up; then every login needs a code, and a code works once', async () => {
    const u = await buildUser(t.db, { role: 'office_reviewer', secondFactor: false });
    const c = t.client();
    const login = await c.login(u.username, u.password);
    expect(login.status).toBe(200);
    expect(login.body.restriction).toBe('second_factor_enrolment');
    expect(login.body.secondFactor).toEqual({ required: true, enabled: false, enabledAt: null });
    await expectOnlyItsStep(c, 'SECOND_FACTOR_ENROLMENT_REQUIRED');
    expect((await c.post('/api/session/second-factor', { code: '123456' })).body.error.code).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');
    expect((await c.post('/api/account/second-factor/confirm', { code: '123456' })).body.error.code).toBe('SECOND_FACTOR_ENROLMENT_EXPIRED');

    const enrol = await c.post('/api/account/second-factor/enrolment');
    expect(enrol.status).toBe(200);
    const secret: string = enrol.body.secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/); // 20 random bytes
    expect(enrol.body.otpauthUri).toBe(
      `otpauth://totp/%E6%AD%A3%E5%90%8D:${u.username}?secret=${secret}&issuer=%E6%AD%A3%E5%90%8D&algorithm=SHA1&digits=6&period=30`,
    );
    expect(enrol.body.qrSvg).toMatch(/^<svg/);
    expect((await userRow(t.db, u.id)).totpEnabledAt).toBeNull(); // nothing on until confirmed

    const wrong = await c.post('/api/account/second-factor/confirm', { code: code(secret, 3) });
    expect([wrong.status, wrong.body.error.code]).toEqual([400, 'SECOND_FACTOR_CODE_INVALID']);
    const done = await c.post('/api/account/second-factor/confirm', { code: code(secret) });
    expect(done.status).toBe(200);
    expect(done.body.restriction).toBeNull();
    expect(done.body.secondFactor.enabled).toBe(true);
    expect((await c.get('/api/review/queue?status=pending_office')).status).toBe(200);
    const row = await userRow(t.db, u.id);
    expect(row.totpSecret).toBe(secret);
    expect(row.totpPendingSecret).toBeNull();
    expect((await c.post('/api/account/second-factor/enrolment')).body.error.code).toBe('SECOND_FACTOR_ALREADY_ENABLED');

    // Next login: the password gives a session that must type the code first.
    await c.post('/api/session/logout');
    const again = await c.login(u.username, u.password, { secondFactor: false });
    expect(again.body.restriction).toBe('second_factor');
    await expectOnlyItsStep(c, 'SECOND_FACTOR_REQUIRED');
    expect((await c.post('/api/account/second-factor/enrolment')).body.error.code).toBe('SECOND_FACTOR_REQUIRED');
    // The code just used to confirm (same 30-s step) is spent.
    const reused = await c.post('/api/session/second-factor', { code: code(secret) });
    expect([reused.status, reused.body.error.code]).toEqual([400, 'SECOND_FACTOR_CODE_REUSED']);
    expect((await c.post('/api/session/second-factor', { code: '12345' })).status).toBe(400);
    nextStep();
    const ok = await c.post('/api/session/second-factor', { code: code(secret) });
    expect(ok.status).toBe(200);
    expect(ok.body.restriction).toBeNull();
    expect((await c.get('/api/review/queue?status=pending_office')).status).toBe(200);
    expect((await c.post('/api/session/second-factor', { code: code(secret, 1) })).body.error.code).toBe('SECOND_FACTOR_NOT_PENDING');

    // A second session at the same step cannot replay that code; the next step's (clock drift) works.
    const other = t.client();
    await other.login(u.username, u.password, { secondFactor: false });
    expect((await other.post('/api/session/second-factor', { code: code(secret) })).body.error.code).toBe('SECOND_FACTOR_CODE_REUSED');
    expect((await other.post('/api/session/second-factor', { code: code(secret, 1) })).status).toBe(200);
    expect((await other.post('/api/session/second-factor', { code: code(secret, 2) })).body.error.code).toBe('SECOND_FACTOR_NOT_PENDING');

    const events = await auditEvents(`actor=${u.username}`);
    const actions = events.map((e) => `${e.action}:${e.result}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'login:success',
        'second_factor_enrol:failure',
        'second_factor_enrol:success',
        'second_factor_verify:failure',
        'second_factor_verify:success',
        'logout:success',
      ]),
    );
    expect(events.find((e) => e.action === 'login')?.details).toMatchObject({ secondFactor: expect.stringMatching(/pending|enrolment_required/) });
    expect(events.filter((e) => e.action === 'second_factor_verify' && e.result === 'failure').map((e) => e.details?.['reason'])).toContain('reused_code');
  });

  it('wrong codes count toward the lockout together with wrong passwords, and lock the account', async () => {
    const u = await buildUser(t.db, { role: 'center_reviewer' });
    const secret = u.totpSecret ?? '';
    for (let i = 0; i < 2; i++) expect((await t.client().login(u.username, 'Wrong#Password1')).status).toBe(401);
    const c = t.client();
    expect((await c.login(u.username, u.password, { secondFactor: false })).body.restriction).toBe('second_factor');
    expect((await userRow(t.db, u.id)).failedLoginCount).toBe(2); // the password alone does not clear it
    for (let i = 0; i < 2; i++) {
      const res = await c.post('/api/session/second-factor', { code: code(secret, 5) });
      expect([res.status, res.body.error.code]).toEqual([400, 'SECOND_FACTOR_CODE_INVALID']);
    }
    expect((await userRow(t.db, u.id)).failedLoginCount).toBe(4);
    const fifth = await c.post('/api/session/second-factor', { code: code(secret, 5) });
    expect([fifth.status, fifth.body.error.code]).toEqual([423, 'ACCOUNT_LOCKED']);
    expect((await c.get('/api/session')).status).toBe(401); // the pending session ended with the lock
    expect((await t.client().login(u.username, u.password)).status).toBe(423);
    const locked = await auditEvents(`actor=${u.username}&action=account_locked`);
    expect(locked[0]?.details).toMatchObject({ reason: 'wrong_second_factor' });

    // After the lock: a right code clears the count.
    t.clock.minutes(16);
    const d = t.client();
    expect((await d.login(u.username, u.password, { secondFactor: false })).status).toBe(200);
    expect((await d.post('/api/session/second-factor', { code: code(secret, 5) })).status).toBe(400);
    expect((await d.post('/api/session/second-factor', { code: code(secret) })).status).toBe(200);
    expect((await userRow(t.db, u.id)).failedLoginCount).toBe(0);
  });

  it('is optional for a 经办人: on with the QR code, then asked at login, off again with a current code', async () => {
    const c = await w.as('jbr.hzczj');
    const before = await c.get('/api/session');
    expect(before.body.restriction).toBeNull();
    expect(before.body.secondFactor).toEqual({ required: false, enabled: false, enabledAt: null });
    expect((await c.post('/api/account/second-factor/disable', { code: '123456' })).body.error.code).toBe('SECOND_FACTOR_NOT_ENABLED');

    const secret: string = (await c.post('/api/account/second-factor/enrolment')).body.secret;
    const on = await c.post('/api/account/second-factor/confirm', { code: code(secret) });
    expect(on.status).toBe(200);
    expect(on.body.secondFactor.enabled).toBe(true);

    const d = t.client();
    const a = w.accounts.find((x) => x.username === 'jbr.hzczj');
    expect((await d.login('jbr.hzczj', a?.password ?? '', { secondFactor: false })).body.restriction).toBe('second_factor');
    expect((await d.get('/api/applications')).body.error.code).toBe('SECOND_FACTOR_REQUIRED');
    nextStep();
    expect((await d.post('/api/session/second-factor', { code: code(secret) })).status).toBe(200);

    const wrong = await d.post('/api/account/second-factor/disable', { code: code(secret, 4) });
    expect([wrong.status, wrong.body.error.code]).toEqual([400, 'SECOND_FACTOR_CODE_INVALID']);
    nextStep();
    const off = await d.post('/api/account/second-factor/disable', { code: code(secret) });
    expect(off.status).toBe(200);
    expect(off.body.secondFactor.enabled).toBe(false);
    expect((await t.client().login('jbr.hzczj', a?.password ?? '', { secondFactor: false })).body.restriction).toBeNull();
    const events = await auditEvents('actor=jbr.hzczj');
    expect(events.map((e) => `${e.action}:${e.result}`)).toEqual(
      expect.arrayContaining(['second_factor_enrol:success', 'second_factor_disable:failure', 'second_factor_disable:success']),
    );
  });

  it('cannot be turned off by a role that requires it', async () => {
    const c = await w.as('center');
    const res = await c.post('/api/account/second-factor/disable', { code: '123456' });
    expect([res.status, res.body.error.code]).toEqual([403, 'SECOND_FACTOR_MANDATORY']);
  });

  it('the admin resets another user’s second factor (audited), never their own', async () => {
    const u = await buildUser(t.db, { role: 'auditor' });
    const theirs = t.client();
    expect((await theirs.login(u.username, u.password)).body.restriction).toBeNull();

    const admin = await w.as('admin');
    const listed = await admin.get(`/api/admin/users?q=${u.username}`);
    expect(listed.body.items[0].secondFactorEnabled).toBe(true);
    const res = await admin.post(`/api/admin/users/${u.id}/reset-second-factor`);
    expect(res.status).toBe(200);
    expect(res.body.secondFactorEnabled).toBe(false);
    expect((await theirs.get('/api/session')).status).toBe(401); // their sessions ended
    const row = await userRow(t.db, u.id);
    expect([row.totpSecret, row.totpEnabledAt, row.totpLastStep]).toEqual([null, null, null]);
    expect((await t.client().login(u.username, u.password)).body.restriction).toBe('second_factor_enrolment');

    const adminId = (await admin.get('/api/session')).body.user.id;
    const own = await admin.post(`/api/admin/users/${adminId}/reset-second-factor`);
    expect([own.status, own.body.error.code]).toEqual([409, 'CANNOT_RESET_OWN_SECOND_FACTOR']);
    const center = await w.as('center');
    expect((await center.post(`/api/admin/users/${u.id}/reset-second-factor`)).status).toBe(403);

    const events = await auditEvents('action=user_second_factor_reset');
    expect(events).toContainEqual(expect.objectContaining({ actorUsername: 'admin', targetId: u.id, result: 'success' }));
  });
});
