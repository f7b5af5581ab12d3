import { createHash } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import type { EmailMessage, EmailSender, SendResult } from './types.js';

/** Without an SMTP server configured (the demo), mail is appended to DATA_DIR/outbox.log. */
export class LogEmailSender implements EmailSender {
  readonly name = 'log';
  constructor(private readonly file: string) {}

  async send(m: EmailMessage): Promise<SendResult> {
    const line = JSON.stringify({ at: new Date().toISOString(), channel: 'email', to: m.to, subject: m.subject, text: m.text, idempotencyKey: m.idempotencyKey });
    await appendFile(this.file, `${line}\n`, { mode: 0o600 });
    return { ok: true, providerMessageId: `log-${createHash('sha256').update(m.idempotencyKey).digest('hex').slice(0, 16)}` };
  }
}
