import { asc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { notificationFanouts } from '../schema/index.js';

export type FanoutInsert = typeof notificationFanouts.$inferInsert;
export type FanoutRow = typeof notificationFanouts.$inferSelect;

/**
 * Messages-to-be-addressed, for `writeTogether` in the caller's transaction (null: no rows); a key
 * already waiting is not written twice.
 */
export const fanoutsWrite = (db: Db, rows: FanoutInsert[]): SQL | null =>
  rows.length === 0 ? null : db.insert(notificationFanouts).values(rows).onConflictDoNothing({ target: notificationFanouts.idempotencyKey }).getSQL();

/** The oldest waiting rows (not set aside), locked for this transaction; rows another worker holds are skipped. */
export const claimFanouts = (tx: Db, limit: number): Promise<FanoutRow[]> =>
  tx
    .select()
    .from(notificationFanouts)
    .where(isNull(notificationFanouts.lastError))
    .orderBy(asc(notificationFanouts.createdAt))
    .limit(limit)
    .for('update', { skipLocked: true });

/** Sets a row aside with the reason it could not be addressed: later passes skip it. */
export async function setFanoutAside(tx: Db, id: string, error: string): Promise<void> {
  await tx.update(notificationFanouts).set({ lastError: error.slice(0, 2000) }).where(eq(notificationFanouts.id, id));
}

export async function deleteFanouts(tx: Db, ids: string[]): Promise<void> {
  if (ids.length > 0) await tx.delete(notificationFanouts).where(inArray(notificationFanouts.id, ids));
}
