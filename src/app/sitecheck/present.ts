import type { SiteCheckRow } from '../../db/repositories/site-checks.js';
import { siteCheckTriggerLabel } from '../../domain/sitecheck/types.js';

/** A stored check as the console shows it: outcome and findings up front, the full report as evidence. */
export function presentSiteCheck(row: SiteCheckRow, requesterName: string | null = null) {
  return {
    id: row.id,
    trigger: row.trigger,
    triggerLabel: siteCheckTriggerLabel[row.trigger],
    outcome: row.outcome,
    outcomeLabel: row.outcome === 'pass' ? '通过' : '未通过',
    englishDomain: row.englishDomain,
    ipAddresses: row.ipAddresses,
    websiteName: row.websiteName,
    findings: row.findings,
    report: row.report,
    explanation: row.explanation,
    revision: row.revision,
    requesterName,
    startedAt: row.startedAt.toISOString(),
    durationMs: row.durationMs,
  };
}

export type SiteCheckView = ReturnType<typeof presentSiteCheck>;
