import { and, count, desc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { notifications } from '../schema/index.js';

export type NotificationInsert = typeof notifications.$inferInsert;

/** Enqueues outbox rows; a row whose idempotency key already exists is not written twice. */
export async function enqueueNotifications(db: Db, rows: NotificationInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(notifications).values(rows).onConflictDoNothing({ target: notifications.idempotencyKey });
}

export async function listInbox(db: Db, userId: string, limit: number) {
  const mine = and(eq(notifications.recipientUserId, userId), eq(notifications.channel, 'inbox'));
  const [items, unread] = await Promise.all([
    db.select().from(notifications).where(mine).orderBy(desc(notifications.createdAt)).limit(limit),
    db
      .select({ n: count() })
      .from(notifications)
      .where(and(mine, isNull(notifications.readAt))),
  ]);
  return { items, unread: unread[0]?.n ?? 0 };
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

/** Claims due rows of the given channels for one sender; concurrent workers skip each other's. */
export async function claimDue(db: Db, channels: ('sms' | 'email')[], now: Date, limit: number) {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: notifications.id })
      .from(notifications)
      .where(
        and(
          eq(notifications.status, 'pending'),
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
    return tx
      .update(notifications)
      .set({ status: 'sending', attempts: sql`${notifications.attempts} + 1` })
      .where(sql`${notifications.id} in (${sql.join(
        due.map((d) => sql`${d.id}`),
        sql`, `,
      )})`)
      .returning();
  });
}

export async function markNotification(
  db: Db,
  id: string,
  values: Partial<Pick<NotificationInsert, 'status' | 'sentAt' | 'lastError' | 'providerMessageId' | 'nextAttemptAt'>>,
): Promise<void> {
  await db.update(notifications).set(values).where(eq(notifications.id, id));
}

