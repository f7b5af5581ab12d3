import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fail, sha256Hex } from './common.js';
import type { SmsMessage, SmsResult, SmsSender } from './types.js';

/**
 * The sender used when no provider is configured: appends one JSON line per message
 * (`{at, to, template, text, idempotencyKey}`) to a file, e.g. `DATA_DIR/outbox.log`.
 */
export class LogSmsSender implements SmsSender {
  readonly name = 'log';

  constructor(
    private readonly filePath: string,
    private readonly clock: { now(): Date } = { now: () => new Date() },
  ) {}

  async send(m: SmsMessage): Promise<SmsResult> {
    const line = JSON.stringify({
      at: this.clock.now().toISOString(),
      to: m.to,
      template: m.template,
      text: m.text,
      idempotencyKey: m.idempotencyKey,
    });
    try {
      await mkdir(path.dirname(this.filePath), { recursive: true });
      await appendFile(this.filePath, `${line}\n`, 'utf8');
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      return fail('LOG_WRITE_FAILED', `写入短信日志文件失败，稍后重试：${detail}`, true);
    }
    return { ok: true, providerMessageId: logMessageId(m.idempotencyKey) };
  }
}

/** `log-` plus the first 16 hex digits of SHA-256 of the idempotency key. */
export function logMessageId(idempotencyKey: string): string {
  return `log-${sha256Hex(idempotencyKey).slice(0, 16)}`;
}
