import { and, asc, desc, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import type { DnsRecordSpec } from '../../domain/dns/types.js';
import type { Db } from '../client.js';
import { dnsChangeProposals, dnsRecords, domains, websites, zoneChanges, zones } from '../schema/index.js';

export type DnsRecordRow = typeof dnsRecords.$inferSelect;

export const recordsOfDomain = (db: Db, domainId: string) =>
  db.select().from(dnsRecords).where(eq(dnsRecords.domainId, domainId)).orderBy(asc(dnsRecords.host), asc(dnsRecords.type), asc(dnsRecords.createdAt));

/** Locks the domain's records for a change (set rules read them all). */
export const recordsOfDomainForUpdate = (db: Db, domainId: string) => db.select().from(dnsRecords).where(eq(dnsRecords.domainId, domainId)).for('update');

export async function insertRecord(db: Db, domainId: string, spec: DnsRecordSpec, now: Date, generatedBy: string | null = null): Promise<DnsRecordRow> {
  const [row] = await db
    .insert(dnsRecords)
    .values({
      domainId,
      host: spec.host,
      type: spec.type,
      value: spec.value,
      ttl: spec.ttl,
      priority: spec.type === 'MX' ? spec.priority : null,
      generatedBy,
      spec,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (row === undefined) throw new Error('insert returned no row');
  return row;
}

export async function updateRecord(db: Db, id: string, spec: DnsRecordSpec, now: Date): Promise<void> {
  await db
    .update(dnsRecords)
    .set({ host: spec.host, type: spec.type, value: spec.value, ttl: spec.ttl, priority: spec.type === 'MX' ? spec.priority : null, spec, updatedAt: now })
    .where(eq(dnsRecords.id, id));
}

export async function deleteRecords(db: Db, domainId: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db.delete(dnsRecords).where(and(eq(dnsRecords.domainId, domainId), inArray(dnsRecords.id, ids))).returning({ id: dnsRecords.id });
  return rows.length;
}

/** Bumps the TLD zone's serial (row-locked, so concurrent changes get distinct serials). */
export async function bumpZoneSerial(db: Db, apex: string, next: (current: number) => number, now: Date): Promise<number> {
  await db.insert(zones).values({ apex, serial: 0, updatedAt: now }).onConflictDoNothing();
  const [row] = await db.select().from(zones).where(eq(zones.apex, apex)).for('update');
  const serial = next(row?.serial ?? 0);
  await db.update(zones).set({ serial, updatedAt: now }).where(eq(zones.apex, apex));
  return serial;
}

export async function insertZoneChange(db: Db, values: typeof zoneChanges.$inferInsert): Promise<void> {
  await db.insert(zoneChanges).values(values);
}

export const zoneChangesOfDomain = (db: Db, domainId: string, limit: number) =>
  db.select().from(zoneChanges).where(eq(zoneChanges.domainId, domainId)).orderBy(desc(zoneChanges.id)).limit(limit);

export const openProposals = (db: Db, domainId: string) =>
  db.select().from(dnsChangeProposals).where(and(eq(dnsChangeProposals.domainId, domainId), eq(dnsChangeProposals.status, 'proposed'))).orderBy(desc(dnsChangeProposals.createdAt));

export async function closeProposal(db: Db, id: string, status: 'applied' | 'dismissed'): Promise<boolean> {
  const rows = await db
    .update(dnsChangeProposals)
    .set({ status })
    .where(and(eq(dnsChangeProposals.id, id), eq(dnsChangeProposals.status, 'proposed')))
    .returning({ id: dnsChangeProposals.id });
  return rows.length === 1;
}

export const zoneSerial = async (db: Db, apex: string) => (await db.select().from(zones).where(eq(zones.apex, apex)))[0]?.serial ?? 0;

/** What one domain publishes: its records and whether its website is on 网络红页. */
export interface DomainZoneContents {
  domain: { id: string; ace: string; status: string };
  records: DnsRecordRow[];
  redPage: boolean;
}

async function contentsOf(db: Db, live: { id: string; ace: string; status: string }[]): Promise<DomainZoneContents[]> {
  if (live.length === 0) return [];
  const ids = live.map((d) => d.id);
  const [records, sites] = await Promise.all([
    db.select().from(dnsRecords).where(inArray(dnsRecords.domainId, ids)),
    db
      .select({ domainId: websites.domainId })
      .from(websites)
      .where(and(inArray(websites.domainId, ids), eq(websites.status, 'active'), ne(websites.hosting, 'self_hosted'))),
  ]);
  return group(live, records, sites);
}

function group(live: { id: string; ace: string; status: string }[], records: DnsRecordRow[], sites: { domainId: string }[]): DomainZoneContents[] {
  const byDomain = new Map<string, DnsRecordRow[]>();
  for (const r of records) {
    const list = byDomain.get(r.domainId);
    if (list === undefined) byDomain.set(r.domainId, [r]);
    else list.push(r);
  }
  const red = new Set(sites.map((s) => s.domainId));
  return live.map((d) => ({ domain: d, records: byDomain.get(d.id) ?? [], redPage: red.has(d.id) }));
}

/** The contents of the given domains, whatever their status (an inactive one publishes nothing). */
export async function zoneContentsOfDomains(db: Db, ids: readonly string[]): Promise<DomainZoneContents[]> {
  if (ids.length === 0) return [];
  const rows = await db.select({ id: domains.id, ace: domains.ace, status: domains.status }).from(domains).where(inArray(domains.id, [...ids]));
  return contentsOf(db, rows);
}

/** Journal rows of a zone after `afterId`, in commit order (the zone row lock orders them). */
export const zoneChangesAfter = (db: Db, zone: string, afterId: number, limit: number) =>
  db
    .select({ id: zoneChanges.id, domainId: zoneChanges.domainId, serial: zoneChanges.serial })
    .from(zoneChanges)
    .where(and(eq(zoneChanges.zone, zone), gt(zoneChanges.id, afterId)))
    .orderBy(asc(zoneChanges.id))
    .limit(limit);

/** The newest journal row id of a zone (0 when none). */
export async function lastZoneChangeId(db: Db, zone: string): Promise<number> {
  const [row] = await db.select({ id: zoneChanges.id }).from(zoneChanges).where(eq(zoneChanges.zone, zone)).orderBy(desc(zoneChanges.id)).limit(1);
  return row?.id ?? 0;
}

/**
 * Rows of a cursor query, in batches: a whole-zone read without IN lists. The next batch is
 * asked for before the caller works on the current one, so the database produces while Node
 * parses and builds. A cursor is planned for its first rows (`cursor_tuple_fraction` 0.1:
 * a merge join over two indexes, five times slower for the whole zone); these are read to the end.
 */
export async function* cursorRows(tx: Db, name: string, query: ReturnType<typeof sql>, batch: number): AsyncGenerator<Record<string, unknown>[]> {
  await tx.execute(sql`SET LOCAL cursor_tuple_fraction = 1.0`);
  await tx.execute(sql`DECLARE ${sql.raw(name)} NO SCROLL CURSOR FOR ${query}`);
  const fetch = async () => ((await tx.execute(sql.raw(`FETCH ${batch} FROM ${name}`))) as unknown as { rows: Record<string, unknown>[] }).rows;
  try {
    let next = fetch();
    for (;;) {
      const rows = await next;
      if (rows.length === 0) return;
      next = fetch();
      yield rows;
    }
  } finally {
    await tx.execute(sql.raw(`CLOSE ${name}`));
  }
}

