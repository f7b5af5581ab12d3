/**
 * The rules around a check: which forms are checked, and when a failing check may still be
 * submitted — with the 经办人's explanation, which the reviewers then read beside the evidence.
 */
import type { ApplicationPayload } from '../applications/payload.js';
import { Conflict, DomainError, InvalidInput } from '../errors.js';
import { canonicalAddress } from './address.js';
import type { SiteCheckReport, SiteCheckTarget } from './types.js';

export const explanationMaxLength = 500;

/** Checks one user may start (检测, submissions, re-checks) within `checkWindowMs`: the checker is no proxy. */
export const checksPerWindow = 20;
export const checkWindowMs = 10 * 60_000;

/** The check's target for a form, or null when the form has no self-hosted website to check. */
export function siteCheckTargetOf(p: ApplicationPayload, badgePublicId: string | null = null): SiteCheckTarget | null {
  if (p.type === 'deregister' || p.hosting !== 'self_hosted') return null;
  const englishDomain = (p.englishDomain ?? '').trim().toLowerCase();
  const ipAddresses = (p.ipAddresses ?? []).map((ip) => canonicalAddress(ip) ?? ip.trim()).filter((ip) => ip !== '');
  if (englishDomain === '' || ipAddresses.length === 0) return null;
  return { englishDomain, ipAddresses, websiteName: p.websiteName.trim(), badgePublicId };
}

/** Same website, same name, same addresses: a report for one target is evidence for the other. */
export const sameTarget = (a: SiteCheckTarget, b: SiteCheckTarget): boolean =>
  a.englishDomain === b.englishDomain && a.websiteName === b.websiteName && [...a.ipAddresses].sort().join(',') === [...b.ipAddresses].sort().join(',');

/** A failing check blocks the submission; the 经办人 may submit anyway by explaining why. */
export class SiteCheckFailed extends DomainError {
  readonly code = 'SITE_CHECK_FAILED';
  readonly status = 422;
  constructor(report: SiteCheckReport) {
    const problems = report.findings.filter((f) => f.severity === 'fail').map((f) => f.message);
    super(`网站核验未通过：${problems.join('；')}。请修改后重新提交，或填写情况说明后提交`, { field: 'siteCheckExplanation', details: { report } });
  }
}

/** The process was built without a checker (an API test that is not about checks). */
export class SiteCheckUnavailable extends DomainError {
  readonly code = 'SITE_CHECK_UNAVAILABLE';
  readonly status = 503;
  constructor() {
    super('网站核验服务未启用');
  }
}

/** The form changed between the check and the submission (someone saved a new revision). */
export class SiteCheckOutdated extends Conflict {
  constructor() {
    super('SITE_CHECK_OUTDATED', '申请内容在检测期间已被修改，请刷新后重新提交');
  }
}

/**
 * The explanation to keep with a check at submission: none for a passing check; for a failing
 * one, the 经办人's text, without which the submission is refused.
 * @throws SiteCheckFailed when the check failed and nothing was explained
 */
export function explanationFor(report: SiteCheckReport, explanation: string | null | undefined): string | null {
  if (report.outcome === 'pass') return null;
  const text = (explanation ?? '').trim();
  if (text === '') throw new SiteCheckFailed(report);
  if ([...text].length > explanationMaxLength) throw new InvalidInput('EXPLANATION_TOO_LONG', `情况说明不能超过${explanationMaxLength}个字`, 'siteCheckExplanation');
  return text;
}
