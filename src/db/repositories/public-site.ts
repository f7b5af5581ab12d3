/** The public edge's reads: one website with its unit, domain and region, by badge id or domain. */
import { and, asc, desc, eq, ilike, inArray, isNotNull, like, or, sql } from 'drizzle-orm';
import { union } from 'drizzle-orm/pg-core';
import type { Db } from '../client.js';
import { dnsRecords, domains, regions, units, websites } from '../schema/index.js';

const siteColumns = {
  website: websites,
  unit: {
    name: units.name,
    type: units.type,
    address: units.address,
    functions: units.functions,
    phone: units.phone,
  },
  domain: { name: domains.name, ace: domains.ace, status: domains.status },
  regionName: regions.name,
};

export type PublicSiteRow = {
  website: typeof websites.$inferSelect;
  unit: { name: string; type: 'party_government' | 'public_institution'; address: string; functions: string; phone: string | null };
  domain: { name: string; ace: string; status: 'active' | 'expired' | 'deregistered' };
  regionName: string;
};

const joined = (db: Db) =>
  db
    .select(siteColumns)
    .from(websites)
    .innerJoin(units, eq(units.id, websites.unitId))
    .innerJoin(domains, eq(domains.id, websites.domainId))
    .innerJoin(regions, eq(regions.code, units.regionCode));

export async function siteByBadgeId(db: Db, publicId: string): Promise<PublicSiteRow | undefined> {
  const [row] = await joined(db).where(eq(websites.badgePublicId, publicId)).limit(1);
  return row;
}

/**
 * The website a Chinese domain's red page is about: the live one (not deregistered) first, else
 * the most recently deregistered one, so a withdrawn page can say so.
 */
export async function siteByDomainAce(db: Db, ace: string): Promise<PublicSiteRow | undefined> {
  const [row] = await joined(db)
    .where(eq(domains.ace, ace))
    .orderBy(sql`case when ${websites.status} = 'deregistered' then 1 else 0 end`, desc(websites.updatedAt))
    .limit(1);
  return row;
}

/** The URL转发 records of a registered domain (ACE), with the domain's status. */
export async function urlForwardsOfDomain(db: Db, ace: string) {
  return db
    .select({ spec: dnsRecords.spec, domainStatus: domains.status })
    .from(dnsRecords)
    .innerJoin(domains, eq(domains.id, dnsRecords.domainId))
    .where(and(eq(domains.ace, ace), inArray(dnsRecords.type, ['URL_REDIRECT', 'URL_FRAME'])));
}

export async function domainStatusByAce(db: Db, ace: string) {
  const [row] = await db.select({ name: domains.name, status: domains.status }).from(domains).where(eq(domains.ace, ace)).limit(1);
  return row;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export type SearchField = 'all' | 'unit' | 'domain' | 'website';

/**
 * Below this many characters a query has no trigram, so no GIN index can serve a substring
 * match: such queries match from the start of the field instead (btree `text_pattern_ops`).
 */
export const trigramMinLength = 3;

/**
 * The search as one statement. Each field is matched on its own table, so every branch can use its
 * index (migration 0010_search_trigram): `ILIKE '%q%'` on the pg_trgm GIN indexes for 3 characters
 * or more, `LIKE 'q%'` on the text_pattern_ops btree indexes below that; the union of the matching
 * website ids is then joined and sorted. (A single OR across the three joined tables would scan.)
 */
function searchQuery(db: Db, q: string, field: SearchField, offset: number, limit: number) {
  const short = [...q].length < trigramMinLength;
  const p = short ? `${likeEscape(q)}%` : `%${likeEscape(q)}%`;
  // Domains are stored in lower case (ACE, English domains); Chinese is unaffected.
  const pd = p.toLowerCase();
  const m = short ? like : ilike;
  const ascii = /^[\x20-\x7e]*$/.test(q);
  const branches = [];
  if (field === 'all' || field === 'unit') {
    branches.push(db.select({ id: websites.id }).from(websites).innerJoin(units, eq(units.id, websites.unitId)).where(m(units.name, p)));
  }
  if (field === 'all' || field === 'website') {
    branches.push(db.select({ id: websites.id }).from(websites).where(m(websites.name, p)));
  }
  if (field === 'all' || field === 'domain') {
    // An ACE prefix is always `xn--`: ACE is only searched by substring, and only for ASCII queries.
    const byDomain = ascii && !short ? or(m(domains.name, pd), m(domains.ace, pd)) : m(domains.name, pd);
    branches.push(db.select({ id: websites.id }).from(websites).innerJoin(domains, eq(domains.id, websites.domainId)).where(byDomain));
    if (ascii) branches.push(db.select({ id: websites.id }).from(websites).where(m(websites.englishDomain, pd)));
  }
  const [first, ...rest] = branches;
  if (first === undefined) throw new Error(`unknown search field ${String(field)}`);
  const ids = rest.length === 0 ? first : union(first, ...(rest as [typeof first, ...(typeof first)[]]));
  return db
    .select({
      publicId: websites.badgePublicId,
      websiteName: websites.name,
      status: websites.status,
      hosting: websites.hosting,
      englishDomain: websites.englishDomain,
      unitName: units.name,
      unitType: units.type,
      domainName: domains.name,
    })
    .from(websites)
    .innerJoin(units, eq(units.id, websites.unitId))
    .innerJoin(domains, eq(domains.id, websites.domainId))
    .where(and(inArray(websites.id, ids), isNotNull(websites.badgePublicId), inArray(websites.status, ['active', 'deregistered'])))
    .orderBy(asc(units.name), asc(websites.id))
    .offset(offset)
    .limit(limit + 1);
}

/**
 * Websites with an issued badge whose 机构名称, 域名 (Unicode or ACE, or the English domain) or
 * 网站名称 contains `q` (starts with `q` when `q` is shorter than `trigramMinLength`). One row
 * more than asked for tells the caller there is a next page, so no count(*) over the whole table
 * is needed.
 */
export async function searchSites(db: Db, q: string, field: SearchField, offset: number, limit: number, timeoutMs: number) {
  // Index-backed, but a very common substring still matches many rows: the public may not hold
  // the database longer than `timeoutMs`.
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local statement_timeout = ${Math.max(1, Math.floor(timeoutMs))}`));
    return searchQuery(tx, q, field, offset, limit);
  });
}

/**
 * The plan of the search (EXPLAIN, text lines), for tests and diagnosis. `onlyBitmaps` turns off
 * sequential and plain index scans in the transaction, so that each match must come from an index
 * condition: on a small table the planner would otherwise rightly scan (a whole table, or a whole
 * primary key index with a filter) rather than use the trigram or prefix indexes.
 */
export async function explainSearch(db: Db, q: string, field: SearchField, onlyBitmaps = false): Promise<string[]> {
  return db.transaction(async (tx) => {
    if (onlyBitmaps) {
      await tx.execute(sql.raw('set local enable_seqscan = off'));
      await tx.execute(sql.raw('set local enable_indexscan = off'));
    }
    const res = await tx.execute(sql`explain ${searchQuery(tx, q, field, 0, 20)}`);
    const rows = (res as unknown as { rows: Record<string, string>[] }).rows;
    return rows.map((r) => String(Object.values(r)[0]));
  });
}
