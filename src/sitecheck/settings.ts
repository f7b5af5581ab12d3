import { rootCertificates } from 'node:tls';
import { AddressAllowList } from '../domain/sitecheck/address.js';

/** How the checker behaves; the defaults are the limits. Built from SITECHECK_* in config. */
export interface SiteCheckSettings {
  /** Non-public addresses the checker may still connect to (tests' loopback servers). */
  allow: AddressAllowList;
  /** DNS servers (`host` or `host:port`); empty: the system's resolv.conf. */
  dnsServers: string[];
  /** Per DNS query; c-ares retries once within the total budget. */
  dnsTimeoutMs: number;
  userAgent: string;
  /** Where `http://name/` and `https://name/` connect; 80 and 443 except in tests. */
  ports: { http: number; https: number };
  connectTimeoutMs: number;
  /** The whole check: resolution, both home pages, every redirect. */
  totalTimeoutMs: number;
  maxBodyBytes: number;
  maxRedirects: number;
  /** Trusted CAs for certificate validity: the Node.js roots plus any configured (SITECHECK_CA_FILE). */
  ca: string[];
  /** Called just before every connection with the address chosen; throwing vetoes it (tests guard with it). */
  onConnect?: (c: { host: string; address: string; port: number }) => void;
}

export const defaultUserAgent = 'Zhengming-SiteCheck/1.0 (website verification of the online name registration system; no cookies, home page only)';

export function siteCheckSettings(o: Partial<Omit<SiteCheckSettings, 'ca'>> & { extraCa?: string[] } = {}): SiteCheckSettings {
  const { extraCa = [], ...rest } = o;
  return {
    allow: AddressAllowList.empty,
    dnsServers: [],
    dnsTimeoutMs: 2_500,
    userAgent: defaultUserAgent,
    ports: { http: 80, https: 443 },
    connectTimeoutMs: 5_000,
    totalTimeoutMs: 15_000,
    maxBodyBytes: 2 * 1024 * 1024,
    maxRedirects: 5,
    ...rest,
    ca: [...rootCertificates, ...extraCa],
  };
}
