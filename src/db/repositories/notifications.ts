import { and, count, desc, eq, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { openNotification, sealNotification } from '../personal-data/fields.js';
import { notifications } from '../schema/index.js';

export type NotificationInsert = typeof notifications.$inferInsert;

/** Enqueues outbox rows (addresses sealed); a row whose idempotency key already exists is not written twice. */
export async function enqueueNotifications(db: Db, rows: NotificationInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await insertNotifications(db, rows);
}

const insertNotifications = (db: Db, rows: NotificationInsert[]) =>
  db.insert(notifications).values(rows.map(sealNotification)).onConflictDoNothing({ target: notifications.idempotencyKey });

/** `enqueueNotifications` for `writeTogether` (null: no rows). */
export const notificationsWrite = (db: Db, rows: NotificationInsert[]): SQL | null => (rows.length === 0 ? null : insertNotifications(db, rows).getSQL());

export async function listInbox(db: Db, userId: string, limit: number) {
  const mine = and(eq(notifications.recipientUserId, userId), eq(notifications.channel, 'inbox'));
  const [items, unread] = await Promise.all([
    db.select().from(notifications).where(mine).orderBy(desc(notifications.createdAt)).limit(limit),
    db
      .select({ n: count() })
      .from(notifications)
      .where(and(mine, isNull(notifications.readAt))),
  ]);
  return { items: items.map(openNotification), unread: unread[0]?.n ?? 0 };
}

/** Marks one of the user's own inbox messages read; false when it is not theirs. */
export async function markInboxRead(db: Db, userId: string, id: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${at.toISOString()}::timestamptz)` })
    .where(and(eq(notifications.id, id), eq(notifications.recipientUserId, userId), eq(notifications.channel, 'inbox')))
    .returning({ id: notifications.id });
  return rows.length === 1;
}

/**
 * Claims due rows for one worker: pending ones whose time has come, and `sending` ones whose
 * lease ran out (their worker died between claiming and recording). Concurrent workers skip each
 * other's rows (FOR UPDATE SKIP LOCKED); the claim itself commits before anything is sent.
 */
export async function claimDue(db: Db, channels: ('sms' | 'email')[], now: Date, limit: number, leaseMs: number) {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: notifications.id })
      .from(notifications)
      .where(
        and(
          inArray(notifications.status, ['pending', 'sending']),
          lte(notifications.nextAttemptAt, now),
          sql`${notifications.channel} in (${sql.join(
            channels.map((c) => sql`${c}`),
            sql`, `,
          )})`,
        ),
      )
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    const claimed = await tx
      .update(notifications)
      .set({ status: 'sending', attempts: sql`${notifications.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + leaseMs) })
      .where(sql`${notifications.id} in (${sql.join(
        due.map((d) => sql`${d.id}`),
        sql`, `,
      )})`)
      .returning();
    return claimed.map(openNotification);
  });
}

/** Records a send attempt's outcome, unless the row was reclaimed meanwhile (another attempt owns it). */
export async function recordAttempt(
  db: Db,
  id: string,
  attempt: number,
  values: Partial<Pick<NotificationInsert, 'status' | 'sentAt' | 'lastError' | 'providerMessageId' | 'nextAttemptAt'>>,
): Promise<boolean> {
  const rows = await db
    .update(notifications)
    .set(values)
    .where(and(eq(notifications.id, id), eq(notifications.status, 'sending'), eq(notifications.attempts, attempt)))
    .returning({ id: notifications.id });
  return rows.length === 1;
}

