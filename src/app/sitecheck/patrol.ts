import { insertSiteCheck, claimDuePatrols, insertPatrols, lockPatrolClaim, unitHandlers, updatePatrol, websitesWithoutPatrol } from '../../db/repositories/site-checks.js';
import { enqueueNotifications } from '../../db/repositories/notifications.js';
import { officeReviewersFor } from '../../db/repositories/workflow-settings.js';
import { nextStreak, slotOf } from '../../domain/sitecheck/patrol.js';
import type { SiteCheckReport } from '../../domain/sitecheck/types.js';
import type { AppContext } from '../context.js';
import { composeMessage, type Recipient } from '../notifications/compose.js';

export interface PatrolPolicy {
  /** Each website is checked once per interval. */
  intervalMs: number;
  /** Failing patrol checks in a row before the 经办人 and the office are told. */
  failuresToNotify: number;
  /** Sites checked at once by this process. */
  concurrency: number;
  /** Sites claimed per round. */
  batch: number;
  /** A claimed site whose result is not recorded within this is claimed again (its worker died). */
  leaseMs: number;
}

type Claimed = Awaited<ReturnType<typeof claimDuePatrols>>[number];

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

const shanghai = (d: Date) => d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/**
 * Records one patrol result with its consequences, in one transaction: the check row, the
 * schedule and failure run, and — when the run reaches the threshold — the messages to the
 * unit's 经办人 and its office. A result whose claim was superseded (its lease ran out and
 * another worker took the site) is dropped.
 */
async function recordResult(app: AppContext, c: Claimed, report: SiteCheckReport, checkedAt: Date, policy: PatrolPolicy): Promise<void> {
  await app.db.transaction(async (tx) => {
    const patrol = await lockPatrolClaim(tx, c.website.id, c.patrol.claims);
    if (patrol === undefined) return;
    const row = await insertSiteCheck(tx, {
      trigger: 'patrol',
      unitId: c.website.unitId,
      websiteId: c.website.id,
      englishDomain: report.target.englishDomain,
      ipAddresses: report.target.ipAddresses,
      websiteName: report.target.websiteName,
      outcome: report.outcome,
      findings: report.findings,
      report,
      startedAt: checkedAt,
      durationMs: report.durationMs,
    });
    const streak = nextStreak(patrol, report.outcome, checkedAt, policy.failuresToNotify);
    await updatePatrol(tx, c.website.id, {
      nextCheckAt: new Date(checkedAt.getTime() + policy.intervalMs),
      consecutiveFailures: streak.consecutiveFailures,
      failingSince: streak.failingSince,
      notifiedAt: streak.notifiedAt,
      lastCheckId: row.id,
      lastCheckedAt: checkedAt,
      lastOutcome: report.outcome,
    });
    if (!streak.notify || streak.failingSince === null) return;
    const office = await officeReviewersFor(tx, c.regionPath);
    const recipients: Recipient[] = [...(await unitHandlers(tx, c.website.unitId)), ...office.reviewers];
    const params = {
      unitName: c.unitName,
      websiteName: c.website.name,
      englishDomain: report.target.englishDomain,
      count: String(streak.consecutiveFailures),
      since: shanghai(streak.failingSince),
      problems: report.findings.filter((f) => f.severity === 'fail').map((f) => `· ${f.message}`).join('\n'),
    };
    const run = `site-patrol:${c.website.id}:${streak.failingSince.toISOString()}`;
    for (const to of recipients) {
      await enqueueNotifications(tx, composeMessage('site_patrol_failing', to, params, ['sms', 'email'], `${run}:${to.id}`, checkedAt));
    }
  });
}

/**
 * One round of the patrol (巡检): enrols active self-hosted websites it has not seen (each at
 * its slot in the interval), claims the due ones, checks them a few at a time and records each
 * result. Returns how many were checked. Several processes may run rounds against one database.
 */
export async function runPatrolRound(app: AppContext, policy: PatrolPolicy): Promise<number> {
  const checker = app.siteChecker;
  if (checker === undefined || policy.intervalMs <= 0) return 0;
  const now = app.clock.now();
  const fresh = await websitesWithoutPatrol(app.db, 1000);
  await insertPatrols(app.db, fresh.map((w) => ({ websiteId: w.id, nextCheckAt: new Date(now.getTime() + slotOf(w.id, policy.intervalMs)) })));
  const claimed = await claimDuePatrols(app.db, now, policy.batch, policy.leaseMs);
  await inParallel(claimed, policy.concurrency, async (c) => {
    const w = c.website;
    const checkedAt = app.clock.now();
    const target = { englishDomain: w.englishDomain ?? '', ipAddresses: w.ipAddresses, websiteName: w.name, badgePublicId: w.badgePublicId };
    try {
      await recordResult(app, c, await checker.check(target), checkedAt, policy);
    } catch (err) {
      // The site comes back when its lease runs out; the other sites of the round go on.
      app.log.warn({ err: String(err), websiteId: w.id }, 'patrol check not recorded');
    }
  });
  return claimed.length;
}
