/** The public edge's reads: one website with its unit, domain and region, by badge id or domain. */
import { and, asc, desc, eq, ilike, inArray, isNotNull, or, sql } from 'drizzle-orm';
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
 * Websites with an issued badge whose 机构名称, 域名 (Unicode or ACE, or the English domain) or
 * 网站名称 contains `q`. One row more than asked for tells the caller there is a next page, so no
 * count(*) over the whole table is needed.
 */
export async function searchSites(db: Db, q: string, field: SearchField, offset: number, limit: number, timeoutMs: number) {
  const p = `%${likeEscape(q)}%`;
  const byUnit = ilike(units.name, p);
  const byDomain = or(ilike(domains.name, p), ilike(domains.ace, p), ilike(websites.englishDomain, p));
  const byWebsite = ilike(websites.name, p);
  const match = field === 'unit' ? byUnit : field === 'domain' ? byDomain : field === 'website' ? byWebsite : or(byUnit, byDomain, byWebsite);
  // A substring match scans: the public may not hold the database longer than `timeoutMs`.
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local statement_timeout = ${Math.max(1, Math.floor(timeoutMs))}`));
    return tx
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
      .where(and(isNotNull(websites.badgePublicId), inArray(websites.status, ['active', 'deregistered']), match))
      .orderBy(asc(units.name), asc(websites.id))
      .offset(offset)
      .limit(limit + 1);
  });
}
