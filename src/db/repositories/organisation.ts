import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { regions, units } from '../schema/index.js';
import { escapeLike } from './like.js';

export async function findRegion(db: Db, code: string) {
  const rows = await db.select().from(regions).where(eq(regions.code, code)).limit(1);
  return rows[0];
}

export const listRegions = (db: Db) => db.select().from(regions).orderBy(regions.path);

export async function findUnit(db: Db, id: string) {
  const rows = await db.select().from(units).where(eq(units.id, id)).limit(1);
  return rows[0];
}


/**
 * Units by name (a substring: the trigram index from 3 characters on) or by USCC, or one by id,
 * ordered by name, at most `limit`: the country has 1,000,000 of them.
 */
export const searchUnitsWithRegion = (db: Db, f: { q?: string | undefined; id?: string | undefined; limit: number }) =>
  db
    .select({ unit: units, regionName: regions.name })
    .from(units)
    .innerJoin(regions, eq(regions.code, units.regionCode))
    .where(
      f.id !== undefined
        ? eq(units.id, f.id)
        : f.q === undefined || f.q === ''
          ? undefined
          : /^[0-9A-Z]{18}$/.test(f.q)
            ? eq(units.uscc, f.q)
            : sql`${units.name} like ${`%${escapeLike(f.q)}%`}`,
    )
    .orderBy(units.name, units.id)
    .limit(f.limit);
