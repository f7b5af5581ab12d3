import { and, count, desc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { domains, publicReports, units, websites } from '../schema/index.js';

/**
 * Inserts the report unless its address already sent `max` since `since`; false when it did. The
 * count and the insert run under a transaction-scoped advisory lock on the address, so concurrent
 * reports from one address (on any number of edge processes) are counted one after the other and
 * a burst cannot pass the limit.
 */
export async function insertReportWithinLimit(db: Db, values: typeof publicReports.$inferInsert, since: Date, max: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`zhengming.public_report:${values.ip}`}, 0))`);
    if ((await reportsFromIpSince(tx, values.ip, since)) >= max) return false;
    await tx.insert(publicReports).values(values);
    return true;
  });
}

/** How many reports came from `ip` since `since` (the per-IP rate limit, shared by every edge process). */
export async function reportsFromIpSince(db: Db, ip: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(publicReports)
    .where(and(eq(publicReports.ip, ip), gt(publicReports.createdAt, since)));
  return row?.n ?? 0;
}

export async function websiteIdByBadgeId(db: Db, publicId: string): Promise<{ id: string; name: string; domain: string } | undefined> {
  const [row] = await db
    .select({ id: websites.id, name: websites.name, domain: domains.name })
    .from(websites)
    .innerJoin(domains, eq(domains.id, websites.domainId))
    .where(eq(websites.badgePublicId, publicId))
    .limit(1);
  return row;
}

/** Newest first, with the website and unit they are about when known. */
export async function listReports(db: Db, offset: number, limit: number) {
  const rows = await db
    .select({
      report: publicReports,
      websiteName: websites.name,
      badgeNumber: websites.badgeNumber,
      unitName: units.name,
      domainName: domains.name,
    })
    .from(publicReports)
    .leftJoin(websites, eq(websites.id, publicReports.websiteId))
    .leftJoin(units, eq(units.id, websites.unitId))
    .leftJoin(domains, eq(domains.id, websites.domainId))
    .orderBy(desc(publicReports.createdAt), desc(publicReports.id))
    .offset(offset)
    .limit(limit);
  const [total] = await db.select({ n: count() }).from(publicReports);
  return { rows, total: total?.n ?? 0 };
}
