/** 网站核验 as the API sends it (src/domain/sitecheck/types.ts, src/app/sitecheck/present.ts). */
export type Severity = 'fail' | 'warn' | 'info';

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
}

export interface AddressVerdict {
  address: string;
  allowed: boolean;
  reason?: string;
  resolved?: boolean;
}

export interface FetchObservation {
  scheme: 'http' | 'https';
  hops: { url: string; address: string | null; status: number | null }[];
  finalUrl: string | null;
  status: number | null;
  error: { code: string; message: string } | null;
  tls: { valid: boolean; error: string | null; subject: string | null; issuer: string | null; validFrom: string | null; validTo: string | null } | null;
  bytes: number;
  truncated: boolean;
  charset: string | null;
  title: string | null;
}

export interface TitleComparison {
  equal: boolean;
  expected: string;
  actual: string;
  segments: { op: 'same' | 'missing' | 'extra'; text: string }[];
}

export interface SiteCheckReport {
  target: { englishDomain: string; ipAddresses: string[]; websiteName: string };
  dns: { addresses: AddressVerdict[]; error: { code: string; message: string } | null };
  declared: AddressVerdict[];
  fetches: FetchObservation[];
  page: { scheme: string; finalUrl: string; title: string | null; charset: string | null; icp: string | null; badgePresent: boolean | null } | null;
  title: TitleComparison | null;
  findings: Finding[];
  outcome: 'pass' | 'fail';
  startedAt: string;
  durationMs: number;
}

export interface SiteCheck {
  id: string;
  trigger: 'manual' | 'submission' | 'review' | 'patrol';
  triggerLabel: string;
  outcome: 'pass' | 'fail';
  outcomeLabel: string;
  englishDomain: string;
  ipAddresses: string[];
  websiteName: string;
  findings: Finding[];
  report: SiteCheckReport;
  explanation: string | null;
  revision: number | null;
  requesterName: string | null;
  startedAt: string;
  durationMs: number;
}
