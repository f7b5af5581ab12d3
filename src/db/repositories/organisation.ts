import { eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { regions, units } from '../schema/index.js';

export async function findRegion(db: Db, code: string) {
  const rows = await db.select().from(regions).where(eq(regions.code, code)).limit(1);
  return rows[0];
}

export const listRegions = (db: Db) => db.select().from(regions).orderBy(regions.path);

export async function findUnit(db: Db, id: string) {
  const rows = await db.select().from(units).where(eq(units.id, id)).limit(1);
  return rows[0];
}

export const listUnitsWithRegion = (db: Db) =>
  db
    .select({ unit: units, regionName: regions.name })
    .from(units)
    .innerJoin(regions, eq(regions.code, units.regionCode))
    .orderBy(units.regionPath, units.name);
