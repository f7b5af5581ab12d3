import { and, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { openNotification } from '../personal-data/fields.js';
import { searchHashOf } from '../personal-data/keys.js';
import { notifications } from '../schema/index.js';
import type { NotificationStatus } from '../schema/messaging.js';

const columns = {
  id: notifications.id,
  channel: notifications.channel,
  template: notifications.template,
  toAddress: notifications.toAddress,
  subject: notifications.subject,
  status: notifications.status,
  attempts: notifications.attempts,
  lastError: notifications.lastError,
  providerMessageId: notifications.providerMessageId,
  sentAt: notifications.sentAt,
  createdAt: notifications.createdAt,
  applicationId: notifications.applicationId,
};

/** The SMS and emails sent about one application (the in-app copies are the inbox). */
export async function applicationDeliveries(db: Db, applicationId: string) {
  const rows = await db
    .select(columns)
    .from(notifications)
    .where(and(eq(notifications.applicationId, applicationId), inArray(notifications.channel, ['sms', 'email'])))
    .orderBy(desc(notifications.createdAt), notifications.channel);
  return rows.map(openNotification);
}

export interface DeliveryFilter {
  status?: NotificationStatus | undefined;
  channel?: 'sms' | 'email' | undefined;
  /** The recipient's address, already normalised: found by its keyed hash (the column is sealed). */
  to?: string | undefined;
  page: number;
  pageSize: number;
}

export async function deliveries(db: Db, f: DeliveryFilter) {
  const c: SQL[] = [inArray(notifications.channel, ['sms', 'email'])];
  if (f.status !== undefined) c.push(eq(notifications.status, f.status));
  if (f.channel !== undefined) c.push(eq(notifications.channel, f.channel));
  if (f.to !== undefined && f.to !== '') c.push(eq(notifications.toAddressHash, searchHashOf('address', f.to) ?? ''));
  const where = and(...c);
  const [rows, totals] = await Promise.all([
    db.select(columns).from(notifications).where(where).orderBy(desc(notifications.createdAt)).limit(f.pageSize).offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(notifications).where(where),
  ]);
  return { rows: rows.map(openNotification), total: totals[0]?.n ?? 0 };
}

/** A failed message goes back to the queue with a fresh allowance of attempts. */
export async function requeueFailed(db: Db, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(notifications)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null })
    .where(and(eq(notifications.id, id), eq(notifications.status, 'failed')))
    .returning({ id: notifications.id });
  return rows.length === 1;
}
