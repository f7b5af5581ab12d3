import { and, count, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../domain/access/actor.js';
import type { ApplicationStatus } from '../../domain/types.js';
import type { Db } from '../client.js';
import { applicationCounts, applications, regions, units } from '../schema/index.js';
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

/** At most this many applications are counted row by row; past it the counts say so (`capped`). */
export const exactCountCap = 10_000;

/**
 * Counts per status within the actor's scope and the filter. From `application_counts` (kept by
 * a trigger) when the filter is one it holds; otherwise by counting the matching applications,
 * at most `exactCountCap` of them.
 */
export async function countsForQueue(db: Db, actor: Actor, f: CountFilter): Promise<{ counts: Partial<Record<ApplicationStatus, number>>; capped: boolean }> {
  if (answeredByTable(f)) {
    const c: SQL[] = [countScope(actor)];
    if (f.regionPath !== undefined) c.push(sql`${applicationCounts.regionPath} like ${`${escapeLike(f.regionPath)}%`}`);
    if (f.step !== undefined) c.push(eq(applicationCounts.status, stepStatus[f.step]));
    if (f.type !== undefined) c.push(eq(applicationCounts.type, f.type));
    if (f.unitType !== undefined) c.push(eq(applicationCounts.unitType, f.unitType));
    const rows = await db
      .select({ status: applicationCounts.status, n: sql<string>`sum(${applicationCounts.n})` })
      .from(applicationCounts)
      .where(and(...c))
      .groupBy(applicationCounts.status);
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

/**
 * Counts per status for each region one level below `under` (a region path inside the actor's
 * scope; the actor's own region, or the whole country for the centre, when undefined), with the
 * applications of `under` itself under the code ''. From application_counts only.
 */
export async function countsPerRegion(db: Db, actor: Actor, under: string | undefined) {
  const depth = under === undefined ? 1 : under.split('/').length + 1;
  // The depth inline (an integer made here): a parameter would make GROUP BY differ from SELECT.
  const child = sql<string>`split_part(${applicationCounts.regionPath}, '/', ${sql.raw(String(Math.trunc(depth)))})`;
  const c: SQL[] = [countScope(actor)];
  if (under !== undefined) c.push(sql`${applicationCounts.regionPath} like ${`${escapeLike(under)}%`}`);
  const rows = await db
    .select({ code: child, status: applicationCounts.status, n: sql<string>`sum(${applicationCounts.n})` })
    .from(applicationCounts)
    .where(and(...c))
    .groupBy(child, applicationCounts.status);
  const codes = [...new Set(rows.map((r) => r.code).filter((code) => code !== ''))];
  const names = codes.length === 0 ? [] : await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, codes));
  return { rows: rows.map((r) => ({ code: r.code, status: r.status, n: Number(r.n) })), names: new Map(names.map((r) => [r.code, r.name])) };
}

/** The applications in the actor's scope, counted up to `cap` (+1: more than `cap` says so). */
export async function countInScope(db: Db, actor: Actor, cap: number): Promise<{ total: number; capped: boolean }> {
  const inScope = db.select({ id: applications.id }).from(applications).where(applicationScope(actor)).limit(cap + 1).as('in_scope');
  const [row] = await db.select({ n: count() }).from(inScope);
  const n = row?.n ?? 0;
  return { total: Math.min(n, cap), capped: n > cap };
}
