import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
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

/** Everything one TLD zone publishes: its active domains with their records and website hosting. */
export async function zoneContents(db: Db, tld: '政务' | '公益') {
  const live = await db.select().from(domains).where(and(eq(domains.tld, tld), eq(domains.status, 'active')));
  const records = await db.select().from(dnsRecords);
  const sites = await db.select({ domainId: websites.domainId, hosting: websites.hosting }).from(websites).where(and(eq(websites.status, 'active'), ne(websites.hosting, 'self_hosted')));
  return live.map((d) => ({
    domain: d,
    records: records.filter((r) => r.domainId === d.id),
    redPage: sites.some((s) => s.domainId === d.id),
  }));
}
