/**
 * The vocabulary of 域名解析: the record types a unit can add, the form input, and the validated
 * record (`DnsRecordSpec`) that the rules, the URL转发 pair and the zone builder work on.
 */

export const recordTypes = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS', 'URL_REDIRECT', 'URL_FRAME'] as const;
export type RecordType = (typeof recordTypes)[number];

export const recordTypeLabel: Record<RecordType, string> = {
  A: 'A',
  AAAA: 'AAAA',
  CNAME: 'CNAME',
  MX: 'MX',
  TXT: 'TXT',
  NS: 'NS',
  URL_REDIRECT: 'URL转发（显性）',
  URL_FRAME: 'URL转发（隐性）',
};

export function isRecordType(s: unknown): s is RecordType {
  return typeof s === 'string' && (recordTypes as readonly string[]).includes(s);
}

export type UrlRecordType = 'URL_REDIRECT' | 'URL_FRAME';
export function isUrlForward(type: RecordType): type is UrlRecordType {
  return type === 'URL_REDIRECT' || type === 'URL_FRAME';
}

export type RedirectCode = 301 | 302;

/** What the 添加解析 form (or the API) sends. */
export interface DnsRecordInput {
  host: string;
  type: RecordType;
  value: string;
  ttl?: number;
  /** MX only (required there). */
  priority?: number;
  /** URL_REDIRECT only; 302 when absent. */
  redirectCode?: RedirectCode;
  /** URL_REDIRECT only: append the request path to the target; false when absent. */
  keepPath?: boolean;
}

/** The registered domain the records belong to, e.g. `国务院.政务` / `xn--zfr54hdx6e.xn--zfr164b`. */
export interface ZoneApex {
  unicode: string;
  ace: string;
}

export const defaultTtl = 600;
export const generatedLabel = '自动生成';

interface SpecCommon {
  /** Set once stored; the rules use it to leave out the record being edited. */
  id?: string;
  /** 主机记录 for display, relative to the domain: `@`, `www`, `邮件`, `*.oa`. */
  host: string;
  /** The same relative name in ACE: `@`, `www`, `xn--5nq051n`, `*.oa`. */
  hostAce: string;
  /** Fully qualified owner name, ACE, lower case, no trailing dot. */
  owner: string;
  ttl: number;
  /** `'@'` on the `www` half that 确认 of a URL转发 on `@` generated (shown as 自动生成). */
  generatedFromHost?: '@';
}

interface PlainValue {
  /**
   * Canonical value: an address (IPv6 compressed), a hostname in ACE without trailing dot,
   * the TXT text as typed, or the normalised target URL (ACE host).
   */
  value: string;
  /** The value as the console shows it (Unicode hostnames). */
  display: string;
}

export type DnsRecordSpec =
  | (SpecCommon & PlainValue & { type: 'A' | 'AAAA' | 'CNAME' | 'NS' | 'TXT' | 'URL_FRAME' })
  | (SpecCommon & PlainValue & { type: 'MX'; priority: number })
  | (SpecCommon & PlainValue & { type: 'URL_REDIRECT'; code: RedirectCode; keepPath: boolean });

/** The registered domain (ACE) a spec belongs to, recovered from its owner and relative host. */
export function domainOf(spec: Pick<DnsRecordSpec, 'owner' | 'hostAce'>): string {
  return spec.hostAce === '@' ? spec.owner : spec.owner.slice(spec.hostAce.length + 1);
}

/** Whether `name` is `ancestor` or lies below it (both ACE, lower case, no trailing dot). */
export function isAtOrBelow(name: string, ancestor: string): boolean {
  return name === ancestor || name.endsWith(`.${ancestor}`);
}

export function isBelow(name: string, ancestor: string): boolean {
  return name.endsWith(`.${ancestor}`);
}
