import { sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { personalDataState } from '../schema/index.js';

/** When the first start after encryption finished sealing the clear values; null: not yet. */
export async function allSealedSince(db: Db): Promise<Date | null> {
  const [row] = await db.select({ at: personalDataState.allSealedAt }).from(personalDataState).limit(1);
  return row?.at ?? null;
}

/** Records that every clear value is sealed (the first time only: the earliest date stays). */
export async function markAllSealed(db: Db, at: Date): Promise<void> {
  await db.insert(personalDataState).values({ id: 1, allSealedAt: at }).onConflictDoNothing();
}

/** For tests: back to before the first pass. */
export async function forgetAllSealed(db: Db): Promise<void> {
  await db.execute(sql`delete from personal_data_state`);
}
