import path from 'node:path';
import { z } from 'zod';
import { AddressAllowList } from './domain/sitecheck/address.js';

/**
 * All configuration comes from the environment (README has the table). Parsed once, validated,
 * and passed down explicitly: nothing below `cli.ts` reads `process.env`.
 */
const intFrom = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const envSchema = z.object({
  PORT: intFrom(8080, 0, 65535),
  PUBLIC_PORT: intFrom(8081, 0, 65535),
  DNS_PORT: intFrom(5353, 0, 65535),
  WHOIS_PORT: intFrom(4343, 0, 65535),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().min(1).optional(),
  SESSION_IDLE_MINUTES: intFrom(30, 1, 24 * 60),
  SESSION_ABSOLUTE_HOURS: intFrom(12, 1, 24 * 30),
  LOGIN_MAX_FAILURES: intFrom(5, 1, 100),
  LOGIN_LOCK_MINUTES: intFrom(15, 1, 24 * 60),
  PASSWORD_MAX_AGE_DAYS: intFrom(90, 1, 3650),
  PASSWORD_HISTORY: intFrom(5, 0, 50),
  PUBLIC_HOST: z.string().min(1).max(253).regex(/^[A-Za-z0-9.\-:\[\]\u4e00-\u9fa5]+$/).optional(),
  CONSOLE_URL: z.url().optional(),
  PUBLIC_TRUST_PROXY: z.string().max(2000).default(''),
  API_TRUST_PROXY: z.string().max(2000).default(''),
  WHOIS_PROXY_PROTOCOL_FROM: z.string().max(2000).default(''),
  PUBLIC_CACHE_SECONDS: intFrom(30, 0, 3600),
  SMTP_HOST: z.string().min(1).max(253).optional(),
  SMTP_PORT: intFrom(587, 1, 65535),
  SMTP_SECURITY: z.enum(['tls', 'starttls', 'none']).default('starttls'),
  SMTP_USER: z.string().min(1).max(254).optional(),
  SMTP_PASSWORD: z.string().min(1).max(1024).optional(),
  SMTP_FROM: z.string().min(3).max(254).default('网上名称注册管理系统 <noreply@localhost>'),
  OUTBOX_MAX_ATTEMPTS: intFrom(8, 1, 100),
  OUTBOX_POLL_MS: intFrom(2000, 50, 600_000),
  OUTBOX_LEASE_SECONDS: intFrom(120, 1, 86_400),
  EDGE_IPV4: z.string().max(200).default('127.0.0.1'),
  EDGE_IPV6: z.string().max(400).default(''),
  DNS_SOA_MNAME: z.string().min(1).max(253).default('ns1.zhengming.example'),
  DNS_SOA_RNAME: z.string().min(1).max(253).default('hostmaster.zhengming.example'),
  DNS_NS: z.string().max(2000).optional(),
  DNS_TRANSFER_ALLOW: z.string().max(2000).default('127.0.0.1,::1'),
  DNS_TSIG_KEY: z.string().max(600).optional(),
  DNS_NOTIFY: z.string().max(2000).default(''),
  DNS_POLL_MS: intFrom(250, 20, 60_000),
  SITECHECK_ALLOW_ADDRESSES: z.string().max(2000).default(''),
  SITECHECK_DNS_SERVERS: z.string().max(2000).default(''),
  SITECHECK_CA_FILE: z.string().min(1).max(4096).optional(),
  SITECHECK_PATROL_INTERVAL_HOURS: intFrom(24, 0, 24 * 365),
  SITECHECK_PATROL_POLL_SECONDS: intFrom(60, 1, 86_400),
  SITECHECK_PATROL_FAILURES: intFrom(3, 1, 100),
  SITECHECK_PATROL_CONCURRENCY: intFrom(2, 1, 32),
  SUPPORT_HOTLINE: z.string().min(1).max(32).default('8588686'),
  COOKIE_SECURE: z.enum(['true', 'false', 'auto']).default('auto'),
  AUDIT_RETENTION_DAYS: intFrom(365, 180, 36_500),
  PERSONAL_DATA_KEY_FILE: z.string().max(4096).optional(),
  PERSONAL_DATA_KEYS: z.string().max(65_536).optional(),
  PERSONAL_DATA_ACCEPT_CLEAR: z.enum(['true', 'false']).default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  publicPort: number;
  dnsPort: number;
  whoisPort: number;
  /** Proxies (addresses, CIDRs) whose WHOIS connections start with a PROXY protocol v1 header naming the client. */
  whoisProxyProtocolFrom: string[];
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  security: SecurityPolicy;
  supportHotline: string;
  /** Host (and port) of the public edge, as visitors reach it: used in badge snippets. */
  publicHost: string;
  /** The public edge: which proxies' X-Forwarded-For to believe, and its per-process cache lifetime. */
  publicEdge: { trustProxy: string[]; cacheTtlMs: number };
  /** Addresses or CIDRs of the proxies in front of the console/API whose X-Forwarded-For (and -Proto) is believed. */
  apiTrustProxy: string[];
  cookieSecure: 'true' | 'false' | 'auto';
  /** Audit events older than this many days are moved to the archive (≥ 180: 网络安全法 六个月). */
  auditRetentionDays: number;
  /**
   * Where the personal-data keys (SM4 + HMAC-SM3, `cli/personal-data-keys.ts`) come from: a key
   * file outside the database (PERSONAL_DATA_KEY_FILE, 0600) or the JSON itself
   * (PERSONAL_DATA_KEYS); neither: the embedded demo generates DATA_DIR/personal-data-keys.json.
   */
  personalData: {
    keyFile: string | undefined;
    keys: string | undefined;
    /** Read clear values in sealed columns after the start-up pass (a rolling upgrade from a version before encryption); off: refused. */
    acceptClear: boolean;
  };
  logLevel: string;
  /** Where people open the console: the base of links in emails. */
  consoleUrl: string;
  smtp: { host: string; port: number; security: 'tls' | 'starttls' | 'none'; user: string | undefined; password: string | undefined; from: string } | null;
  outbox: OutboxPolicy;
  /** The public edge's addresses (comma-separated in EDGE_IPV4 / EDGE_IPV6). */
  edge: { ipv4: string[]; ipv6: string[] };
  /** SOA and apex NS of the TLD zones. */
  zone: { mname: string; rname: string; ns: string[] };
  /** Addresses allowed to transfer the zones (AXFR): the secondaries. */
  dnsTransferAllow: string[];
  /** TSIG key for transfers and NOTIFY ("name:hmac-sha256:base64" in DNS_TSIG_KEY); transfers need it when set. */
  dnsTsigKey: string | undefined;
  /** Secondaries told about each new serial (NOTIFY), "ip" or "ip:port" entries. */
  dnsNotify: string[];
  /** How often the primary looks for new zone journal entries. */
  dnsPollMs: number;
  siteCheck: SiteCheckConfig;
  /** The raw environment, for the SMS adapters' own settings (SMS_*). */
  env: Record<string, string | undefined>;
}

/** 网站核验 (SITECHECK_*): who the checker may reach, whose DNS it asks, and the patrol's pace. */
export interface SiteCheckConfig {
  /**
   * Non-public addresses or CIDR prefixes the checker may still connect to — and the application
   * forms accept as IP地址, with a warning (`formRulesOf`); empty in production.
   */
  allowAddresses: string[];
  /** DNS servers (`host` or `host:port`) the checker asks; empty: the system's resolv.conf. */
  dnsServers: string[];
  /** PEM file of extra trusted CAs for certificate validity. */
  caFile: string | undefined;
  patrol: {
    /** Each self-hosted website is re-checked this often (0: no patrol). */
    intervalMs: number;
    pollMs: number;
    /** Failing patrol checks in a row before the 经办人 and the office are told. */
    failuresToNotify: number;
    concurrency: number;
  };
}

export interface OutboxPolicy {
  maxAttempts: number;
  pollMs: number;
  leaseMs: number;
}

export interface SecurityPolicy {
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  loginMaxFailures: number;
  loginLockMs: number;
  passwordMaxAgeMs: number;
  passwordHistory: number;
  resetCodeTtlMs: number;
  resetCodeMaxAttempts: number;
  /** At most this many reset codes per account (and per client address) in `resetWindowMs`. */
  resetRequestsPerWindow: number;
  resetWindowMs: number;
}

const minute = 60_000;

export const defaultSecurityPolicy: SecurityPolicy = {
  sessionIdleMs: 30 * minute,
  sessionAbsoluteMs: 12 * 60 * minute,
  loginMaxFailures: 5,
  loginLockMs: 15 * minute,
  passwordMaxAgeMs: 90 * 24 * 60 * minute,
  passwordHistory: 5,
  resetCodeTtlMs: 10 * minute,
  resetCodeMaxAttempts: 5,
  resetRequestsPerWindow: 3,
  resetWindowMs: 15 * minute,
};

export class ConfigError extends Error {}

const splitList = (s: string) => s.split(',').map((x) => x.trim()).filter((x) => x !== '');

function checkedAllowList(entries: string[], setting = 'SITECHECK_ALLOW_ADDRESSES'): string[] {
  try {
    AddressAllowList.parse(entries);
  } catch (err) {
    throw new ConfigError(`配置错误 (invalid configuration):\n  ${setting}: ${(err as Error).message}`);
  }
  return entries;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置错误 (invalid configuration):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    publicPort: e.PUBLIC_PORT,
    dnsPort: e.DNS_PORT,
    whoisPort: e.WHOIS_PORT,
    whoisProxyProtocolFrom: checkedAllowList(splitList(e.WHOIS_PROXY_PROTOCOL_FROM), 'WHOIS_PROXY_PROTOCOL_FROM'),
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    security: {
      ...defaultSecurityPolicy,
      sessionIdleMs: e.SESSION_IDLE_MINUTES * minute,
      sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 60 * minute,
      loginMaxFailures: e.LOGIN_MAX_FAILURES,
      loginLockMs: e.LOGIN_LOCK_MINUTES * minute,
      passwordMaxAgeMs: e.PASSWORD_MAX_AGE_DAYS * 24 * 60 * minute,
      passwordHistory: e.PASSWORD_HISTORY,
    },
    supportHotline: e.SUPPORT_HOTLINE,
    publicHost: e.PUBLIC_HOST ?? `${e.HOST}:${e.PUBLIC_PORT}`,
    publicEdge: { trustProxy: splitList(e.PUBLIC_TRUST_PROXY), cacheTtlMs: e.PUBLIC_CACHE_SECONDS * 1000 },
    apiTrustProxy: splitList(e.API_TRUST_PROXY),
    cookieSecure: e.COOKIE_SECURE,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    // Empty counts as unset (a value cleared in an environment file).
    personalData: { keyFile: e.PERSONAL_DATA_KEY_FILE ? path.resolve(e.PERSONAL_DATA_KEY_FILE) : undefined, keys: e.PERSONAL_DATA_KEYS || undefined, acceptClear: e.PERSONAL_DATA_ACCEPT_CLEAR === 'true' },
    logLevel: e.LOG_LEVEL,
    consoleUrl: (e.CONSOLE_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/$/, ''),
    smtp:
      e.SMTP_HOST === undefined
        ? null
        : { host: e.SMTP_HOST, port: e.SMTP_PORT, security: e.SMTP_SECURITY, user: e.SMTP_USER, password: e.SMTP_PASSWORD, from: e.SMTP_FROM },
    outbox: { maxAttempts: e.OUTBOX_MAX_ATTEMPTS, pollMs: e.OUTBOX_POLL_MS, leaseMs: e.OUTBOX_LEASE_SECONDS * 1000 },
    edge: { ipv4: splitList(e.EDGE_IPV4), ipv6: splitList(e.EDGE_IPV6) },
    zone: { mname: e.DNS_SOA_MNAME, rname: e.DNS_SOA_RNAME, ns: e.DNS_NS === undefined ? [e.DNS_SOA_MNAME] : splitList(e.DNS_NS) },
    dnsTransferAllow: splitList(e.DNS_TRANSFER_ALLOW),
    dnsTsigKey: e.DNS_TSIG_KEY,
    dnsNotify: splitList(e.DNS_NOTIFY),
    dnsPollMs: e.DNS_POLL_MS,
    siteCheck: {
      allowAddresses: checkedAllowList(splitList(e.SITECHECK_ALLOW_ADDRESSES)),
      dnsServers: splitList(e.SITECHECK_DNS_SERVERS),
      caFile: e.SITECHECK_CA_FILE,
      patrol: {
        intervalMs: e.SITECHECK_PATROL_INTERVAL_HOURS * 60 * minute,
        pollMs: e.SITECHECK_PATROL_POLL_SECONDS * 1000,
        failuresToNotify: e.SITECHECK_PATROL_FAILURES,
        concurrency: e.SITECHECK_PATROL_CONCURRENCY,
      },
    },
    env: { ...env },
  };
}
