/** What the edge's route files share: the app, the public host, the caches, the limits. */
import type { AppContext } from '../app/context.js';
import { findRedPage, findSiteByBadgeId, type PublicSite, type RedPageLookup } from '../app/public/public-site.js';
import type { ReportLimit } from '../app/public/reports.js';
import { resolveSiteHost, type SiteHostResult } from '../app/public/site-host.js';
import { EdgeCache } from './cache.js';
import type { cachedHeaders, Rendered } from './respond.js';

export interface BadgeEntry {
  site: PublicSite | null;
  /** Rendered on first use and kept as long as the site's stamp does not change. */
  script?: Rendered;
  verify?: Rendered;
}

export interface HostEntry {
  result: SiteHostResult | RedPageLookup;
  page?: Rendered;
}

export interface Edge {
  app: AppContext;
  publicHost: string;
  /** `//PUBLIC_HOST`: the base of the edge's links on every page. */
  base: string;
  badges: EdgeCache<BadgeEntry>;
  hosts: EdgeCache<HostEntry>;
  reportLimit: ReportLimit;
  /** max-age of the badge script (≤ 300 s: a deregistration must show within 5 minutes). */
  scriptMaxAge: number;
  pageMaxAge: number;
  headers: ReturnType<typeof cachedHeaders>;
}

const stampOf = (r: SiteHostResult | RedPageLookup): string => JSON.stringify(r.kind === 'page' ? r.site.stamp : r);

/** Keeps the rendered bodies when a reload finds nothing changed. */
const keepBadge = (old: BadgeEntry, fresh: BadgeEntry) => (old.site?.stamp === fresh.site?.stamp ? old : fresh);
const keepHost = (old: HostEntry, fresh: HostEntry) => (stampOf(old.result) === stampOf(fresh.result) ? old : fresh);

export const badgeEntry = (edge: Edge, publicId: string) =>
  edge.badges.get(publicId, async () => ({ site: await findSiteByBadgeId(edge.app, publicId) }), keepBadge);

export const hostEntry = (edge: Edge, hostAce: string) =>
  edge.hosts.get(hostAce, async () => ({ result: await resolveSiteHost(edge.app, hostAce) }), keepHost);

export const redPageEntry = (edge: Edge, domainAce: string) =>
  edge.hosts.get(`/redpage/${domainAce}`, async () => ({ result: await findRedPage(edge.app, domainAce) }), keepHost);
