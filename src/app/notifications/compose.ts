import type { NotificationInsert } from '../../db/repositories/notifications.js';
import { render, templates, type TemplateName } from '../../domain/notifications/templates.js';

export interface Recipient {
  id: string;
  mobile: string | null;
  email: string | null;
}

/**
 * The outbox rows for one message to one user: an in-app copy always, plus SMS and/or email to
 * the addresses on file. `key` makes the rows idempotent: composing the same event twice
 * enqueues nothing new.
 */
export function composeMessage(
  template: TemplateName,
  to: Recipient,
  params: Record<string, string>,
  channels: ('sms' | 'email')[],
  key: string,
  now: Date,
  applicationId: string | null = null,
): NotificationInsert[] {
  const t = templates[template];
  const subject = render(t.subject, params);
  const text = render(t.text, params);
  const base = { template, recipientUserId: to.id, applicationId, subject, params, createdAt: now, nextAttemptAt: now };
  const rows: NotificationInsert[] = [
    { ...base, channel: 'inbox', body: text, status: 'sent', sentAt: now, idempotencyKey: `${key}:inbox` },
  ];
  if (channels.includes('sms') && to.mobile !== null) {
    rows.push({ ...base, channel: 'sms', toAddress: to.mobile, body: render(t.sms, params), status: 'pending', idempotencyKey: `${key}:sms` });
  }
  if (channels.includes('email') && to.email !== null) {
    rows.push({ ...base, channel: 'email', toAddress: to.email, body: text, status: 'pending', idempotencyKey: `${key}:email` });
  }
  return rows;
}
