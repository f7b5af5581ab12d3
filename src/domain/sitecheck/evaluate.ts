/**
 * What the observations mean. Three things fail a check — the procedure's own rules for 自建网站:
 * the 英文域名 does not lead to a page (确保英文域名可以访问到网页), the page's title is not the
 * 网站名称, a declared IP地址 is not where the name points. Everything else (one scheme failing,
 * the certificate, the badge script, the ICP备案号) is evidence for the reviewers.
 */
import { describeTitleDifference, compareTitle } from './title.js';
import type { AddressVerdict, DnsObservation, FetchObservation, SiteCheckFinding, SiteCheckOutcome, SiteCheckReport, SiteCheckTarget, TitleComparison } from './types.js';

const day = 86_400_000;
/** A certificate expiring within this many days is worth a warning. */
export const certificateWarningDays = 30;

export interface Observations {
  target: SiteCheckTarget;
  dns: DnsObservation;
  declared: (AddressVerdict & { resolved: boolean })[];
  fetches: FetchObservation[];
  now: Date;
}

const answered = (f: FetchObservation) => f.error === null && f.status !== null && f.status >= 200 && f.status < 300;
const schemeLabel = (s: 'http' | 'https') => (s === 'https' ? 'HTTPS' : 'HTTP');

function refusedList(list: AddressVerdict[]): string {
  return list.map((a) => `${a.address}（${a.reason ?? '不允许'}）`).join('、');
}

function dnsFindings(o: Observations): SiteCheckFinding[] {
  const out: SiteCheckFinding[] = [];
  const name = o.target.englishDomain;
  if (o.dns.error !== null) out.push({ code: 'DNS_FAILED', severity: 'fail', message: `英文域名 ${name} 无法解析：${o.dns.error.message}` });
  const refused = o.dns.addresses.filter((a) => !a.allowed);
  if (refused.length > 0 && refused.length === o.dns.addresses.length) {
    out.push({ code: 'ADDRESS_REFUSED', severity: 'fail', message: `英文域名 ${name} 解析到非公网地址 ${refusedList(refused)}，不予访问` });
  } else if (refused.length > 0) {
    out.push({ code: 'ADDRESS_PARTLY_REFUSED', severity: 'warn', message: `英文域名 ${name} 的解析结果中有非公网地址 ${refusedList(refused)}，未访问这些地址` });
  }
  const resolved = o.dns.addresses.map((a) => a.address).join('、');
  for (const d of o.declared) {
    if (!d.allowed) out.push({ code: 'DECLARED_IP_REFUSED', severity: 'fail', message: `IP地址 ${d.address} 不是公网地址（${d.reason ?? ''}）` });
    else if (!d.resolved && o.dns.error === null) out.push({ code: 'IP_NOT_RESOLVED', severity: 'fail', message: `IP地址 ${d.address} 不在英文域名 ${name} 的解析结果中（解析结果：${resolved || '无'}）` });
  }
  return out;
}

function fetchFindings(o: Observations, page: FetchObservation | undefined): SiteCheckFinding[] {
  const out: SiteCheckFinding[] = [];
  const failed = o.fetches.filter((f) => !answered(f));
  const describe = (f: FetchObservation) => `${schemeLabel(f.scheme)}：${f.error?.message ?? `状态码 ${f.status ?? '无'}`}`;
  if (page === undefined) {
    if (o.fetches.length > 0) out.push({ code: 'UNREACHABLE', severity: 'fail', message: `无法通过英文域名 ${o.target.englishDomain} 访问到网页（${failed.map(describe).join('；')}）` });
    return out;
  }
  for (const f of failed) out.push({ code: `${f.scheme.toUpperCase()}_FAILED`, severity: 'warn', message: `${schemeLabel(f.scheme)} 首页未能访问：${describe(f)}` });
  for (const f of o.fetches) {
    if (f.tls === null) continue;
    if (!f.tls.valid) out.push({ code: 'TLS_INVALID', severity: 'warn', message: `HTTPS 证书无效（${tlsErrorLabel(f.tls.error)}）` });
    else if (f.tls.validTo !== null) {
      const days = Math.floor((new Date(f.tls.validTo).getTime() - o.now.getTime()) / day);
      if (days < certificateWarningDays) out.push({ code: 'TLS_EXPIRING', severity: 'warn', message: `HTTPS 证书将于 ${days} 天后过期（${f.tls.validTo.slice(0, 10)}）` });
    }
  }
  if (page.truncated) out.push({ code: 'BODY_TRUNCATED', severity: 'warn', message: '首页超过 2 MB，只读取了前 2 MB' });
  return out;
}

const tlsErrors: Record<string, string> = {
  CERT_HAS_EXPIRED: '证书已过期',
  CERT_NOT_YET_VALID: '证书尚未生效',
  ERR_TLS_CERT_ALTNAME_INVALID: '证书与域名不符',
  DEPTH_ZERO_SELF_SIGNED_CERT: '自签名证书',
  SELF_SIGNED_CERT_IN_CHAIN: '证书链中有自签名证书',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: '无法验证证书签发者',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: '无法验证证书签发者',
};
export const tlsErrorLabel = (code: string | null): string => (code === null ? '未知原因' : `${tlsErrors[code] ?? '证书校验失败'}，${code}`);

function pageFindings(o: Observations, page: FetchObservation, title: TitleComparison | null): SiteCheckFinding[] {
  const out: SiteCheckFinding[] = [];
  if (page.title === null || page.title === '') {
    out.push({ code: 'TITLE_MISSING', severity: 'fail', message: `首页（${page.finalUrl ?? ''}）没有网页标题，网站名称“${o.target.websiteName}”无从核对` });
  } else if (title !== null && !title.equal) {
    out.push({ code: 'TITLE_MISMATCH', severity: 'fail', message: `网站名称“${o.target.websiteName}”与网页标题“${page.title}”不一致：${describeTitleDifference(title)}` });
  }
  if (o.target.badgePublicId) {
    if (page.badgePresent === true) out.push({ code: 'BADGE_PRESENT', severity: 'info', message: '首页已挂网站标识' });
    else out.push({ code: 'BADGE_MISSING', severity: 'warn', message: '首页未找到网站标识代码' });
  }
  if (page.icp !== null) out.push({ code: 'ICP_FOUND', severity: 'info', message: `首页备案号：${page.icp}` });
  return out;
}

/** The report of one check: findings in the order a person reads them, and the outcome. */
export function evaluate(o: Observations, startedAt: Date, durationMs: number): SiteCheckReport {
  const page = o.fetches.find((f) => f.scheme === 'https' && answered(f)) ?? o.fetches.find(answered);
  const title = page === undefined || page.title === null || page.title === '' ? null : compareTitle(o.target.websiteName, page.title);
  const findings = [...dnsFindings(o), ...fetchFindings(o, page), ...(page === undefined ? [] : pageFindings(o, page, title))];
  const outcome: SiteCheckOutcome = findings.some((f) => f.severity === 'fail') ? 'fail' : 'pass';
  return {
    target: o.target,
    dns: o.dns,
    declared: o.declared,
    fetches: o.fetches,
    page:
      page === undefined || page.finalUrl === null
        ? null
        : { scheme: page.scheme, finalUrl: page.finalUrl, title: page.title, charset: page.charset, icp: page.icp, badgePresent: page.badgePresent },
    title,
    findings,
    outcome,
    startedAt: startedAt.toISOString(),
    durationMs,
  };
}
