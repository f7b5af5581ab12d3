import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { buildUser } from '../support/factories.js';
import { clearAddress } from '../support/personal-data.js';

const t = useTestApp();

type Row = { channel: string; status: string; body: string; to_address: string | null };
async function messagesFor(userId: string): Promise<Row[]> {
  const res = (await t.db.execute(
    `select channel, status, body, to_address from notifications where recipient_user_id = '${userId}' order by created_at, channel`,
  )) as unknown as { rows: Row[] };
  return res.rows.map((m) => ({ ...m, to_address: clearAddress(m.to_address) }));
}
async function latestCode(userId: string, channel = 'sms'): Promise<string> {
  const rows = (await messagesFor(userId)).filter((m) => m.channel === channel);
  const code = /\d{6}/.exec(rows.at(-1)?.body ?? '')?.[0];
  if (code === undefined) throw new Error('no code sent');
  return code;
}

describe('忘记密码', () => {
  it('shows the centre hotline', async () => {
    const res = await t.client().get('/api/support');
    expect(res.body.hotline).toBe('8588686');
  });

  it('sends a 6-digit code by SMS through the outbox and to the in-app inbox, then resets with it', async () => {
    const u = await buildUser(t.db, { mobile: '13912345678' });
    const req = await t.client().post('/api/password-reset/request', { username: u.username, channel: 'sms' });
    expect(req.status).toBe(202);
    const msgs = await messagesFor(u.id);
    expect(msgs.map((m) => m.channel).sort()).toEqual(['inbox', 'sms']);
    expect(msgs.find((m) => m.channel === 'sms')).toMatchObject({ status: 'pending', to_address: '13912345678' });
    const code = await latestCode(u.id);
    const ok = await t.client().post('/api/password-reset/confirm', { username: u.username, code, newPassword: 'Reset#Pass2026' });
    expect(ok.status).toBe(204);
    expect((await t.client().login(u.username, 'Reset#Pass2026')).status).toBe(200);
    // The code is single-use.
    const again = await t.client().post('/api/password-reset/confirm', { username: u.username, code, newPassword: 'Reset#Pass2027' });
    expect(again.body.error.code).toBe('RESET_CODE_INVALID');
  });

  it('answers an unknown username exactly like a known one, and sends nothing', async () => {
    const known = await buildUser(t.db);
    const a = await t.client().post('/api/password-reset/request', { username: known.username, channel: 'email' });
    const b = await t.client().post('/api/password-reset/request', { username: 'no-such-user-x', channel: 'email' });
    expect(a.status).toBe(b.status);
    expect(a.body).toEqual(b.body);
    const count = (await t.db.execute(`select count(*)::int as n from password_reset_codes pr join users u on u.id = pr.user_id where u.username = 'no-such-user-x'`)) as unknown as { rows: { n: number }[] };
    expect(count.rows[0]?.n).toBe(0);
  });

  it('expires a code after 10 minutes', async () => {
    const u = await buildUser(t.db);
    await t.client().post('/api/password-reset/request', { username: u.username, channel: 'email' });
    const code = await latestCode(u.id, 'email');
    t.clock.minutes(11);
    const res = await t.client().post('/api/password-reset/confirm', { username: u.username, code, newPassword: 'Reset#Pass2026' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'RESET_CODE_EXPIRED', field: 'code' });
  });

  it('kills a code after 5 wrong tries, even if the 6th is right', async () => {
    const u = await buildUser(t.db);
    await t.client().post('/api/password-reset/request', { username: u.username, channel: 'sms' });
    const code = await latestCode(u.id);
    const wrong = code === '000000' ? '111111' : '000000';
    const answers: string[] = [];
    for (let i = 0; i < 5; i++) {
      answers.push((await t.client().post('/api/password-reset/confirm', { username: u.username, code: wrong, newPassword: 'Reset#Pass2026' })).body.error.code);
    }
    expect(answers).toEqual(['RESET_CODE_INVALID', 'RESET_CODE_INVALID', 'RESET_CODE_INVALID', 'RESET_CODE_INVALID', 'RESET_TOO_MANY_ATTEMPTS']);
    const right = await t.client().post('/api/password-reset/confirm', { username: u.username, code, newPassword: 'Reset#Pass2026' });
    expect(right.body.error.code).toBe('RESET_TOO_MANY_ATTEMPTS');
  });

  it('sends at most 3 codes per account in 15 minutes', async () => {
    const u = await buildUser(t.db);
    for (let i = 0; i < 5; i++) {
      expect((await t.client().post('/api/password-reset/request', { username: u.username, channel: 'sms' })).status).toBe(202);
    }
    expect((await messagesFor(u.id)).filter((m) => m.channel === 'sms')).toHaveLength(3);
    t.clock.minutes(16);
    await t.client().post('/api/password-reset/request', { username: u.username, channel: 'sms' });
    expect((await messagesFor(u.id)).filter((m) => m.channel === 'sms')).toHaveLength(4);
  });

  it('rate-limits one client address asking for many accounts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const u = await buildUser(t.db);
      statuses.push((await t.client().request('POST', '/api/password-reset/request', { username: u.username, channel: 'sms' }, { 'x-forwarded-for': 'ignored' })).status);
    }
    expect(statuses).toContain(429);
    t.clock.minutes(16);
  });

  it('counts a burst of requests from one address as it arrives (PostgreSQL: at once, through the pool)', async () => {
    t.clock.minutes(16);
    const users = await Promise.all(Array.from({ length: 15 }, () => buildUser(t.db)));
    const statuses = await Promise.all(users.map((u) => t.client().request('POST', '/api/password-reset/request', { username: u.username, channel: 'sms' }).then((r) => r.status)));
    // 3 a window per account, 3 × 3 per address: the tenth request on is refused, however they interleave.
    expect(statuses.filter((s) => s === 202)).toHaveLength(9);
    expect(statuses.filter((s) => s === 429)).toHaveLength(6);
    t.clock.minutes(16);
  });

  it('unlocks a locked account and ends its sessions', async () => {
    const u = await buildUser(t.db);
    const session = t.client();
    await session.login(u.username, u.password);
    for (let i = 0; i < 5; i++) await t.client().login(u.username, 'Wrong#aaaa1');
    await t.client().post('/api/password-reset/request', { username: u.username, channel: 'sms' });
    const code = await latestCode(u.id);
    expect((await t.client().post('/api/password-reset/confirm', { username: u.username, code, newPassword: 'Reset#Pass2026' })).status).toBe(204);
    expect((await session.get('/api/session')).status).toBe(401);
    expect((await t.client().login(u.username, 'Reset#Pass2026')).status).toBe(200);
  });

  it('still applies the password policy', async () => {
    const u = await buildUser(t.db);
    await t.client().post('/api/password-reset/request', { username: u.username, channel: 'sms' });
    const code = await latestCode(u.id);
    const res = await t.client().post('/api/password-reset/confirm', { username: u.username, code, newPassword: 'short' });
    expect(res.body.error).toMatchObject({ code: 'PASSWORD_TOO_SHORT', field: 'newPassword' });
  });

  it('sends nothing to an account without the chosen address', async () => {
    const u = await buildUser(t.db, { email: null });
    expect((await t.client().post('/api/password-reset/request', { username: u.username, channel: 'email' })).status).toBe(202);
    expect(await messagesFor(u.id)).toEqual([]);
  });
});
