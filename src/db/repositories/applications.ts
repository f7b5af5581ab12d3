import { and, asc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../domain/access/actor.js';
import type { Db } from '../client.js';
import { openPayload, openUserRow, sealPayload } from '../personal-data/fields.js';
import {
  applicationHistory,
  applicationRevisions,
  applications,
  domains,
  paperMaterials,
  reviewDecisions,
  units,
  users,
  websites,
} from '../schema/index.js';
import { escapeLike } from './like.js';

/** An application as the use cases see it: the form's 经办人 fields in clear (sealed in the table). */
export type ApplicationRow = typeof applications.$inferSelect;
export type ApplicationInsert = typeof applications.$inferInsert;

/** Opens the sealed fields of a row that carries a form (an application or a revision). */
export const withOpenPayload = <T extends { payload: Record<string, unknown> }>(row: T): T => ({ ...row, payload: openPayload(row.payload) });
const withSealedPayload = <T extends { payload?: Record<string, unknown> | undefined }>(values: T): T =>
  values.payload === undefined ? values : { ...values, payload: sealPayload(values.payload) };


/**
 * Which applications an actor may see. A 经办人: their unit's, drafts included. An office
 * reviewer: submitted ones of units in their region subtree. The centre: submitted ones whose
 * chain has a centre step (a 注销 never reaches it). Anyone else: none.
 */
export function applicationScope(actor: Actor): SQL {
  switch (actor.role) {
    case 'handler':
      return actor.unitId === null ? sql`false` : eq(applications.unitId, actor.unitId);
    case 'office_reviewer':
      return actor.regionPath === null
        ? sql`false`
        : and(ne(applications.status, 'draft'), sql`${applications.regionPath} like ${`${escapeLike(actor.regionPath)}%`}`) ?? sql`false`;
    case 'center_reviewer':
      return and(ne(applications.status, 'draft'), sql`${applications.chain} ? 'center'`) ?? sql`false`;
    default:
      return sql`false`;
  }
}

export async function nextApplicationNumber(db: Db, now: Date): Promise<string> {
  const res = (await db.execute(sql`select nextval('application_number_seq')::bigint as n`)) as unknown as { rows: { n: string | number }[] };
  const n = String(res.rows[0]?.n ?? '0').padStart(8, '0');
  return `SQ${now.getUTCFullYear()}${n}`;
}

export async function nextBadgeSerial(db: Db): Promise<number> {
  const res = (await db.execute(sql`select nextval('badge_serial_seq')::bigint as n`)) as unknown as { rows: { n: string | number }[] };
  return Number(res.rows[0]?.n ?? 0);
}

export async function insertApplication(db: Db, values: ApplicationInsert): Promise<ApplicationRow> {
  const [row] = await db.insert(applications).values(withSealedPayload(values)).returning();
  if (row === undefined) throw new Error('insert returned no row');
  return withOpenPayload(row);
}

export async function loadApplicationByNumber(db: Db, actor: Actor, number: string) {
  const rows = await db
    .select()
    .from(applications)
    .where(and(eq(applications.number, number), applicationScope(actor)))
    .limit(1);
  return rows[0] === undefined ? undefined : withOpenPayload(rows[0]);
}

export async function loadApplication(db: Db, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}) {
  const q = db
    .select()
    .from(applications)
    .where(and(eq(applications.id, id), applicationScope(actor)))
    .limit(1);
  const rows = opts.forUpdate === true ? await q.for('update') : await q;
  return rows[0] === undefined ? undefined : withOpenPayload(rows[0]);
}

/** Writes the new state only if nobody changed the row since `version`; false if someone did. */
const saveIfVersion = (db: Db, id: string, version: number, values: Partial<ApplicationInsert>) =>
  db
    .update(applications)
    .set({ ...withSealedPayload(values), version: version + 1 })
    .where(and(eq(applications.id, id), eq(applications.version, version)))
    .returning({ id: applications.id });

export async function saveApplicationIfVersion(db: Db, id: string, version: number, values: Partial<ApplicationInsert>): Promise<boolean> {
  return (await saveIfVersion(db, id, version, values)).length === 1;
}

/** `saveApplicationIfVersion` for `writeTogether`: returns the row's id when the version matched. */
export const applicationSaveWrite = (db: Db, id: string, version: number, values: Partial<ApplicationInsert>): SQL => saveIfVersion(db, id, version, values).getSQL();

export async function insertRevision(db: Db, values: typeof applicationRevisions.$inferInsert): Promise<void> {
  await db.insert(applicationRevisions).values(withSealedPayload(values));
}

/** A history row, for `writeTogether`. */
export const historyWrite = (db: Db, values: typeof applicationHistory.$inferInsert): SQL => db.insert(applicationHistory).values(values).getSQL();

export type DecisionInsert = typeof reviewDecisions.$inferInsert;
/** A reviewer's decision (通过 / 退回 and its reasons), for `writeTogether`. */
export const decisionWrite = (db: Db, values: DecisionInsert): SQL => db.insert(reviewDecisions).values(values).getSQL();

export async function revisionsOf(db: Db, applicationId: string) {
  const rows = await db.select().from(applicationRevisions).where(eq(applicationRevisions.applicationId, applicationId)).orderBy(asc(applicationRevisions.revision));
  return rows.map(withOpenPayload);
}

export const decisionsOf = (db: Db, applicationId: string) =>
  db
    .select({ decision: reviewDecisions, reviewerName: users.displayName })
    .from(reviewDecisions)
    .innerJoin(users, eq(users.id, reviewDecisions.reviewerId))
    .where(eq(reviewDecisions.applicationId, applicationId))
    .orderBy(asc(reviewDecisions.createdAt), asc(reviewDecisions.revision), asc(reviewDecisions.id)); // ties (same instant): a fixed order, also after a restore

export const historyOf = (db: Db, applicationId: string) =>
  db
    .select({ entry: applicationHistory, actorName: users.displayName, actorRole: users.role })
    .from(applicationHistory)
    .innerJoin(users, eq(users.id, applicationHistory.actorId))
    .where(eq(applicationHistory.applicationId, applicationId))
    .orderBy(asc(applicationHistory.id));

export const paperItemsOf = (db: Db, applicationId: string) =>
  db.select().from(paperMaterials).where(eq(paperMaterials.applicationId, applicationId)).orderBy(asc(paperMaterials.createdAt), asc(paperMaterials.kind));

export async function insertPaperItems(db: Db, rows: (typeof paperMaterials.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(paperMaterials).values(rows);
}

export async function updatePaperItem(db: Db, id: string, values: Partial<typeof paperMaterials.$inferInsert>): Promise<void> {
  await db.update(paperMaterials).set(values).where(eq(paperMaterials.id, id));
}

/** The open application (not yet approved, withdrawn) on a website, if any. */
export async function openApplicationForWebsite(db: Db, websiteId: string) {
  const rows = await db
    .select({ id: applications.id, number: applications.number, type: applications.type, status: applications.status })
    .from(applications)
    .where(and(eq(applications.websiteId, websiteId), inArray(applications.status, ['draft', 'pending_office', 'pending_center', 'pending_paper', 'returned'])))
    .limit(1);
  return rows[0];
}

/**
 * The unit, domain and website rows of an application, and — only when asked — the contact columns
 * (sealed) of the 经办人 who created it, in one query.
 */
async function contextRow(db: Db, app: ApplicationRow, withHandler: boolean) {
  const [row] = await db
    .select({ unit: units, domain: domains, website: websites, handlerMobile: users.mobile, handlerEmail: users.email })
    .from(units)
    .leftJoin(domains, app.domainId === null ? sql`false` : eq(domains.id, app.domainId))
    .leftJoin(websites, app.websiteId === null ? sql`false` : eq(websites.id, app.websiteId))
    .leftJoin(users, withHandler ? eq(users.id, app.createdBy) : sql`false`)
    .where(eq(units.id, app.unitId))
    .limit(1);
  if (row === undefined) throw new Error('application without unit');
  return row;
}

/** The unit, domain and website rows an application's views need, in one query. */
export async function applicationContext(db: Db, app: ApplicationRow) {
  const { handlerMobile: _mobile, handlerEmail: _email, ...context } = await contextRow(db, app, false);
  return context;
}

/**
 * `applicationContext` and, in the same query, the contact of the 经办人 who created the
 * application (opened; nulls when the account has none or is gone): what a status change reads
 * before it writes.
 */
export async function transitionContext(db: Db, app: ApplicationRow) {
  const { handlerMobile, handlerEmail, ...context } = await contextRow(db, app, true);
  return { ...context, handlerContact: openUserRow({ mobile: handlerMobile, email: handlerEmail }) };
}

/** Links a 新开办 application to the website its approval created (in the approval's transaction). */
export async function linkApplicationWebsite(db: Db, id: string, websiteId: string): Promise<void> {
  await db.update(applications).set({ websiteId }).where(eq(applications.id, id));
}

/** The open application of each of these websites (at most one each, by the partial unique index). */
export async function openApplicationsForWebsites(db: Db, websiteIds: string[]) {
  if (websiteIds.length === 0) return new Map<string, { id: string; number: string; type: ApplicationRow['type']; status: ApplicationRow['status'] }>();
  const rows = await db
    .select({ websiteId: applications.websiteId, id: applications.id, number: applications.number, type: applications.type, status: applications.status })
    .from(applications)
    .where(and(inArray(applications.websiteId, websiteIds), inArray(applications.status, ['draft', 'pending_office', 'pending_center', 'pending_paper', 'returned'])));
  return new Map(rows.flatMap((r) => (r.websiteId === null ? [] : [[r.websiteId, r] as const])));
}
