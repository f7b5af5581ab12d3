/**
 * The checker's own name resolution (node:dns Resolver, c-ares), never the system's
 * getaddrinfo: what it resolves is what it judges and what it connects to.
 */
import { Resolver } from 'node:dns/promises';
import { judgeAddress, type AddressAllowList } from '../domain/sitecheck/address.js';
import type { DnsObservation } from '../domain/sitecheck/types.js';
import type { SiteCheckSettings } from './settings.js';

const errorMessages: Record<string, string> = {
  ENOTFOUND: '域名不存在（NXDOMAIN）',
  ENODATA: '没有A或AAAA记录',
  ETIMEOUT: '解析超时',
  ESERVFAIL: 'DNS服务器解析失败（SERVFAIL）',
  EREFUSED: 'DNS服务器拒绝查询（REFUSED）',
  ECONNREFUSED: '无法连接DNS服务器',
  EBADNAME: '域名格式错误',
  ECANCELLED: '解析超时',
};

const codeOf = (e: unknown): string => (typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : 'EUNKNOWN');

/** A's and AAAA's of `name`, each judged against the allow-list; an error when there are none. */
export async function resolveName(settings: SiteCheckSettings, name: string, allow: AddressAllowList, deadline: number): Promise<DnsObservation> {
  const resolver = new Resolver({ timeout: settings.dnsTimeoutMs, tries: 2 });
  if (settings.dnsServers.length > 0) resolver.setServers(settings.dnsServers);
  const timer = setTimeout(() => resolver.cancel(), Math.max(0, deadline - Date.now()));
  try {
    const [v4, v6] = await Promise.allSettled([resolver.resolve4(name), resolver.resolve6(name)]);
    const addresses = [...(v4.status === 'fulfilled' ? v4.value : []), ...(v6.status === 'fulfilled' ? v6.value : [])];
    if (addresses.length > 0) return { addresses: [...new Set(addresses)].map((a) => judgeAddress(a, allow)), error: null };
    const codes = [v4, v6].flatMap((r) => (r.status === 'rejected' ? [codeOf(r.reason)] : ['ENODATA']));
    // NXDOMAIN from either query is the answer; otherwise the more telling of the two.
    const code = codes.find((c) => c === 'ENOTFOUND') ?? codes.find((c) => c !== 'ENODATA') ?? 'ENODATA';
    return { addresses: [], error: { code: code === 'ECANCELLED' ? 'ETIMEOUT' : code, message: errorMessages[code] ?? `解析失败（${code}）` } };
  } finally {
    clearTimeout(timer);
  }
}
