/**
 * 网站核验 of one 英文域名 + IP地址 + 网站名称: resolve the name with our own resolver, judge every
 * address, fetch `http://` and `https://` home pages (in parallel) from one judged address — a
 * declared IP the name resolves to, else the first allowed answer — and evaluate what came back.
 * The whole check keeps within `totalTimeoutMs`; nothing here throws for a bad site.
 */
import { canonicalAddress, judgeAddress, type AddressAllowList } from '../domain/sitecheck/address.js';
import { evaluate } from '../domain/sitecheck/evaluate.js';
import type { AddressVerdict, FetchObservation, SiteCheckReport, SiteCheckTarget } from '../domain/sitecheck/types.js';
import { fetchHome } from './fetch-home.js';
import { resolveName } from './resolve.js';
import type { SiteCheckSettings } from './settings.js';

export interface SiteChecker {
  check(target: SiteCheckTarget): Promise<SiteCheckReport>;
  /** The non-public addresses it may connect to (SITECHECK_ALLOW_ADDRESSES); the form's IP rule admits them too. */
  readonly allow: AddressAllowList;
}

export function createSiteChecker(settings: SiteCheckSettings, now: () => Date = () => new Date()): SiteChecker {
  return { check: (target) => checkSite(settings, target, now), allow: settings.allow };
}

export async function checkSite(settings: SiteCheckSettings, target: SiteCheckTarget, now: () => Date = () => new Date()): Promise<SiteCheckReport> {
  const startedAt = now();
  const t0 = Date.now();
  const deadline = t0 + settings.totalTimeoutMs;
  const name = target.englishDomain.trim().toLowerCase().replace(/\.$/, '');
  const dns = await resolveName(settings, name, settings.allow, deadline);
  const resolved = new Set(dns.addresses.map((a) => a.address));
  const declared = target.ipAddresses.map((ip): AddressVerdict & { resolved: boolean } => {
    const v = judgeAddress(ip, settings.allow);
    return { ...v, resolved: resolved.has(canonicalAddress(ip) ?? ip) };
  });
  const allowed = dns.addresses.filter((a) => a.allowed);
  const chosen = declared.find((d) => d.allowed && d.resolved)?.address ?? allowed[0]?.address;
  let fetches: FetchObservation[] = [];
  if (chosen !== undefined) {
    const t = { ...target, englishDomain: name };
    fetches = await Promise.all([fetchHome(settings, 'http', t, chosen, deadline), fetchHome(settings, 'https', t, chosen, deadline)]);
  }
  return evaluate({ target, dns, declared, fetches, now: startedAt }, startedAt, Date.now() - t0);
}
