import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sealNotification } from '../../src/db/personal-data/fields.js';
import { SmtpEmailSender } from '../../src/jobs/email/smtp.js';
import { OutboxWorker } from '../../src/jobs/outbox/worker.js';
import { useTestApp } from '../support/app.js';
import { startSmtpInbox, type SmtpInbox } from '../support/smtp-inbox.js';

/**
 * A worker process killed with SIGKILL between claiming and recording. Only PostgreSQL can be
 * shared by two processes (PGlite is one process's database), so this runs on PostgreSQL.
 */
const onPostgres = inject('testDb') === 'postgres';
const t = useTestApp();
let smtp: SmtpInbox;
beforeAll(async () => {
  smtp = await startSmtpInbox();
});
/** Every worker started here: killed at the end even when a test failed before killing its own. */
const children = new Set<ChildProcess>();
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await smtp.close();
});

async function enqueue(tag: string, n: number) {
  const now = new Date().toISOString();
  for (let i = 0; i < n; i++) {
    // Sealed as the outbox's writers seal it: a worker refuses a clear address once its start-up pass is done.
    const { toAddress, toAddressHash } = sealNotification({ toAddress: `crash${i}@example.com` });
    await t.db.execute(
      `insert into notifications (channel, template, subject, body, params, status, idempotency_key, next_attempt_at, created_at, to_address, to_address_hash)
       values ('email', 'password_reset_code', '${tag} ${i}', '正文', '{}', 'pending', '${tag}-${i}', '${now}', '${now}', '${toAddress}', '${toAddressHash}')`,
    );
  }
}

async function rows(tag: string) {
  const r = (await t.db.execute(`select status, attempts from notifications where idempotency_key like '${tag}-%'`)) as unknown as { rows: { status: string; attempts: number }[] };
  return r.rows;
}

function startWorkerProcess(pauseAt: 'claim' | 'send'): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'worker'], {
    env: {
      ...process.env,
      DATABASE_URL: t.databaseUrl ?? '',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'zm-worker-')),
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_SECURITY: 'none',
      SMTP_FROM: 'noreply@zhengming.test',
      OUTBOX_LEASE_SECONDS: '1',
      OUTBOX_POLL_MS: '100',
      OUTBOX_TEST_PAUSE_AT: pauseAt,
      OUTBOX_TEST_PAUSE_MS: '60000',
    },
    stdio: 'ignore',
  });
  children.add(child);
  return child;
}

async function until(check: () => Promise<boolean>, ms = 30_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 100));
  }
}

function survivor() {
  // The survivor's clock is past the dead worker's lease.
  t.clock.advance(Date.now() + 5_000 - t.clock.now().getTime());
  return new OutboxWorker({
    app: t.app,
    email: new SmtpEmailSender({ host: '127.0.0.1', port: smtp.port, security: 'none', user: undefined, password: undefined, from: 'noreply@zhengming.test', messageIdDomain: 'zhengming.test' }),
    sms: { name: 'unused', send: () => Promise.resolve({ ok: false, retryable: false, code: 'UNUSED', reason: '' }) },
    policy: { maxAttempts: 5, pollMs: 50, leaseMs: 60_000 },
    consoleUrl: 'https://zhengming.example.cn',
    log: { info: () => undefined, error: () => undefined },
  });
}

describe('a worker killed mid-delivery', () => {
  it.runIf(onPostgres)('killed after claiming: every message is still delivered, exactly once', async () => {
    await enqueue('killed-after-claim', 5);
    const child = startWorkerProcess('claim');
    await until(async () => (await rows('killed-after-claim')).every((r) => r.status === 'sending'));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const before = smtp.messages.length;
    await survivor().runOnce(50);
    await smtp.waitFor(before + 5);
    expect((await rows('killed-after-claim')).map((r) => r.status)).toEqual(Array(5).fill('sent'));
    const subjects = smtp.messages.filter((m) => m.subject?.startsWith('killed-after-claim')).map((m) => m.subject);
    expect(subjects.sort()).toEqual([0, 1, 2, 3, 4].map((i) => `killed-after-claim ${i}`));
  }, 60_000);

  it.runIf(onPostgres)('killed after sending, before recording: the resend carries the same Message-ID', async () => {
    await enqueue('killed-after-send', 3);
    const before = smtp.messages.length;
    const child = startWorkerProcess('send');
    await smtp.waitFor(before + 1);
    await until(async () => smtp.messages.filter((m) => m.subject?.startsWith('killed-after-send')).length >= 1);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    await survivor().runOnce(50);
    await until(async () => (await rows('killed-after-send')).every((r) => r.status === 'sent'));
    const mails = smtp.messages.filter((m) => m.subject?.startsWith('killed-after-send'));
    const ids = new Map<string, number>();
    for (const m of mails) ids.set(m.messageId ?? '', (ids.get(m.messageId ?? '') ?? 0) + 1);
    // Three messages, three Message-IDs; the one sent before the kill arrives twice under the same id.
    expect(ids.size).toBe(3);
    expect([...ids.values()].every((n) => n <= 2)).toBe(true);
    expect(mails.length).toBeGreaterThanOrEqual(3);
  }, 60_000);
});
