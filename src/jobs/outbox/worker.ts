import { expandFanouts } from '../../app/notifications/fan-out.js';
import { claimDue, recordAttempt } from '../../db/repositories/notifications.js';
import type { notifications } from '../../db/schema/index.js';
import type { AppContext } from '../../app/context.js';
import type { OutboxPolicy } from '../../config.js';
import { maskAddress } from '../../domain/personal-data/masking.js';
import { renderEmail } from '../email/render-html.js';
import type { EmailSender, SendResult } from '../email/types.js';
import { backoffMs } from './backoff.js';

type Row = typeof notifications.$inferSelect;

/** Structurally the SMS adapters' interface (src/jobs/sms/types.ts). */
export interface SmsSenderLike {
  readonly name: string;
  send(m: { to: string; template: string; params: Record<string, string>; text: string; idempotencyKey: string }): Promise<SendResult>;
}

export interface WorkerLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface OutboxWorkerDeps {
  app: AppContext;
  email: EmailSender;
  sms: SmsSenderLike;
  policy: OutboxPolicy;
  consoleUrl: string;
  log: WorkerLog;
  random?: () => number;
  /** Test hook: runs between claiming and sending, and between sending and recording. */
  pause?: { at: 'claim' | 'send'; ms: number };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Delivers the outbox: claim a batch (committed as `sending` with a lease), send each, record the
 * outcome against the attempt that claimed it. A worker that dies mid-way leaves its rows to be
 * reclaimed when the lease ends; providers and the Message-ID see the same idempotency key again,
 * which is how a message sent just before the crash is recognised as a duplicate.
 */
export class OutboxWorker {
  constructor(private readonly d: OutboxWorkerDeps) {}

  async runOnce(batch = 20): Promise<number> {
    const { app, policy } = this.d;
    // Reviewer messages still to be addressed first: their SMS and email are then due in this pass.
    const fanouts = await expandFanouts(app, batch);
    for (const aside of fanouts.setAside) this.d.log.error({ fanout: aside.id, reason: aside.error }, 'reviewer messages set aside');
    const rows = await claimDue(app.db, ['sms', 'email'], app.clock.now(), batch, policy.leaseMs);
    if (this.d.pause?.at === 'claim' && rows.length > 0) await sleep(this.d.pause.ms);
    for (const row of rows) await this.deliver(row);
    return fanouts.addressed + fanouts.setAside.length + rows.length;
  }

  private async send(row: Row): Promise<SendResult> {
    if (row.toAddress === null) return { ok: false, retryable: false, code: 'NO_ADDRESS', reason: '收件地址为空' };
    if (row.channel === 'email') {
      const link = typeof row.params['path'] === 'string' ? `${this.d.consoleUrl}${row.params['path']}` : null;
      const { text, html } = renderEmail(row.subject, row.body, link);
      return this.d.email.send({ to: row.toAddress, subject: row.subject, text, html, idempotencyKey: row.idempotencyKey });
    }
    return this.d.sms.send({ to: row.toAddress, template: row.template, params: row.params, text: row.body, idempotencyKey: row.idempotencyKey });
  }

  private async deliver(row: Row): Promise<void> {
    const { app, policy, log } = this.d;
    let result: SendResult;
    try {
      result = await this.send(row);
    } catch (e) {
      result = { ok: false, retryable: true, code: 'SEND_ERROR', reason: e instanceof Error ? e.message : String(e) };
    }
    if (this.d.pause?.at === 'send') await sleep(this.d.pause.ms);
    const now = app.clock.now();
    if (result.ok) {
      await recordAttempt(app.db, row.id, row.attempts, { status: 'sent', sentAt: now, providerMessageId: result.providerMessageId, lastError: null });
      log.info({ notification: row.id, channel: row.channel, to: row.toAddress === null ? null : maskAddress(row.channel, row.toAddress), provider: result.providerMessageId }, 'message sent');
      return;
    }
    const retry = result.retryable && row.attempts < policy.maxAttempts;
    await recordAttempt(app.db, row.id, row.attempts, {
      status: retry ? 'pending' : 'failed',
      lastError: `${result.code}: ${result.reason}`.slice(0, 2000),
      nextAttemptAt: new Date(now.getTime() + (retry ? backoffMs(row.attempts, this.d.random) : 0)),
    });
    log.error({ notification: row.id, channel: row.channel, code: result.code, attempt: row.attempts, retry }, 'message not sent');
  }

  /** Polls until stopped; one batch at a time. */
  start(): { stop(): Promise<void> } {
    let stopped = false;
    let wake: (() => void) | undefined;
    const loop = (async () => {
      while (!stopped) {
        let n = 0;
        try {
          n = await this.runOnce();
        } catch (e) {
          this.d.log.error({ err: e }, 'outbox worker pass failed');
        }
        if (n === 0 && !stopped) await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, this.d.policy.pollMs).unref();
        });
      }
    })();
    return {
      stop: async () => {
        stopped = true;
        wake?.();
        await loop;
      },
    };
  }
}
