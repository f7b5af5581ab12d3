import type { Db } from '../../db/client.js';
import { countChecksBy, insertSiteCheck, type SiteCheckInsert, type SiteCheckRow } from '../../db/repositories/site-checks.js';
import { checkWindowMs, checksPerWindow } from '../../domain/sitecheck/rules.js';
import type { SiteCheckReport, SiteCheckTarget } from '../../domain/sitecheck/types.js';
import { TooManyRequests } from '../../domain/errors.js';
import type { Ctx } from '../context.js';
import type { SiteChecker } from '../../sitecheck/check-site.js';

export interface RanCheck {
  target: SiteCheckTarget;
  report: SiteCheckReport;
  startedAt: Date;
}

/**
 * Runs one check on behalf of the actor, outside any transaction (it may take the full 15 s):
 * at most `checksPerWindow` per user per window, whatever started them.
 * @throws TooManyRequests over the limit
 */
export async function runCheckFor(ctx: Ctx, checker: SiteChecker, target: SiteCheckTarget): Promise<RanCheck> {
  const startedAt = ctx.clock.now();
  if ((await countChecksBy(ctx.db, ctx.actor.id, new Date(startedAt.getTime() - checkWindowMs))) >= checksPerWindow) {
    throw new TooManyRequests(`网站核验过于频繁（每${checkWindowMs / 60_000}分钟最多${checksPerWindow}次），请稍后再试`);
  }
  return { target, report: await checker.check(target), startedAt };
}

/** The row of a check that was run. */
export function saveCheck(db: Db, ran: RanCheck, values: Omit<SiteCheckInsert, 'englishDomain' | 'ipAddresses' | 'websiteName' | 'outcome' | 'findings' | 'report' | 'startedAt' | 'durationMs'>): Promise<SiteCheckRow> {
  return insertSiteCheck(db, {
    ...values,
    englishDomain: ran.target.englishDomain,
    ipAddresses: ran.target.ipAddresses,
    websiteName: ran.target.websiteName,
    outcome: ran.report.outcome,
    findings: ran.report.findings,
    report: ran.report,
    startedAt: ran.startedAt,
    durationMs: ran.report.durationMs,
  });
}
