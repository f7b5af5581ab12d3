import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.js';
import { LogEmailSender } from '../email/log-email.js';
import { SmtpEmailSender } from '../email/smtp.js';
import type { EmailSender } from '../email/types.js';
import { createSmsSender, parseSmsConfig } from '../sms/config.js';
import type { SmsSender } from '../sms/types.js';

/**
 * The senders the configuration asks for: SMTP when SMTP_HOST is set, the SMS provider of
 * SMS_PROVIDER; otherwise both write to DATA_DIR/outbox.log (the demo's default).
 */
export function createSenders(config: Config): { email: EmailSender; sms: SmsSender; logFile: string } {
  mkdirSync(config.dataDir, { recursive: true });
  const logFile = path.join(config.dataDir, 'outbox.log');
  const email =
    config.smtp === null
      ? new LogEmailSender(logFile)
      : // Every process derives the same Message-ID domain from SMTP_FROM, so a resend by another
        // worker carries the same Message-ID as the first attempt.
        new SmtpEmailSender({ ...config.smtp, messageIdDomain: /@([^>\s]+)/.exec(config.smtp.from)?.[1] ?? 'zhengming.local' });
  const sms = createSmsSender(parseSmsConfig(config.env), { logFile });
  return { email, sms, logFile };
}
