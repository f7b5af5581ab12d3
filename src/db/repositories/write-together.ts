import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';

/**
 * Several writes sent as one statement, one round trip: `first` and the `rest` as the parts of a
 * data-modifying WITH. Returns how many rows `first` returned (a versioned save's RETURNING: 0
 * when someone else saved first, and the caller then rolls the whole transaction back).
 *
 * What PostgreSQL promises for such a statement, and so what the parts may be: they run with one
 * snapshot, so none sees another's rows (no part may read what another writes; inserts into
 * different tables and one update of a row already locked are fine); row triggers and foreign-key
 * checks run at the end of the statement, as they would after separate statements.
 *
 * A decision is a save, a history row, outbox rows, an audit event and the decision itself: written
 * one by one they were six round trips, during which the application's row and the status counts'
 * rows (locked by the save's trigger) stayed locked; at the end and together, one.
 */
export async function writeTogether(db: Db, first: SQL, rest: readonly (SQL | null)[]): Promise<number> {
  const parts = rest.filter((p): p is SQL => p !== null).map((p, i) => sql`, ${sql.raw(`w${i + 1}`)} as (${p})`);
  const res = (await db.execute(sql`with w0 as (${first})${sql.join(parts)} select count(*)::int as n from w0`)) as unknown as { rows: { n: number | string }[] };
  return Number(res.rows[0]?.n ?? 0);
}
