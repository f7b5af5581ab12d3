/**
 * A request for a name under a Chinese TLD reaching the edge: its URL转发 record (显性: redirect,
 * 隐性: frame page), or its 网络红页 (`@` and `www`), or nothing.
 */
import type { AppContext } from '../context.js';
import { siteByDomainAce, urlForwardsOfDomain } from '../../db/repositories/public-site.js';
import type { DnsRecordSpec } from '../../domain/dns/types.js';
import { findRedPage, type RedPageLookup } from './public-site.js';

export type SiteHostResult =
  | { kind: 'redirect'; target: string; code: 301 | 302; keepPath: boolean }
  | { kind: 'frame'; target: string; title: string }
  | RedPageLookup;

/** `www.杭州市财政局.政务` (ACE) → the registered domain and the relative host (`@`, `www`, `a.b`). */
export function splitSiteHost(hostAce: string): { domain: string; relative: string } | null {
  const labels = hostAce.split('.');
  if (labels.length < 2) return null;
  const domain = labels.slice(-2).join('.');
  const relative = labels.length === 2 ? '@' : labels.slice(0, -2).join('.');
  return { domain, relative };
}

/** Exact host first, then the closest wildcard (`*.oa` for `x.oa`, then `*`). */
function matchForward(specs: DnsRecordSpec[], relative: string): DnsRecordSpec | undefined {
  const exact = specs.find((s) => s.hostAce === relative);
  if (exact !== undefined || relative === '@') return exact;
  const labels = relative.split('.');
  for (let i = 1; i <= labels.length; i++) {
    const wildcard = i === labels.length ? '*' : `*.${labels.slice(i).join('.')}`;
    const hit = specs.find((s) => s.hostAce === wildcard);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

export async function resolveSiteHost(app: AppContext, hostAce: string): Promise<SiteHostResult> {
  const split = splitSiteHost(hostAce);
  if (split === null) return { kind: 'none' };
  const forwards = await urlForwardsOfDomain(app.db, split.domain);
  const active = forwards.filter((f) => f.domainStatus === 'active').map((f) => f.spec);
  const hit = matchForward(active, split.relative);
  if (hit !== undefined && hit.type === 'URL_REDIRECT') return { kind: 'redirect', target: hit.value, code: hit.code, keepPath: hit.keepPath };
  if (hit !== undefined && hit.type === 'URL_FRAME') {
    // 网站名称 of the domain's website (self-hosted too), else the domain itself.
    const row = await siteByDomainAce(app.db, split.domain);
    const title = row === undefined ? hostAce : row.website.status === 'deregistered' ? row.domain.name : row.website.name;
    return { kind: 'frame', target: hit.value, title };
  }
  if (split.relative !== '@' && split.relative !== 'www') return { kind: 'none' };
  return findRedPage(app, split.domain);
}

