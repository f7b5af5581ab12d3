/**
 * The vocabulary of 网站核验: what is checked (a target), what the checker observed (a report),
 * and what that means (findings, an outcome). The checker in `src/sitecheck` fills in the
 * observations; `evaluate.ts` turns them into findings.
 */

export const siteCheckTriggers = ['manual', 'submission', 'review', 'patrol'] as const;
export type SiteCheckTrigger = (typeof siteCheckTriggers)[number];
export const siteCheckTriggerLabel: Record<SiteCheckTrigger, string> = {
  manual: '经办人检测',
  submission: '提交时检测',
  review: '审核时复查',
  patrol: '巡检',
};

export type SiteCheckOutcome = 'pass' | 'fail';

/** `fail` blocks submission (unless explained) and counts for the patrol; the rest are evidence. */
export type FindingSeverity = 'fail' | 'warn' | 'info';

export interface SiteCheckFinding {
  code: string;
  severity: FindingSeverity;
  message: string;
}

export interface SiteCheckTarget {
  englishDomain: string;
  ipAddresses: string[];
  websiteName: string;
  /** The website's badge id when it already holds a badge: its script should be on the page. */
  badgePublicId?: string | null;
}

/** One address and whether the checker may connect to it. */
export interface AddressVerdict {
  address: string;
  allowed: boolean;
  /** Why it is refused (环回地址 127.0.0.0/8 …), when it is. */
  reason?: string;
  code?: string;
}

export interface DnsObservation {
  addresses: AddressVerdict[];
  /** NXDOMAIN, timeout…: a stable code and a Chinese message. */
  error: { code: string; message: string } | null;
}

export interface TlsObservation {
  valid: boolean;
  /** OpenSSL/Node code, e.g. CERT_HAS_EXPIRED, ERR_TLS_CERT_ALTNAME_INVALID. */
  error: string | null;
  subject: string | null;
  issuer: string | null;
  validFrom: string | null;
  validTo: string | null;
}

export interface HopObservation {
  url: string;
  /** The address connected to (never chosen by anyone but the checker). */
  address: string | null;
  status: number | null;
}

export interface FetchObservation {
  scheme: 'http' | 'https';
  /** Each request made, in order; the last is the final page. */
  hops: HopObservation[];
  finalUrl: string | null;
  status: number | null;
  error: { code: string; message: string } | null;
  tls: TlsObservation | null;
  contentType: string | null;
  bytes: number;
  truncated: boolean;
  charset: string | null;
  title: string | null;
  icp: string | null;
  badgePresent: boolean | null;
}

export interface TitleSegment {
  op: 'same' | 'missing' | 'extra';
  text: string;
}

export interface TitleComparison {
  equal: boolean;
  expected: string;
  actual: string;
  /** The normalised forms the comparison was made on. */
  expectedNormalised: string;
  actualNormalised: string;
  /** A character diff of the normalised forms: `missing` is in 网站名称 only, `extra` in the title only. */
  segments: TitleSegment[];
}

export interface SiteCheckReport {
  target: SiteCheckTarget;
  dns: DnsObservation;
  /** The declared IP addresses: found among the resolved ones, and allowed. */
  declared: (AddressVerdict & { resolved: boolean })[];
  fetches: FetchObservation[];
  /** The page the title was taken from (https preferred), if any answered. */
  page: { scheme: 'http' | 'https'; finalUrl: string; title: string | null; charset: string | null; icp: string | null; badgePresent: boolean | null } | null;
  title: TitleComparison | null;
  findings: SiteCheckFinding[];
  outcome: SiteCheckOutcome;
  startedAt: string;
  durationMs: number;
}
