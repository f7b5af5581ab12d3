import { and, desc, eq, gte, inArray, isNull, like, lte, sql } from 'drizzle-orm';
import type { BusinessScope } from '../../domain/access/scope.js';
import type { Db } from '../client.js';
import { openUserRow } from '../personal-data/fields.js';
import { regions, siteChecks, sitePatrols, units, users, websites } from '../schema/index.js';
import { unitScopeCondition } from './scope.js';

export type SiteCheckInsert = typeof siteChecks.$inferInsert;
export type SiteCheckRow = typeof siteChecks.$inferSelect;

export async function insertSiteCheck(db: Db, values: SiteCheckInsert): Promise<SiteCheckRow> {
  const [row] = await db.insert(siteChecks).values(values).returning();
  if (row === undefined) throw new Error('insert returned no row');
  return row;
}

/** How many checks the user started since `since` (the checker's rate limit). */
export async function countChecksBy(db: Db, userId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(siteChecks)
    .where(and(eq(siteChecks.requestedBy, userId), gte(siteChecks.startedAt, since)));
  return row?.n ?? 0;
}

const checkColumns = { check: siteChecks, requesterName: users.displayName };

/** An application's checks, newest first (the caller has loaded the application in scope). */
export function checksOfApplication(db: Db, applicationId: string, limit: number) {
  return db
    .select(checkColumns)
    .from(siteChecks)
    .leftJoin(users, eq(users.id, siteChecks.requestedBy))
    .where(eq(siteChecks.applicationId, applicationId))
    .orderBy(desc(siteChecks.startedAt))
    .limit(limit);
}

/** A website's patrol history, newest first (the caller has loaded the website in scope). */
export function patrolChecksOfWebsite(db: Db, websiteId: string, limit: number) {
  return db
    .select(checkColumns)
    .from(siteChecks)
    .leftJoin(users, eq(users.id, siteChecks.requestedBy))
    .where(and(eq(siteChecks.websiteId, websiteId), eq(siteChecks.trigger, 'patrol')))
    .orderBy(desc(siteChecks.startedAt))
    .limit(limit);
}

const patrolled = and(eq(websites.status, 'active'), eq(websites.hosting, 'self_hosted'));

/** Active self-hosted websites the patrol has no schedule for yet. */
export function websitesWithoutPatrol(db: Db, limit: number) {
  return db
    .select({ id: websites.id })
    .from(websites)
    .leftJoin(sitePatrols, eq(sitePatrols.websiteId, websites.id))
    .where(and(patrolled, isNull(sitePatrols.websiteId)))
    .limit(limit);
}

export async function insertPatrols(db: Db, rows: (typeof sitePatrols.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(sitePatrols).values(rows).onConflictDoNothing({ target: sitePatrols.websiteId });
}

/**
 * Claims due patrols: their time has come (or a dead worker's lease ran out), the website is
 * still active and self-hosted. The claim moves `next_check_at` a lease ahead and bumps
 * `claims`, and commits before any site is fetched; concurrent workers skip each other's rows.
 */
export async function claimDuePatrols(db: Db, now: Date, limit: number, leaseMs: number) {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ websiteId: sitePatrols.websiteId })
      .from(sitePatrols)
      .innerJoin(websites, eq(websites.id, sitePatrols.websiteId))
      .where(and(lte(sitePatrols.nextCheckAt, now), patrolled))
      .orderBy(sitePatrols.nextCheckAt)
      .limit(limit)
      .for('update', { of: sitePatrols, skipLocked: true });
    if (due.length === 0) return [];
    const ids = due.map((d) => d.websiteId);
    await tx
      .update(sitePatrols)
      .set({ nextCheckAt: new Date(now.getTime() + leaseMs), claims: sql`${sitePatrols.claims} + 1` })
      .where(inArray(sitePatrols.websiteId, ids));
    return tx
      .select({ patrol: sitePatrols, website: websites, unitName: units.name, regionPath: units.regionPath })
      .from(sitePatrols)
      .innerJoin(websites, eq(websites.id, sitePatrols.websiteId))
      .innerJoin(units, eq(units.id, websites.unitId))
      .where(inArray(sitePatrols.websiteId, ids));
  });
}

/** The patrol row, locked, if `claims` is still the claim that produced the result. */
export async function lockPatrolClaim(db: Db, websiteId: string, claims: number) {
  const [row] = await db
    .select()
    .from(sitePatrols)
    .where(and(eq(sitePatrols.websiteId, websiteId), eq(sitePatrols.claims, claims)))
    .for('update');
  return row;
}

export async function updatePatrol(db: Db, websiteId: string, values: Partial<typeof sitePatrols.$inferInsert>): Promise<void> {
  await db.update(sitePatrols).set(values).where(eq(sitePatrols.websiteId, websiteId));
}

/** Active handler accounts of a unit: who is told that its website keeps failing. */
export async function unitHandlers(db: Db, unitId: string) {
  const rows = await db
    .select({ id: users.id, mobile: users.mobile, email: users.email })
    .from(users)
    .where(and(eq(users.unitId, unitId), eq(users.role, 'handler'), eq(users.disabled, false)));
  return rows.map(openUserRow);
}

/** Self-hosted websites whose latest patrol check failed, in the actor's scope (optionally under a region). */
export function failingSites(db: Db, scope: BusinessScope, f: { regionPath?: string; limit: number }) {
  const under = f.regionPath === undefined ? undefined : like(units.regionPath, `${f.regionPath.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return db
    .select({
      patrol: sitePatrols,
      website: { id: websites.id, name: websites.name, englishDomain: websites.englishDomain, ipAddresses: websites.ipAddresses, badgeNumber: websites.badgeNumber },
      unit: { id: units.id, name: units.name, regionCode: units.regionCode, regionPath: units.regionPath },
      regionName: regions.name,
      findings: siteChecks.findings,
    })
    .from(sitePatrols)
    .innerJoin(websites, eq(websites.id, sitePatrols.websiteId))
    .innerJoin(units, eq(units.id, websites.unitId))
    .innerJoin(regions, eq(regions.code, units.regionCode))
    .leftJoin(siteChecks, eq(siteChecks.id, sitePatrols.lastCheckId))
    .where(and(patrolled, eq(sitePatrols.lastOutcome, 'fail'), unitScopeCondition(scope), under))
    .orderBy(units.regionPath, desc(sitePatrols.consecutiveFailures), websites.name)
    .limit(f.limit);
}

/** How many active self-hosted websites each region (of the unit) has under patrol, in scope. */
export function patrolledByRegion(db: Db, scope: BusinessScope, regionPath: string | undefined) {
  const under = regionPath === undefined ? undefined : like(units.regionPath, `${regionPath.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return db
    .select({ regionCode: units.regionCode, regionName: regions.name, regionPath: units.regionPath, total: sql<number>`count(*)::int` })
    .from(sitePatrols)
    .innerJoin(websites, eq(websites.id, sitePatrols.websiteId))
    .innerJoin(units, eq(units.id, websites.unitId))
    .innerJoin(regions, eq(regions.code, units.regionCode))
    .where(and(patrolled, unitScopeCondition(scope), under))
    .groupBy(units.regionCode, regions.name, units.regionPath)
    .orderBy(units.regionPath);
}
