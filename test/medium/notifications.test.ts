import { describe, expect, it } from 'vitest';
import { sendOverdueReminders } from '../../src/app/applications/overdue-reminders.js';
import { useTestApp } from '../support/app.js';
import { handlerContact, useDemoWorld } from '../support/demo-world.js';
import { buildDomainAndWebsite, buildUnit, buildUser } from '../support/factories.js';
import { clearAddress } from '../support/personal-data.js';

const t = useTestApp();
const w = useDemoWorld(t);

type Row = { channel: string; to_address: string | null; body: string; template: string };
async function messagesTo(userId: string, template: string): Promise<Row[]> {
  const r = (await t.db.execute(`select channel, to_address, body, template from notifications where recipient_user_id = '${userId}' and template = '${template}' order by created_at, channel`)) as unknown as { rows: Row[] };
  return r.rows.map((m) => ({ ...m, to_address: clearAddress(m.to_address) }));
}

describe('changing the 经办人’s mobile or email', () => {
  it('sends a code to the new address, changes nothing until it is confirmed, then later messages go there', async () => {
    const u = await buildUser(t.db, { role: 'handler', mobile: '13900000001' });
    const c = t.client();
    await c.login(u.username, u.password);
    expect((await c.post('/api/account/contact/request', { channel: 'sms', address: '139-0000-0002' })).status).toBe(202);
    const sent = await messagesTo(u.id, 'contact_verification_code');
    expect(sent.map((m) => [m.channel, m.to_address])).toEqual([['sms', '13900000002']]);
    expect((await c.get('/api/account')).body.mobile).toBe('13900000001');
    const code = /\d{6}/.exec(sent[0]?.body ?? '')?.[0] ?? '';
    const wrong = await c.post('/api/account/contact/confirm', { channel: 'sms', code: code === '000000' ? '111111' : '000000' });
    expect(wrong.body.error.code).toBe('RESET_CODE_INVALID');
    const ok = await c.post('/api/account/contact/confirm', { channel: 'sms', code });
    expect(ok.status).toBe(200);
    expect(ok.body.mobile).toBe('13900000002');
    expect((await c.get('/api/account')).body.mobile).toBe('13900000002');
  });

  it('refuses a malformed new address naming the field', async () => {
    const u = await buildUser(t.db);
    const c = t.client();
    await c.login(u.username, u.password);
    const res = await c.post('/api/account/contact/request', { channel: 'email', address: 'not-an-email' });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('address');
  });

  it('sends application results to the confirmed new mobile', async () => {
    const handler = await w.as('jbr.tlzfb');
    await handler.post('/api/account/contact/request', { channel: 'sms', address: '13700000009' });
    const me = (await handler.get('/api/session')).body.user.id;
    const code = /\d{6}/.exec((await messagesTo(me, 'contact_verification_code')).at(-1)?.body ?? '')?.[0] ?? '';
    expect((await handler.post('/api/account/contact/confirm', { channel: 'sms', code })).status).toBe(200);
    const site = (await handler.get('/api/websites')).body.items[0];
    const created = await handler.post('/api/applications', { payload: { type: 'deregister', websiteId: site.id, reason: '测试', handler: handlerContact }, submit: true });
    const office = await w.as('bb.330100');
    await office.post(`/api/applications/${created.body.id}/return`, { version: created.body.version, reasons: [{ reason: '请补充说明' }] });
    const sms = (await messagesTo(me, 'application_returned')).find((m) => m.channel === 'sms');
    expect(sms?.to_address).toBe('13700000009');
  });
});

describe('other messages', () => {
  it('tells a user their account was locked', async () => {
    const u = await buildUser(t.db, { mobile: '13900000003' });
    for (let i = 0; i < 5; i++) await t.client().login(u.username, 'Wrong#aaaa1');
    const msgs = await messagesTo(u.id, 'account_locked');
    expect(msgs.map((m) => m.channel)).toEqual(['email', 'inbox', 'sms']);
    expect(msgs.find((m) => m.channel === 'sms')?.body).toContain('锁定');
  });

  it('reminds the office of overdue applications once a day', async () => {
    const handler = await w.as('jbr.nbtsg');
    const site = (await handler.get('/api/websites')).body.items[0];
    const created = await handler.post('/api/applications', { payload: { type: 'deregister', websiteId: site.id, reason: '测试超期', handler: handlerContact }, submit: true });
    expect(created.status).toBe(201);
    await t.db.execute(`update applications set due_at = '${new Date(t.clock.now().getTime() - 3_600_000).toISOString()}' where id = '${created.body.id}'`);
    expect(await sendOverdueReminders(t.app)).toBeGreaterThanOrEqual(1);
    const office = (await (await w.as('bb.330200')).get('/api/session')).body.user.id;
    const reminders = await messagesTo(office, 'overdue_reminder');
    expect(reminders.find((m) => m.channel === 'inbox')?.body).toContain(created.body.number);
    expect(await sendOverdueReminders(t.app)).toBe(0);
    t.clock.advance(25 * 3_600_000);
    expect(await sendOverdueReminders(t.app)).toBeGreaterThanOrEqual(1);
    t.clock.advance(-25 * 3_600_000);
  });

  it('reminds of an application that became overdue after the day’s first reminder (or in another worker’s round)', async () => {
    const office = await buildUser(t.db, { role: 'office_reviewer', regionCode: '330200' });
    const overdue = async () => {
      const unit = await buildUnit(t.db, { regionCode: '330200' });
      const { website } = await buildDomainAndWebsite(t.db, unit.id);
      const handler = await buildUser(t.db, { role: 'handler', unitId: unit.id });
      const c = t.client();
      await c.login(handler.username, handler.password);
      const created = await c.post('/api/applications', { payload: { type: 'deregister', websiteId: website.id, reason: '测试超期', handler: handlerContact }, submit: true });
      expect(created.status).toBe(201);
      await t.db.execute(`update applications set due_at = '${new Date(t.clock.now().getTime() - 3_600_000).toISOString()}' where id = '${created.body.id}'`);
      return created.body.number as string;
    };
    const first = await overdue();
    expect(await sendOverdueReminders(t.app)).toBeGreaterThanOrEqual(1);
    const second = await overdue();
    expect(await sendOverdueReminders(t.app)).toBe(1);
    const inbox = (await messagesTo(office.id, 'overdue_reminder')).filter((m) => m.channel === 'inbox').map((m) => m.body);
    expect(inbox.filter((b) => b.includes(first))).toHaveLength(1);
    expect(inbox.filter((b) => b.includes(second))).toHaveLength(1);
  });
});
