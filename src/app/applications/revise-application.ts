import { insertRevision, loadApplication, saveApplicationIfVersion } from '../../db/repositories/applications.js';
import { ApplicationStale, NotEditable, TypeMismatch } from '../../domain/applications/errors.js';
import { normalisePayload, type ApplicationPayload } from '../../domain/applications/payload.js';
import { SiteCheckOutdated, siteCheckTargetOf } from '../../domain/sitecheck/rules.js';
import { recordAudit } from '../audit/record.js';
import type { Ctx } from '../context.js';
import { checkForSubmission, formRulesOf, recordSubmissionCheck, submissionNote } from '../sitecheck/submission.js';
import { loadForUpdate } from './commands.js';
import { contentHash, verifyHandler } from './create-application.js';
import { presentApplication, type ApplicationView } from './present.js';
import { runTransition } from './run-transition.js';
import { verifyForm } from './verify-form.js';

export interface ReviseInput {
  id: string;
  version: number;
  payload: ApplicationPayload;
  /** For a returned application (resubmitted at once): explains a failing site check. */
  siteCheckExplanation?: string | undefined;
}

/**
 * The 经办人 changes the form: a draft is saved as a new revision; a returned application is
 * saved as a new revision and resubmitted at once (修改申请 → 重新上报), restarting its review.
 * @throws NotEditable (neither draft nor returned), TypeMismatch, ApplicationStale, the form's errors
 */
export async function reviseApplication(ctx: Ctx, input: ReviseInput): Promise<ApplicationView> {
  const unitId = verifyHandler(ctx);
  // 重新上报 is a submission: the new form is checked first, outside the transaction.
  const current = await loadApplication(ctx.db, ctx.actor, input.id);
  const resubmitting = current !== undefined && current.status === 'returned' && current.version === input.version && input.payload.type === current.type;
  const siteCheck = resubmitting
    ? await checkForSubmission(ctx, { payload: normalisePayload(input.payload, current.unitType, formRulesOf(ctx)).payload, unitId, explanation: input.siteCheckExplanation, applicationId: current.id })
    : null;
  return ctx.db.transaction(async (tx) => {
    const app = await loadForUpdate(tx, ctx, input.id);
    if (app.status !== 'draft' && app.status !== 'returned') throw new NotEditable();
    if (input.payload.type !== app.type) throw new TypeMismatch();
    if (app.version !== input.version) throw new ApplicationStale();
    const form = await verifyForm(tx, unitId, input.payload, app.id, formRulesOf(ctx));
    const now = ctx.clock.now();
    const revision = app.revision + 1;
    await insertRevision(tx, {
      applicationId: app.id,
      revision,
      payload: form.payload,
      contentHash: contentHash(form.payload),
      warnings: form.warnings,
      createdBy: ctx.actor.id,
      createdAt: now,
    });
    const changes = { revision, payload: form.payload, websiteId: form.websiteId, domainId: form.domainId };
    await recordAudit(tx, ctx.clock, ctx.meta, {
      action: 'application_update',
      result: 'success',
      actor: { id: ctx.actor.id, username: ctx.actor.username },
      target: { type: 'application', id: app.id },
      details: { number: app.number, revision },
    });
    if (app.status === 'returned') {
      if (!resubmitting && ctx.siteChecker !== undefined && siteCheckTargetOf(form.payload) !== null) throw new SiteCheckOutdated();
      const { app: next } = await runTransition(ctx, tx, app, { event: 'resubmit', expectedVersion: input.version, changes, note: { revision, ...submissionNote(siteCheck) } });
      if (siteCheck !== null) await recordSubmissionCheck(tx, ctx, siteCheck, next);
      return presentApplication(ctx.actor, next, now);
    }
    if (!(await saveApplicationIfVersion(tx, app.id, app.version, { ...changes, updatedAt: now }))) throw new ApplicationStale();
    return presentApplication(ctx.actor, { ...app, ...changes, version: app.version + 1, updatedAt: now }, now);
  });
}
