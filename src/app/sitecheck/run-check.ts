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

/** Checks running now in this process, per user: they count against the limit before they are saved. */
const running = new Map<string, number>();

/**
 * Runs one check on behalf of the actor, outside any transaction (it may take the full 15 s),
 * then `keep` (which saves it): at most `checksPerWindow` per user per window, whatever started
 * them. A check counts from its start until `keep` is done — so a burst of parallel requests
 * cannot all pass the count before the first check is saved. (Per process: several processes can
 * each let one burst through; and a submission's check is saved later, by the submission's own
 * transaction, so it stops counting here once checked.)
 * @throws TooManyRequests over the limit
 */
export async function runCheckFor<T>(ctx: Ctx, checker: SiteChecker, target: SiteCheckTarget, keep: (ran: RanCheck) => Promise<T>): Promise<T> {
  const startedAt = ctx.clock.now();
  const actor = ctx.actor.id;
  const done = await countChecksBy(ctx.db, actor, new Date(startedAt.getTime() - checkWindowMs));
  const inFlight = running.get(actor) ?? 0;
  if (done + inFlight >= checksPerWindow) {
    throw new TooManyRequests(`网站核验过于频繁（每${checkWindowMs / 60_000}分钟最多${checksPerWindow}次），请稍后再试`);
  }
  running.set(actor, inFlight + 1);
  try {
    return await keep({ target, report: await checker.check(target), startedAt });
  } finally {
    const left = (running.get(actor) ?? 1) - 1;
    if (left === 0) running.delete(actor);
    else running.set(actor, left);
  }
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
