import { sql } from 'drizzle-orm';
import { check, pgTable, smallint } from 'drizzle-orm/pg-core';
import { ts } from './common.js';

/**
 * One row, once every value written before encryption existed has been sealed (the first start
 * after the upgrade, `cli/runtime.ts`). From then on a clear value in a sealed place was written
 * behind the application's back: later starts report it and leave it refused instead of sealing
 * (and so laundering) it. No row: that first pass has not finished yet.
 */
export const personalDataState = pgTable(
  'personal_data_state',
  {
    id: smallint('id').primaryKey(),
    allSealedAt: ts('all_sealed_at').notNull(),
  },
  (t) => [check('personal_data_state_one_row', sql`${t.id} = 1`)],
);
