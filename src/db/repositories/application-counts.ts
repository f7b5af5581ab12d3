import { and, count, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../domain/access/actor.js';
import type { ApplicationStatus } from '../../domain/types.js';
import type { Db } from '../client.js';
import { applicationCounts, applicationProvinceCounts, applications, regions, units } from '../schema/index.js';
import { filterConditions, type QueueFilter } from './application-queries.js';
import { applicationScope } from './applications.js';
import { escapeLike } from './like.js';

const stepStatus = { office: 'pending_office', center: 'pending_center', paper: 'pending_paper' } as const;

/** The rows of application_counts inside the actor's scope: the same rule as applicationScope. */
function countScope(actor: Actor): SQL {
  switch (actor.role) {
    case 'office_reviewer':
      return actor.regionPath === null
        ? sql`false`
        : (and(ne(applicationCounts.status, 'draft'), sql`${applicationCounts.regionPath} like ${`${escapeLike(actor.regionPath)}%`}`) ?? sql`false`);
    case 'center_reviewer':
      return and(ne(applicationCounts.status, 'draft'), eq(applicationCounts.inCenter, true)) ?? sql`false`;
    default:
      return sql`false`;
  }
}

export type CountFilter = Omit<QueueFilter, 'sort' | 'after' | 'limit' | 'status'>;

/** Filters the counts table can answer: region, step (one status each), type, unit type. */
const answeredByTable = (f: CountFilter) => f.submittedFrom === undefined && f.submittedTo === undefined && f.overdue !== true && (f.q === undefined || f.q === '');

/**
 * At most this many applications are counted row by row (a filter the counts tables do not hold);
 * past it the counts say so (`capped`) and the console shows them as lower bounds ("1000+").
 */
export const exactCountCap = 1_000;

const isProvince = (path: string) => !path.includes('/');

/**
 * When the scope and filter cover whole provinces — the centre's country or one province, a
 * province office's own — the rows of the province table that hold them (a few hundred or
 * thousand); otherwise undefined and the region table answers.
 */
function provinceRows(actor: Actor, f: CountFilter): SQL | undefined {
  const p = applicationProvinceCounts;
  if (actor.role === 'center_reviewer') {
    if (f.regionPath === undefined) return eq(p.inCenter, true);
    return isProvince(f.regionPath) ? and(eq(p.inCenter, true), eq(p.province, f.regionPath)) : undefined;
  }
  // An office: its own province only (a narrower filter, or another province, is not a province of its scope).
  if (actor.role === 'office_reviewer' && actor.regionPath !== null && isProvince(actor.regionPath) && (f.regionPath === undefined || f.regionPath === actor.regionPath)) {
    return eq(p.province, actor.regionPath);
  }
  return undefined;
}

async function provinceCountsPerStatus(db: Db, rows: SQL, f: CountFilter) {
  const p = applicationProvinceCounts;
  const c: SQL[] = [rows, ne(p.status, 'draft')];
  if (f.step !== undefined) c.push(eq(p.status, stepStatus[f.step]));
  if (f.type !== undefined) c.push(eq(p.type, f.type));
  if (f.unitType !== undefined) c.push(eq(p.unitType, f.unitType));
  return db
    .select({ status: p.status, n: sql<string>`sum(${p.n})` })
    .from(p)
    .where(and(...c))
    .groupBy(p.status);
}

/**
 * Counts per status within the actor's scope and the filter. From the counts tables (kept by a
 * trigger) when the filter is one they hold; otherwise by counting the matching applications — the
 * page's own narrow set, through the same indexes — at most `exactCountCap` of them.
 */
export async function countsForQueue(db: Db, actor: Actor, f: CountFilter): Promise<{ counts: Partial<Record<ApplicationStatus, number>>; capped: boolean }> {
  if (answeredByTable(f)) {
    const provinces = provinceRows(actor, f);
    const rows = provinces !== undefined ? await provinceCountsPerStatus(db, provinces, f) : await regionCountsPerStatus(db, actor, f);
    return { counts: Object.fromEntries(rows.flatMap((r) => (Number(r.n) > 0 ? [[r.status, Number(r.n)]] : []))), capped: false };
  }
  // The unit is joined only for a search by its name (q): every other filter is on applications.
  const base = db.select({ status: applications.status }).from(applications);
  const matching = (f.q === undefined || f.q === '' ? base : base.innerJoin(units, eq(units.id, applications.unitId)))
    .where(and(...filterConditions(actor, f)))
    .limit(exactCountCap + 1)
    .as('matching');
  const rows = await db.select({ status: matching.status, n: count() }).from(matching).groupBy(matching.status);
  const total = rows.reduce((s, r) => s + r.n, 0);
  return { counts: Object.fromEntries(rows.map((r) => [r.status, r.n])), capped: total > exactCountCap };
}

function regionCountsPerStatus(db: Db, actor: Actor, f: CountFilter) {
  const c: SQL[] = [countScope(actor)];
  if (f.regionPath !== undefined) c.push(sql`${applicationCounts.regionPath} like ${`${escapeLike(f.regionPath)}%`}`);
  if (f.step !== undefined) c.push(eq(applicationCounts.status, stepStatus[f.step]));
  if (f.type !== undefined) c.push(eq(applicationCounts.type, f.type));
  if (f.unitType !== undefined) c.push(eq(applicationCounts.unitType, f.unitType));
  return db
    .select({ status: applicationCounts.status, n: sql<string>`sum(${applicationCounts.n})` })
    .from(applicationCounts)
    .where(and(...c))
    .groupBy(applicationCounts.status);
}

/**
 * Counts per status for each region one level below `under` (a region path inside the actor's
 * scope; the actor's own region, or the whole country for the centre, when undefined), with the
 * applications of `under` itself under the code ''. From application_counts only.
 */
export async function countsPerRegion(db: Db, actor: Actor, under: string | undefined) {
  const rows = actor.role === 'center_reviewer' && under === undefined ? await countsPerProvince(db) : await countsBelow(db, actor, under);
  const codes = [...new Set(rows.map((r) => r.code).filter((code) => code !== ''))];
  const names = codes.length === 0 ? [] : await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, codes));
  return { rows: rows.map((r) => ({ code: r.code, status: r.status, n: Number(r.n) })), names: new Map(names.map((r) => [r.code, r.name])) };
}

/** The centre's view of the country: the province table (the same rule as countScope). */
function countsPerProvince(db: Db) {
  const p = applicationProvinceCounts;
  return db
    .select({ code: p.province, status: p.status, n: sql<string>`sum(${p.n})` })
    .from(p)
    .where(and(ne(p.status, 'draft'), eq(p.inCenter, true)))
    .groupBy(p.province, p.status);
}

function countsBelow(db: Db, actor: Actor, under: string | undefined) {
  const depth = under === undefined ? 1 : under.split('/').length + 1;
  // The depth inline (an integer made here): a parameter would make GROUP BY differ from SELECT.
  const child = sql<string>`split_part(${applicationCounts.regionPath}, '/', ${sql.raw(String(Math.trunc(depth)))})`;
  const c: SQL[] = [countScope(actor)];
  if (under !== undefined) c.push(sql`${applicationCounts.regionPath} like ${`${escapeLike(under)}%`}`);
  return db
    .select({ code: child, status: applicationCounts.status, n: sql<string>`sum(${applicationCounts.n})` })
    .from(applicationCounts)
    .where(and(...c))
    .groupBy(child, applicationCounts.status);
}

/** The applications in the actor's scope, counted up to `cap` (+1: more than `cap` says so). */
export async function countInScope(db: Db, actor: Actor, cap: number): Promise<{ total: number; capped: boolean }> {
  const inScope = db.select({ id: applications.id }).from(applications).where(applicationScope(actor)).limit(cap + 1).as('in_scope');
  const [row] = await db.select({ n: count() }).from(inScope);
  const n = row?.n ?? 0;
  return { total: Math.min(n, cap), capped: n > cap };
}
