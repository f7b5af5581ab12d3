import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpEmailSender } from '../../src/jobs/email/smtp.js';
import { OutboxWorker } from '../../src/jobs/outbox/worker.js';
import { createSmsSender, parseSmsConfig } from '../../src/jobs/sms/config.js';
import { templates } from '../../src/domain/notifications/templates.js';
import { openPostgres } from '../../src/db/client.js';
import { useTestApp, type ApiClient } from '../support/app.js';
import { handlerContact, useDemoWorld } from '../support/demo-world.js';
import { startFakeAliyun } from '../support/fake-sms/aliyun.js';
import { startSmtpInbox, type SmtpInbox } from '../support/smtp-inbox.js';

const t = useTestApp();
const w = useDemoWorld(t);

/** Every template mapped to a provider template whose parameters are the SMS text's placeholders. */
const smsTemplates = JSON.stringify(
  Object.fromEntries(Object.entries(templates).map(([name, tpl], i) => [name, { id: `SMS_${1000 + i}`, params: [...tpl.sms.matchAll(/\{(\w+)\}/g)].map((m) => m[1]) }])),
);
const keys = { accessKeyId: 'LTAI-test-key', secret: 'test-secret-value' };
const silent = { info: () => undefined, error: () => undefined };

let smtp: SmtpInbox;
let aliyun: Awaited<ReturnType<typeof startFakeAliyun>>;
beforeAll(async () => {
  smtp = await startSmtpInbox({ reject: ['nobody@bounce.example.com'] });
  aliyun = await startFakeAliyun({ ...keys });
});
afterAll(async () => {
  await smtp.close().catch(() => undefined);
  await aliyun.close();
});

function worker(opts: { maxAttempts?: number; db?: typeof t.app.db } = {}) {
  const sms = createSmsSender(parseSmsConfig({ SMS_PROVIDER: 'aliyun', SMS_ENDPOINT: aliyun.url, SMS_ACCESS_KEY_ID: keys.accessKeyId, SMS_ACCESS_KEY_SECRET: keys.secret, SMS_SIGN_NAME: '网上名称注册管理系统', SMS_TEMPLATES: smsTemplates }), { logFile: '/dev/null' });
  const email = new SmtpEmailSender({ host: '127.0.0.1', port: smtp.port, security: 'none', user: undefined, password: undefined, from: '网上名称注册管理系统 <noreply@zhengming.test>', messageIdDomain: 'zhengming.test', timeoutMs: 3000 });
  return new OutboxWorker({
    app: { ...t.app, ...(opts.db === undefined ? {} : { db: opts.db }) },
    email,
    sms,
    policy: { maxAttempts: opts.maxAttempts ?? 5, pollMs: 50, leaseMs: 2_000 },
    consoleUrl: 'https://zhengming.example.cn',
    log: silent,
    random: () => 1,
  });
}

async function drain(ww = worker()) {
  for (let i = 0; i < 20 && (await ww.runOnce(100)) > 0; i++);
}

async function returnedApplication(handlerName: string, officeName: string): Promise<{ id: string; handler: ApiClient }> {
  const handler = await w.as(handlerName);
  const site = (await handler.get('/api/websites')).body.items[0];
  const created = await handler.post('/api/applications', {
    payload: { type: 'deregister', websiteId: site.id, reason: '网站改版，暂停使用', handler: handlerContact },
    submit: true,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const office = await w.as(officeName);
  const res = await office.post(`/api/applications/${created.body.id}/return`, { version: created.body.version, reasons: [{ field: 'reason', reason: '注销原因请写明<具体情况>' }] });
  expect(res.status).toBe(200);
  return { id: created.body.id, handler };
}

async function statuses(applicationId: string) {
  const r = (await t.db.execute(`select channel, status, attempts, last_error from notifications where application_id = '${applicationId}' and template = 'application_returned' and channel <> 'inbox' order by channel`)) as unknown as {
    rows: { channel: string; status: string; attempts: number; last_error: string | null }[];
  };
  return r.rows;
}

describe('a review decision reaches the 经办人 by email and SMS', () => {
  it('delivers to a real SMTP server and a signature-checking SMS provider, shown in the delivery log and the inbox', async () => {
    const { id, handler } = await returnedApplication('jbr.hzczj', 'bb.330100');
    await drain();
    const mail = smtp.messages.find((m) => m.subject?.includes('未通过编办审核'));
    expect(mail, smtp.messages.map((m) => m.subject).join(' | ')).toBeDefined();
    expect(mail?.to && 'text' in mail.to ? mail.to.text : '').toBe('chenjing@hzczj.example.com');
    expect(mail?.text).toContain('查看审核结果');
    expect(mail?.text).toContain('注销原因请写明<具体情况>');
    expect(mail?.text).toContain(`https://zhengming.example.cn/applications/${id}`);
    expect(mail?.html).toContain('注销原因请写明&lt;具体情况&gt;');
    expect(mail?.html).not.toContain('<具体情况>');
    const sms = aliyun.received.find((m) => m.templateId === `SMS_${1000 + Object.keys(templates).indexOf('application_returned')}`);
    expect(sms).toMatchObject({ to: '13800000001' });
    expect(sms?.params['number']).toMatch(/^SQ/);

    const log = await handler.get(`/api/applications/${id}/messages`);
    expect(log.status).toBe(200);
    const returned = log.body.items.filter((m: { template: string }) => m.template === 'application_returned');
    expect(returned.map((m: { channel: string; status: string }) => `${m.channel}:${m.status}`).sort()).toEqual(['email:sent', 'sms:sent']);
    expect(returned.every((m: { providerMessageId: string | null }) => m.providerMessageId !== null)).toBe(true);
    const inbox = await handler.get('/api/inbox');
    expect(inbox.body.items.some((m: { subject: string }) => m.subject.includes('未通过编办审核'))).toBe(true);
    expect((await (await w.as('jbr.nbtsg')).get(`/api/applications/${id}/messages`)).status).toBe(404);
  });

  it('retries while the SMTP server is down and delivers once it is back', async () => {
    const { id } = await returnedApplication('jbr.nbtsg', 'bb.330200');
    await smtp.close();
    await drain();
    const down = (await statuses(id)).find((r) => r.channel === 'email');
    expect(down).toMatchObject({ status: 'pending', attempts: 1 });
    expect(down?.last_error).toMatch(/SMTP|ECONNREFUSED|暂时不可用/);
    await smtp.restart();
    await drain();
    expect((await statuses(id)).find((r) => r.channel === 'email')?.status).toBe('pending');
    t.clock.advance(31_000);
    await drain();
    expect((await statuses(id)).find((r) => r.channel === 'email')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('fails a rejected recipient at once, and the admin resends it', async () => {
    const { id, handler } = await returnedApplication('jbr.zjnky', 'bb.330000');
    await t.db.execute(`update notifications set to_address = 'nobody@bounce.example.com' where application_id = '${id}' and channel = 'email' and status = 'pending'`);
    await drain();
    const row = (await statuses(id)).find((r) => r.channel === 'email');
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row?.last_error).toContain('SMTP_550');
    const admin = await w.as('admin');
    const failed = await admin.get('/api/admin/notifications?status=failed&channel=email');
    const mine = failed.body.items.find((m: { applicationId: string }) => m.applicationId === id);
    expect(mine).toBeDefined();
    expect((await admin.post(`/api/admin/notifications/${mine.id}/resend`)).status).toBe(204);
    expect((await admin.post(`/api/admin/notifications/${mine.id}/resend`)).status).toBe(409);
    expect((await handler.post(`/api/admin/notifications/${mine.id}/resend`)).status).toBe(403);
    await t.db.execute(`update notifications set to_address = 'weihong@zjnky.example.com' where id = '${mine.id}'`);
    await drain();
    expect((await statuses(id)).find((r) => r.channel === 'email')?.status).toBe('sent');
  });

  it('fails an SMS to an invalid number at once, with the provider’s reason', async () => {
    const { id } = await returnedApplication('jbr.nbjyj', 'bb.330200');
    await t.db.execute(`update notifications set to_address = '12345' where application_id = '${id}' and channel = 'sms' and template = 'application_returned'`);
    await drain();
    const sms = (await statuses(id)).find((r) => r.channel === 'sms');
    expect(sms?.status).toBe('failed');
    expect(sms?.last_error).toMatch(/手机号码/);
  });
});

describe('two workers on PostgreSQL', () => {
  it.runIf(inject('testDb') === 'postgres')('never send the same message twice', async () => {
    const before = smtp.messages.length;
    const now = t.clock.now().toISOString();
    for (let i = 0; i < 40; i++) {
      await t.db.execute(
        `insert into notifications (channel, template, subject, body, params, status, idempotency_key, next_attempt_at, created_at, to_address)
         values ('email', 'password_reset_code', '并发测试 ${i}', '正文 ${i}', '{}', 'pending', 'concurrency-${i}-${now}', '${now}', '${now}', 'c${i}@example.com')`,
      );
    }
    const second = await openPostgres(t.databaseUrl ?? '', 3);
    try {
      await Promise.all([drain(worker()), drain(worker({ db: second.db })), drain(worker())]);
    } finally {
      await second.close();
    }
    await smtp.waitFor(before + 40);
    const subjects = smtp.messages.slice(before).map((m) => m.subject);
    expect(new Set(subjects).size).toBe(40);
    expect(subjects).toHaveLength(40);
  });
});
