/**
 * Reads for RDAP and WHOIS. The registrant columns are listed one by one on purpose: the unit's
 * 负责人 and phone, and anything from `users` (the 经办人), are never selected.
 */
import { and, eq, exists, inArray, max } from 'drizzle-orm';
import type { Db } from '../client.js';
import { dnsRecords, domains, regions, units, zoneChanges } from '../schema/index.js';

const registrantColumns = {
  uscc: units.uscc,
  name: units.name,
  type: units.type,
  regionPath: units.regionPath,
  address: units.address,
};

export async function findPublicDomainByAce(db: Db, ace: string) {
  const rows = await db
    .select({
      id: domains.id,
      name: domains.name,
      ace: domains.ace,
      status: domains.status,
      registeredAt: domains.registeredAt,
      expiresAt: domains.expiresAt,
      registrant: registrantColumns,
    })
    .from(domains)
    .innerJoin(units, eq(units.id, domains.unitId))
    .where(eq(domains.ace, ace))
    .limit(1);
  return rows[0];
}

/** A unit that holds (or held) at least one domain, by its 统一社会信用代码. */
export async function findPublicRegistrant(db: Db, uscc: string) {
  const rows = await db
    .select(registrantColumns)
    .from(units)
    .where(and(eq(units.uscc, uscc), exists(db.select({ one: domains.id }).from(domains).where(eq(domains.unitId, units.id)))))
    .limit(1);
  return rows[0];
}

/** NS records at the domain's apex (`@`): the domain is delegated to them. */
export const apexNameservers = (db: Db, domainId: string) =>
  db
    .select({ value: dnsRecords.value })
    .from(dnsRecords)
    .where(and(eq(dnsRecords.domainId, domainId), eq(dnsRecords.type, 'NS'), eq(dnsRecords.host, '@')))
    .orderBy(dnsRecords.value);

export async function lastZoneChangeOf(db: Db, domainId: string): Promise<Date | null> {
  const [row] = await db.select({ at: max(zoneChanges.createdAt) }).from(zoneChanges).where(eq(zoneChanges.domainId, domainId));
  const at: unknown = row?.at ?? null;
  return at === null ? null : new Date(at as Date | string);
}

export async function regionNames(db: Db, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, codes));
  return new Map(rows.map((r) => [r.code, r.name]));
}
