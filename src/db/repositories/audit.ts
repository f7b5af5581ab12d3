import { and, asc, count, desc, eq, gt, gte, lte, sql, type SQL } from 'drizzle-orm';
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

/** Is this handle already inside a transaction (so its writes are visible only after its commit)? */
export const inTransaction = (db: Db): boolean => db instanceof PgTransaction;

/** The key of the transaction-level advisory lock the sealer and the archiver hold (never a writer). */
const auditChainLockKey = 0x5a4d4155; // 'ZMAU'

/** Waits for the chain lock, held until the transaction ends (archiving, an explicit seal). */
export async function lockAuditChain(tx: Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${auditChainLockKey})`);
}

/** Takes the chain lock if no one holds it (the background sealer: the holder seals for everyone). */
export async function tryLockAuditChain(tx: Db): Promise<boolean> {
  const res = (await tx.execute(sql`select pg_try_advisory_xact_lock(${auditChainLockKey}) as locked`)) as unknown as { rows: { locked: boolean }[] };
  return res.rows[0]?.locked === true;
}

/** An event enters the log unsealed, in the caller's transaction; the sealer chains it after commit. */
export async function insertAuditEvent(db: Db, v: StoredAuditValues): Promise<void> {
  await db.insert(auditEvents).values(v);
}

/** `insertAuditEvent` for `writeTogether`. */
export const auditEventWrite = (db: Db, v: StoredAuditValues): SQL => db.insert(auditEvents).values(v).getSQL();

/**
 * An event's place in the chain: `chain_seq`, given when it was sealed, or — for events sealed
 * before migration 0019 — its id. Only sealed events have one.
 */
const chainPlace = (t: typeof auditEvents | typeof auditEventsArchive) => sql<number>`coalesce(${t.chainSeq}, ${t.id})`;

/** Under the chain lock: the newest sealed event's hash and place (live table, else the archive's anchor). */
export async function chainTail(tx: Db): Promise<{ hash: string | null; place: number }> {
  const res = (await tx.execute(sql`
    select (select hash from audit_events where hash is not null order by coalesce(chain_seq, id) desc limit 1) as live_hash,
           (select max(coalesce(chain_seq, id)) from audit_events where hash is not null) as live_place,
           (select last_hash from audit_archive_runs order by id desc limit 1) as anchor_hash,
           (select max(coalesce(chain_seq, id)) from audit_events_archive) as archive_place`)) as unknown as {
    rows: { live_hash: string | null; live_place: string | number | null; anchor_hash: string | null; archive_place: string | number | null }[];
  };
  const r = res.rows[0]!;
  return { hash: r.live_hash ?? r.anchor_hash, place: Number(r.live_place ?? r.archive_place ?? 0) };
}

const chainColumns = (t: typeof auditEvents | typeof auditEventsArchive) => ({
  id: t.id,
  place: sql<number>`${chainPlace(t)}`.mapWith(Number),
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

/** A page of sealed events in chain order after the place `afterPlace`, from the live table or the archive. */
export function chainPage(db: Db, table: 'live' | 'archive', afterPlace: number, limit: number) {
  const t = table === 'live' ? auditEvents : auditEventsArchive;
  return db
    .select(chainColumns(t))
    .from(t)
    .where(and(sql`${t.hash} is not null`, gt(chainPlace(t), afterPlace)))
    .orderBy(asc(chainPlace(t)))
    .limit(limit);
}

/** Events not sealed yet (committed, waiting for the sealer), oldest id first. */
export function unsealedPage(db: Db, limit: number) {
  return db.select(chainColumns(auditEvents)).from(auditEvents).where(sql`${auditEvents.hash} is null`).orderBy(asc(auditEvents.id)).limit(limit);
}

export async function unsealedCount(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(auditEvents).where(sql`${auditEvents.hash} is null`);
  return row?.n ?? 0;
}

/** Fills in the chain columns of unsealed events (the trigger allows exactly this update). */
export async function sealAuditEvents(db: Db, seals: { id: number; chainSeq: number; prevHash: string; hash: string }[]): Promise<void> {
  if (seals.length === 0) return;
  const values = sql.join(seals.map((s) => sql`(${s.id}::bigint, ${s.chainSeq}::bigint, ${s.prevHash}::char(64), ${s.hash}::char(64))`), sql`, `);
  await db.execute(sql`update audit_events a set chain_seq = v.chain_seq, prev_hash = v.prev_hash, hash = v.hash
    from (values ${values}) as v(id, chain_seq, prev_hash, hash) where a.id = v.id and a.hash is null`);
}

export async function latestArchiveAnchor(db: Db) {
  const [row] = await db.select().from(auditArchiveRuns).orderBy(desc(auditArchiveRuns.id)).limit(1);
  return row;
}

/**
 * Up to `limit` sealed events from the start of the chain, stopping before the first one at or
 * after `cutoff`: a prefix of the chain in chain order (places `firstPlace..lastPlace`).
 */
export async function archivableBatch(db: Db, cutoff: Date, limit: number): Promise<{ firstPlace: number; lastPlace: number; rows: number } | null> {
  const res = (await db.execute(sql`
    with head as (select coalesce(chain_seq, id) as place, at from audit_events where hash is not null order by coalesce(chain_seq, id) limit ${limit}),
    stop as (select min(place) as place from head where at >= ${cutoff.toISOString()}::timestamptz)
    select min(place) as first_place, max(place) as last_place, count(*)::int as n
    from head where place < coalesce((select place from stop), 9223372036854775807)`)) as unknown as {
    rows: { first_place: string | number | null; last_place: string | number | null; n: number }[];
  };
  const r = res.rows[0];
  if (r === undefined || r.first_place === null || r.last_place === null) return null;
  return { firstPlace: Number(r.first_place), lastPlace: Number(r.last_place), rows: Number(r.n) };
}

/** Moves the sealed events at places `firstPlace..lastPlace` to the archive and records the anchor, in the caller's transaction. */
export async function moveToArchive(db: Db, batch: { firstPlace: number; lastPlace: number }, now: Date, cutoff: Date): Promise<{ rows: number; firstId: number; lastId: number; lastHash: string }> {
  const inBatch = sql`hash is not null and coalesce(chain_seq, id) between ${batch.firstPlace} and ${batch.lastPlace}`;
  await db.execute(sql`insert into audit_events_archive
      (id, at, actor_id, actor_username, action, target_type, target_id, result, ip, user_agent, details, prev_hash, hash, chain_seq, archived_at)
    select id, at, actor_id, actor_username, action, target_type, target_id, result, ip, user_agent, details, prev_hash, hash, chain_seq, ${now.toISOString()}::timestamptz
    from audit_events where ${inBatch} order by coalesce(chain_seq, id)`);
  const deleted = (await db.execute(sql`delete from audit_events where ${inBatch} returning id, hash, coalesce(chain_seq, id) as place`)) as unknown as {
    rows: { id: string | number; hash: string; place: string | number }[];
  };
  const byPlace = deleted.rows.map((r) => ({ id: Number(r.id), hash: r.hash, place: Number(r.place) })).sort((a, b) => a.place - b.place);
  const first = byPlace[0]!;
  const last = byPlace[byPlace.length - 1]!;
  await db.insert(auditArchiveRuns).values({ at: now, cutoff, firstId: first.id, lastId: last.id, rows: byPlace.length, lastHash: last.hash });
  return { rows: byPlace.length, firstId: first.id, lastId: last.id, lastHash: last.hash };
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
