import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { EmailMessage, EmailSender, SendResult } from './types.js';

export interface SmtpConfig {
  host: string;
  port: number;
  /** `tls`: TLS from the first byte (465); `starttls`: upgrade required; `none`: plain (tests, local relays). */
  security: 'tls' | 'starttls' | 'none';
  user: string | undefined;
  password: string | undefined;
  from: string;
  /** Domain part of generated Message-IDs. */
  messageIdDomain: string;
  timeoutMs?: number;
}

export const messageIdFor = (key: string, domain: string) => `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@${domain}>`;

/** SMTP through nodemailer. Connection failures and 4xx replies are retried; 5xx replies are final. */
export class SmtpEmailSender implements EmailSender {
  readonly name = 'smtp';
  private readonly transport: Transporter;

  constructor(private readonly config: SmtpConfig) {
    const timeout = config.timeoutMs ?? 15_000;
    this.transport = nodemailer.createTransport({
      host: config.host,
      port: config.port,
      secure: config.security === 'tls',
      requireTLS: config.security === 'starttls',
      ignoreTLS: config.security === 'none',
      ...(config.user === undefined ? {} : { auth: { user: config.user, pass: config.password ?? '' } }),
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
  }

  async send(m: EmailMessage): Promise<SendResult> {
    const messageId = messageIdFor(m.idempotencyKey, this.config.messageIdDomain);
    try {
      const info = await this.transport.sendMail({
        from: this.config.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        messageId,
        headers: { 'X-Zhengming-Key': m.idempotencyKey.slice(0, 200) },
      });
      return { ok: true, providerMessageId: typeof info.messageId === 'string' ? info.messageId : messageId };
    } catch (e) {
      const err = e as { responseCode?: number; code?: string; message?: string };
      const permanent = typeof err.responseCode === 'number' && err.responseCode >= 500;
      return {
        ok: false,
        retryable: !permanent,
        code: err.responseCode !== undefined ? `SMTP_${err.responseCode}` : (err.code ?? 'SMTP_ERROR'),
        reason: permanent ? `邮件服务器拒绝：${err.message ?? ''}` : `邮件服务器暂时不可用：${err.message ?? ''}`,
      };
    }
  }

  close(): void {
    this.transport.close();
  }
}
