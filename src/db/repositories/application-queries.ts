import { and, asc, desc, eq, getTableColumns, gte, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../domain/access/actor.js';
import type { ApplicationStatus, ApplicationType, UnitType } from '../../domain/types.js';
import type { Db } from '../client.js';
import { applications, units } from '../schema/index.js';
import { applicationScope } from './applications.js';
import { escapeLike } from './like.js';

export interface QueueFilter {
  status?: ApplicationStatus | undefined;
  step?: 'office' | 'center' | 'paper' | undefined;
  type?: ApplicationType | undefined;
  unitType?: UnitType | undefined;
  regionPath?: string | undefined;
  submittedFrom?: Date | undefined;
  submittedTo?: Date | undefined;
  overdue?: boolean | undefined;
  q?: string | undefined;
  sort: 'submitted_asc' | 'submitted_desc' | 'due_asc';
  after?: { key: Date; id: string } | undefined;
  limit: number;
  now: Date;
}


/**
 * An application as a list shows it: every column, but of the form only what the list presents
 * (its type and website name). The 经办人's sealed contact fields stay in the database: opening
 * them (SM4 and HMAC-SM3, three per form) for 50 rows cost ~20 ms of the API's CPU per page.
 */
const { payload: _form, ...listColumns } = getTableColumns(applications);
const listedApplication = {
  ...listColumns,
  payload: sql<Record<string, unknown>>`jsonb_build_object('type', ${applications.payload}->'type', 'websiteName', ${applications.payload}->'websiteName')`,
};

export function filterConditions(actor: Actor, f: Omit<QueueFilter, 'sort' | 'after' | 'limit'>): SQL[] {
  const c: SQL[] = [applicationScope(actor)];
  if (f.status !== undefined) c.push(eq(applications.status, f.status));
  if (f.step !== undefined) c.push(eq(applications.step, f.step));
  if (f.type !== undefined) c.push(eq(applications.type, f.type));
  if (f.unitType !== undefined) c.push(eq(applications.unitType, f.unitType));
  if (f.regionPath !== undefined) c.push(sql`${applications.regionPath} like ${`${escapeLike(f.regionPath)}%`}`);
  // With 超期 the pending rows' index (region, due_at) already narrows to a few thousand; PostgreSQL
  // would still AND in the national submitted_at index for a date range (misestimated: 50–80 ms of
  // a 60 ms query on the national data set), so the range is then checked on the rows, not indexed.
  const unindexed = sql`(${applications.submittedAt} + interval '0 seconds')`;
  const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;
  if (f.submittedFrom !== undefined) c.push(f.overdue === true ? sql`${unindexed} >= ${at(f.submittedFrom)}` : gte(applications.submittedAt, f.submittedFrom));
  if (f.submittedTo !== undefined) c.push(f.overdue === true ? sql`${unindexed} <= ${at(f.submittedTo)}` : lte(applications.submittedAt, f.submittedTo));
  if (f.overdue === true) {
    c.push(and(sql`${applications.step} is not null`, lt(applications.dueAt, f.now)) ?? sql`true`);
    // The province of the narrowest region (filter, else an office's scope) reaches the pending
    // rows of that province in submission order (applications_pending_province_submitted_idx).
    const province = (f.regionPath ?? (actor.role === 'office_reviewer' ? actor.regionPath : null))?.split('/')[0];
    if (province !== undefined && province !== '') c.push(sql`substr(${applications.regionPath}, 1, 6) = ${province}`);
  }
  if (f.q !== undefined && f.q !== '') {
    const p = `%${escapeLike(f.q)}%`;
    c.push(or(sql`${applications.number} like ${p}`, sql`${units.name} like ${p}`) ?? sql`true`);
  }
  return c;
}

/**
 * A page of the queue in keyset order: (sort key, id) after the cursor. The page's ids are chosen
 * first, from the queue's indexes alone where they hold the filter's columns (a province's pending
 * rows: thousands of index entries instead of thousands of 1 kB rows), and only the page's rows
 * are then read.
 */
export async function queuePage(db: Db, actor: Actor, f: QueueFilter) {
  const key = f.sort === 'due_asc' ? applications.dueAt : applications.submittedAt;
  const conditions = filterConditions(actor, f);
  conditions.push(sql`${key} is not null`);
  if (f.after !== undefined) {
    conditions.push(
      f.sort === 'submitted_desc'
        ? sql`(${key}, ${applications.id}) < (${f.after.key.toISOString()}::timestamptz, ${f.after.id}::uuid)`
        : sql`(${key}, ${applications.id}) > (${f.after.key.toISOString()}::timestamptz, ${f.after.id}::uuid)`,
    );
  }
  const order = f.sort === 'submitted_desc' ? [desc(key), desc(applications.id)] : [asc(key), asc(applications.id)];
  // The unit is joined only for a search by its name (q): every other filter is on applications.
  const base = db.select({ id: applications.id }).from(applications);
  const chosen = (f.q === undefined || f.q === '' ? base : base.innerJoin(units, eq(units.id, applications.unitId)))
    .where(and(...conditions))
    .orderBy(...order)
    .limit(f.limit)
    .as('chosen');
  return db
    .select({ app: listedApplication, unitName: units.name })
    .from(chosen)
    .innerJoin(applications, eq(applications.id, chosen.id))
    .innerJoin(units, eq(units.id, applications.unitId))
    .orderBy(...order);
}

/** A unit's own applications, newest first. */
export async function unitApplications(db: Db, actor: Actor, page: { limit: number; offset: number }) {
  return db
    .select({ app: listedApplication, unitName: units.name })
    .from(applications)
    .innerJoin(units, eq(units.id, applications.unitId))
    .where(applicationScope(actor))
    .orderBy(desc(applications.createdAt), desc(applications.id))
    .limit(page.limit)
    .offset(page.offset);
}
