/**
 * What the public may see about one website: the unit's public record, the website, the badge.
 * Never the 经办人 (no name, phone, email or ID number): only the unit's own public phone.
 */
import type { AppContext } from '../context.js';
import { siteByBadgeId, siteByDomainAce, type PublicSiteRow } from '../../db/repositories/public-site.js';
import type { BadgeSite } from '../../domain/websites/badge-hosts.js';
import type { Hosting, UnitType, WebsiteStatus } from '../../domain/types.js';

export interface PublicSite extends BadgeSite {
  publicId: string;
  badgeNumber: string;
  badgeIssuedAt: Date | null;
  deregisteredAt: Date | null;
  status: WebsiteStatus;
  hosting: Hosting;
  websiteName: string;
  description: string;
  domainName: string;
  unit: { name: string; type: UnitType; address: string; functions: string };
  /** 网络红页 fields (fall back to the unit's record). */
  redPage: { address: string; functions: string; phone: string | null };
  redPagePublishedAt: Date | null;
  redPageWithdrawnAt: Date | null;
  /** 发放单位: the establishment office of the unit's region. */
  issuer: string;
  /** Changes whenever anything shown changes: cache entries compare it. */
  stamp: string;
}

export const issuerOf = (regionName: string): string => `${regionName}机构编制委员会办公室`;

function present(r: PublicSiteRow): PublicSite | null {
  const w = r.website;
  if (w.badgePublicId === null || w.badgeNumber === null) return null;
  return {
    publicId: w.badgePublicId,
    badgeNumber: w.badgeNumber,
    badgeVersion: w.badgeVersion,
    badgeIssuedAt: w.badgeIssuedAt,
    deregisteredAt: w.deregisteredAt,
    status: w.status,
    hosting: w.hosting,
    englishDomain: w.englishDomain,
    websiteName: w.name,
    description: w.description,
    domainName: r.domain.name,
    domainAce: r.domain.ace,
    unit: { name: r.unit.name, type: r.unit.type, address: r.unit.address, functions: r.unit.functions },
    redPage: { address: w.redPageAddress ?? r.unit.address, functions: w.redPageFunctions ?? r.unit.functions, phone: w.redPagePhone ?? r.unit.phone },
    redPagePublishedAt: w.redPagePublishedAt,
    redPageWithdrawnAt: w.redPageWithdrawnAt,
    issuer: issuerOf(r.regionName),
    stamp: JSON.stringify([w.version, w.updatedAt.getTime(), r.unit, r.domain.status, r.regionName]),
  };
}

/** The website whose badge has this public id (32 hex, any case), or null. */
export async function findSiteByBadgeId(app: AppContext, publicId: string): Promise<PublicSite | null> {
  if (!/^[0-9a-fA-F]{32}$/.test(publicId)) return null;
  const row = await siteByBadgeId(app.db, publicId.toUpperCase());
  return row === undefined ? null : present(row);
}

export type RedPageLookup =
  | { kind: 'page'; site: PublicSite }
  /** The domain had a red page that was withdrawn: 注销, or a switch to 自建网站. */
  | { kind: 'withdrawn'; domainName: string; reason: 'deregistered' | 'self_hosted' }
  | { kind: 'none' };

/** The red page of a Chinese domain (ACE, lower case). */
export async function findRedPage(app: AppContext, domainAce: string): Promise<RedPageLookup> {
  const row = await siteByDomainAce(app.db, domainAce);
  const site = row === undefined ? null : present(row);
  if (row === undefined || site === null) return { kind: 'none' };
  if (row.domain.status !== 'active' && site.status !== 'deregistered') return { kind: 'none' };
  if (site.status === 'active' && site.hosting === 'red_page') return { kind: 'page', site };
  const hadRedPage = site.redPageWithdrawnAt !== null || site.redPagePublishedAt !== null || site.hosting === 'red_page';
  if (!hadRedPage) return { kind: 'none' };
  if (site.status === 'deregistered') return { kind: 'withdrawn', domainName: site.domainName, reason: 'deregistered' };
  if (site.status === 'active' && site.hosting === 'self_hosted') return { kind: 'withdrawn', domainName: site.domainName, reason: 'self_hosted' };
  return { kind: 'none' };
}
