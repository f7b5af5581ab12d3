import { and, asc, count, desc, eq, gt, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db } from '../client.js';
import { auditArchiveRuns, auditEvents, auditEventsArchive } from '../schema/index.js';

export interface AuditEventInput {
  at: Date;
  actorId: string | null;
  actorUsername: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  result: 'success' | 'failure';
  ip: string | null;
  userAgent: string | null;
  details?: Record<string, unknown>;
}

/** The values exactly as they will be stored (truncated to the columns' lengths). */
export const storedAuditValues = (e: AuditEventInput) => ({
  at: e.at,
  actorId: e.actorId,
  actorUsername: e.actorUsername?.slice(0, 64) ?? null,
  action: e.action,
  targetType: e.targetType ?? null,
  targetId: e.targetId ?? null,
  result: e.result,
  ip: e.ip,
  userAgent: e.userAgent?.slice(0, 512) ?? null,
  details: e.details ?? {},
});

export type StoredAuditValues = ReturnType<typeof storedAuditValues>;

/** Is this handle already inside a transaction (so a lock taken now lasts until its commit)? */
export const inTransaction = (db: Db): boolean => db instanceof PgTransaction;

/** The key of the transaction-level advisory lock every chain writer holds until it commits. */
const auditChainLockKey = 0x5a4d4155; // 'ZMAU'

/**
 * Takes the chain lock (held until the transaction ends: the chain's order is the commit order).
 * Must be its own statement: the head is read by the next one, whose snapshot sees every event
 * committed while this one waited.
 */
export async function lockAuditChain(tx: Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${auditChainLockKey})`);
}

export interface AuditChainHead {
  /** The newest live event, if any; `hash` null when the table still holds unsealed events. */
  last: { id: number; hash: string | null } | null;
  /** The hash the newest archiving batch ended on (the chain continues from it). */
  anchorHash: string | null;
  /** The id reserved for the event about to be written. */
  newId: number;
  /** The new event's details as the database will print them back (`jsonb::text`). */
  detailsText: string;
}

/** Under the chain lock: the head, a new id and the canonical details text, in one round trip. */
export async function auditChainHead(tx: Db, details: Record<string, unknown>): Promise<AuditChainHead> {
  const res = (await tx.execute(sql`
    select l.id as last_id, l.hash as last_hash,
           (select last_hash from audit_archive_runs order by id desc limit 1) as anchor_hash,
           nextval(pg_get_serial_sequence('audit_events', 'id'))::bigint as new_id,
           ${JSON.stringify(details)}::jsonb::text as details_text
    from (select 1) one left join lateral (select id, hash from audit_events order by id desc limit 1) l on true`)) as unknown as {
    rows: { last_id: string | number | null; last_hash: string | null; anchor_hash: string | null; new_id: string | number; details_text: string }[];
  };
  const r = res.rows[0]!;
  return {
    last: r.last_id === null ? null : { id: Number(r.last_id), hash: r.last_hash },
    anchorHash: r.anchor_hash,
    newId: Number(r.new_id),
    detailsText: r.details_text,
  };
}

export async function insertAuditEvent(db: Db, id: number, v: StoredAuditValues, chain: { prevHash: string; hash: string }): Promise<void> {
  await db.insert(auditEvents).values({ id, ...v, ...chain });
}

const chainColumns = (t: typeof auditEvents | typeof auditEventsArchive) => ({
  id: t.id,
  at: t.at,
  actorId: t.actorId,
  actorUsername: t.actorUsername,
  action: t.action,
  targetType: t.targetType,
  targetId: t.targetId,
  result: t.result,
  ip: t.ip,
  userAgent: t.userAgent,
  detailsText: sql<string>`${t.details}::text`,
  prevHash: t.prevHash,
  hash: t.hash,
});

/** A page of events in chain order (by id) after `afterId`, from the live table or the archive. */
export function chainPage(db: Db, table: 'live' | 'archive', afterId: number, limit: number) {
  const t = table === 'live' ? auditEvents : auditEventsArchive;
  return db.select(chainColumns(t)).from(t).where(gt(t.id, afterId)).orderBy(asc(t.id)).limit(limit);
}

/** Events written before the chain existed, oldest first. */
export function unsealedPage(db: Db, limit: number) {
  return db.select(chainColumns(auditEvents)).from(auditEvents).where(sql`${auditEvents.hash} is null`).orderBy(asc(auditEvents.id)).limit(limit);
}

/** The hash of the newest sealed event before `id` (live table), if any. */
export async function sealedHashBefore(db: Db, id: number): Promise<string | null> {
  const [row] = await db
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .where(and(lt(auditEvents.id, id), sql`${auditEvents.hash} is not null`))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return row?.hash ?? null;
}

/** Fills in the chain hashes of unsealed events (the trigger allows exactly this update). */
export async function sealAuditEvents(db: Db, seals: { id: number; prevHash: string; hash: string }[]): Promise<void> {
  if (seals.length === 0) return;
  const values = sql.join(seals.map((s) => sql`(${s.id}::bigint, ${s.prevHash}::char(64), ${s.hash}::char(64))`), sql`, `);
  await db.execute(sql`update audit_events a set prev_hash = v.prev_hash, hash = v.hash
    from (values ${values}) as v(id, prev_hash, hash) where a.id = v.id and a.hash is null`);
}

export async function latestArchiveAnchor(db: Db) {
  const [row] = await db.select().from(auditArchiveRuns).orderBy(desc(auditArchiveRuns.id)).limit(1);
  return row;
}

/** Events older than `cutoff` that are a prefix of the chain: ids below the first event at or after it. */
export async function archivableIds(db: Db, cutoff: Date, limit: number): Promise<{ firstId: number; lastId: number; rows: number } | null> {
  const res = (await db.execute(sql`
    with boundary as (select min(id) as id from audit_events where at >= ${cutoff.toISOString()}::timestamptz),
    batch as (select id from audit_events where id < coalesce((select id from boundary), 9223372036854775807) order by id limit ${limit})
    select min(id) as first_id, max(id) as last_id, count(*)::int as n from batch`)) as unknown as {
    rows: { first_id: string | number | null; last_id: string | number | null; n: number }[];
  };
  const r = res.rows[0];
  if (r === undefined || r.first_id === null || r.last_id === null) return null;
  return { firstId: Number(r.first_id), lastId: Number(r.last_id), rows: Number(r.n) };
}

/** Moves the events `firstId..lastId` to the archive and records the anchor, in the caller's transaction. */
export async function moveToArchive(db: Db, batch: { firstId: number; lastId: number }, now: Date, cutoff: Date): Promise<{ rows: number; lastHash: string }> {
  await db.execute(sql`insert into audit_events_archive
      (id, at, actor_id, actor_username, action, target_type, target_id, result, ip, user_agent, details, prev_hash, hash, archived_at)
    select id, at, actor_id, actor_username, action, target_type, target_id, result, ip, user_agent, details, prev_hash, hash, ${now.toISOString()}::timestamptz
    from audit_events where id between ${batch.firstId} and ${batch.lastId} order by id`);
  const deleted = await db
    .delete(auditEvents)
    .where(and(gte(auditEvents.id, batch.firstId), lte(auditEvents.id, batch.lastId)))
    .returning({ id: auditEvents.id, hash: auditEvents.hash });
  const last = deleted.reduce((a, b) => (b.id > a.id ? b : a));
  const lastHash = last.hash!;
  await db.insert(auditArchiveRuns).values({ at: now, cutoff, firstId: batch.firstId, lastId: last.id, rows: deleted.length, lastHash });
  return { rows: deleted.length, lastHash };
}

/** Counts for the verification report. */
export async function auditTableCounts(db: Db): Promise<{ live: number; archived: number }> {
  const [live] = await db.select({ n: count() }).from(auditEvents);
  const [archived] = await db.select({ n: count() }).from(auditEventsArchive);
  return { live: live?.n ?? 0, archived: archived?.n ?? 0 };
}

export interface AuditFilter {
  action?: string | undefined;
  actor?: string | undefined;
  /** The target's id (a user, an application, a domain…), exact. */
  target?: string | undefined;
  result?: 'success' | 'failure' | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  page: number;
  pageSize: number;
}

export async function findAuditEvents(db: Db, f: AuditFilter) {
  const conditions: SQL[] = [];
  if (f.action !== undefined) conditions.push(eq(auditEvents.action, f.action));
  if (f.actor !== undefined) conditions.push(eq(auditEvents.actorUsername, f.actor));
  if (f.target !== undefined) conditions.push(eq(auditEvents.targetId, f.target));
  if (f.result !== undefined) conditions.push(eq(auditEvents.result, f.result));
  if (f.from !== undefined) conditions.push(gte(auditEvents.at, f.from));
  if (f.to !== undefined) conditions.push(lte(auditEvents.at, f.to));
  const where = conditions.length === 0 ? undefined : and(...conditions);
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(auditEvents)
      .where(where)
      .orderBy(desc(auditEvents.at), desc(auditEvents.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(auditEvents).where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}
