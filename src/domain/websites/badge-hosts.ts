/**
 * Where a badge may hang, and what the verification page says about a badge seen somewhere.
 * A badge is valid on the registered English domain (with or without `www.`) of a 自建网站, or on
 * the 网络红页 (the Chinese domain, its `www.`, and `/redpage/…` on the public host). Anywhere
 * else the badge script shows the error badge, and the verification page names the host.
 */
import type { Hosting, WebsiteStatus } from '../types.js';

export interface BadgeSite {
  status: WebsiteStatus;
  hosting: Hosting;
  /** ASCII, lower case (validated at application time). */
  englishDomain: string | null;
  /** The Chinese domain in ACE. */
  domainAce: string;
  badgeVersion: number;
}

/** Lower case, no trailing dot, no port: how `location.hostname` reports a host. */
export function normaliseHostname(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '');
}

/** The hostname of PUBLIC_HOST (`host:port`, `[v6]:port` or a bare host). */
export function hostnameOfPublicHost(publicHost: string): string {
  const h = publicHost.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.indexOf(':');
  return colon === -1 ? h : h.slice(0, colon);
}

const withAndWithoutWww = (name: string): string[] =>
  name.startsWith('www.') ? [name, name.slice(4)] : [name, `www.${name}`];

/** The hosts (lower case, ACE) on which the badge is valid; none once deregistered. */
export function badgeHosts(site: BadgeSite, publicHostname: string): string[] {
  if (site.status !== 'active') return [];
  if (site.hosting === 'self_hosted') {
    return site.englishDomain === null ? [] : withAndWithoutWww(normaliseHostname(site.englishDomain));
  }
  return [...withAndWithoutWww(normaliseHostname(site.domainAce)), normaliseHostname(publicHostname)];
}

export type BadgeStatus =
  | { kind: 'valid'; version: number }
  | { kind: 'deregistered' }
  /** The badge was seen at an older version (a stale copy): it has since been changed. */
  | { kind: 'changed'; seenVersion: number; version: number }
  | { kind: 'not_issued' };

/** 状态 on the verification page, from the website and the version the badge link carried. */
export function badgeStatus(site: BadgeSite, seenVersion: number | undefined): BadgeStatus {
  if (site.status === 'deregistered') return { kind: 'deregistered' };
  if (site.status !== 'active') return { kind: 'not_issued' };
  if (seenVersion !== undefined && seenVersion < site.badgeVersion) return { kind: 'changed', seenVersion, version: site.badgeVersion };
  return { kind: 'valid', version: site.badgeVersion };
}

export function badgeStatusLabel(s: BadgeStatus): string {
  switch (s.kind) {
    case 'valid':
      return '有效';
    case 'deregistered':
      return '已注销';
    case 'changed':
      return `已变更为第${s.version}版`;
    case 'not_issued':
      return '未发放';
  }
}

/**
 * Why the error badge showed, in plain words, or null when it would not have: the badge is
 * deregistered, or it hangs on a host that is not the website's.
 */
export function errorBadgeReason(site: BadgeSite, seenHost: string | undefined, publicHostname: string): string | null {
  if (site.status === 'deregistered') return '该网站标识已注销，不再有效，网页上显示的是错误标识。';
  if (site.status !== 'active') return '该网站标识尚未发放。';
  if (seenHost === undefined || seenHost === '') return null;
  const host = normaliseHostname(seenHost);
  if (badgeHosts(site, publicHostname).includes(host)) return null;
  const where = site.hosting === 'self_hosted' ? `登记的英文域名 ${site.englishDomain ?? ''}` : '该单位的网络红页';
  return `该标识被放置在 ${host} 上，而不是${where}，因此显示为错误标识。请以本页登记的信息为准。`;
}
