import { sql } from 'drizzle-orm';
import { char, index, pgTable, text, uuid, varchar } from 'drizzle-orm/pg-core';
import type { RegionLevel, UnitType } from '../../domain/types.js';
import { ts } from './common.js';

/** GB/T 2260 administrative divisions. `path` is the chain of codes from the root, '/'-separated,
 * so "everything in this office's region" is one prefix scan on an index. */
export const regions = pgTable(
  'regions',
  {
    code: char('code', { length: 6 }).primaryKey(),
    name: varchar('name', { length: 64 }).notNull(),
    level: varchar('level', { length: 16 }).$type<RegionLevel>().notNull(),
    parentCode: char('parent_code', { length: 6 }),
    path: varchar('path', { length: 64 }).notNull(),
  },
  (t) => [index('regions_path_idx').using('btree', sql`${t.path} text_pattern_ops`)],
);

export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: varchar('name', { length: 128 }).notNull(),
    type: varchar('type', { length: 32 }).$type<UnitType>().notNull(),
    uscc: char('uscc', { length: 18 }).notNull().unique(),
    regionCode: char('region_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    /** Denormalised copy of the region's path: reviewer scope is a prefix match on it. */
    regionPath: varchar('region_path', { length: 64 }).notNull(),
    address: varchar('address', { length: 256 }).notNull(),
    functions: text('functions').notNull(),
    leaderName: varchar('leader_name', { length: 64 }),
    phone: varchar('phone', { length: 32 }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('units_region_path_idx').using('btree', sql`${t.regionPath} text_pattern_ops`),
    index('units_name_idx').on(t.name),
  ],
);
