/**
 * The check at submission (提交, and 重新上报 of a returned application). It runs before the
 * submission's transaction — a site may take 15 s to answer, and no row should stay locked that
 * long — and its result is written inside it, against the revision that was checked.
 */
import type { Db } from '../../db/client.js';
import { findOwnWebsite } from '../../db/repositories/websites.js';
import type { ApplicationPayload, FormRuleOptions } from '../../domain/applications/payload.js';
import { explanationFor, sameTarget, SiteCheckFailed, SiteCheckOutdated, siteCheckTargetOf } from '../../domain/sitecheck/rules.js';
import type { AppContext, Ctx } from '../context.js';
import { runCheckFor, saveCheck, type RanCheck } from './run-check.js';

/**
 * The form's IP rule admits the addresses the checker may connect to (SITECHECK_ALLOW_ADDRESSES,
 * empty in production) — so a site the checker may reach can be declared and pass at submission —
 * and nothing else; a process without a checker admits public addresses only.
 */
export const formRulesOf = (app: AppContext): FormRuleOptions => (app.siteChecker === undefined ? {} : { allowedAddresses: app.siteChecker.allow });

export interface PendingSiteCheck extends RanCheck {
  explanation: string | null;
}

/**
 * Checks the (normalised) form about to be submitted. Null when it has no self-hosted website
 * or the process has no checker. A failing check without the 经办人's explanation is kept as
 * evidence of the attempt and refuses the submission.
 * @throws SiteCheckFailed (422, the report in `details`), TooManyRequests
 */
export async function checkForSubmission(
  ctx: Ctx,
  { payload, unitId, explanation, applicationId = null }: { payload: ApplicationPayload; unitId: string; explanation: string | null | undefined; applicationId?: string | null },
): Promise<PendingSiteCheck | null> {
  const checker = ctx.siteChecker;
  if (checker === undefined || payload.type === 'deregister') return null;
  const website = payload.type === 'new_site' ? undefined : await findOwnWebsite(ctx.db, unitId, payload.websiteId);
  // Not the unit's website: the form's own rules refuse it next; nothing is fetched for it.
  if (payload.type !== 'new_site' && website === undefined) return null;
  const target = siteCheckTargetOf(payload, website?.status === 'active' ? website.badgePublicId : null);
  if (target === null) return null;
  const ran = await runCheckFor(ctx, checker, target, async (checked) => checked);
  try {
    return { ...ran, explanation: explanationFor(ran.report, explanation) };
  } catch (err) {
    if (err instanceof SiteCheckFailed) await saveCheck(ctx.db, ran, { trigger: 'submission', unitId, applicationId, websiteId: website?.id ?? null, requestedBy: ctx.actor.id });
    throw err;
  }
}

/**
 * Keeps the check with the submitted application, in the submission's transaction.
 * @throws SiteCheckOutdated when the form was changed since it was checked
 */
export async function recordSubmissionCheck(tx: Db, ctx: Ctx, pending: PendingSiteCheck, app: { id: string; revision: number; unitId: string; websiteId: string | null; payload: unknown }): Promise<void> {
  const now = siteCheckTargetOf(app.payload as ApplicationPayload);
  if (now === null || !sameTarget(now, pending.target)) throw new SiteCheckOutdated();
  await saveCheck(tx, pending, {
    trigger: 'submission',
    unitId: app.unitId,
    applicationId: app.id,
    revision: app.revision,
    websiteId: app.websiteId,
    requestedBy: ctx.actor.id,
    explanation: pending.explanation,
  });
}

/** What the history row and audit event say about the check. */
export const submissionNote = (pending: PendingSiteCheck | null): Record<string, unknown> | undefined =>
  pending === null ? undefined : { siteCheck: pending.report.outcome, ...(pending.explanation === null ? {} : { siteCheckExplained: true }) };
