import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { insertApplication, insertRevision, nextApplicationNumber, type ApplicationRow } from '../../db/repositories/applications.js';
import { findUnit } from '../../db/repositories/organisation.js';
import { normalisePayload, type ApplicationPayload } from '../../domain/applications/payload.js';
import { Forbidden, NotFound } from '../../domain/errors.js';
import { recordAudit } from '../audit/record.js';
import type { Ctx } from '../context.js';
import { checkForSubmission, formRulesOf, recordSubmissionCheck, submissionNote, type PendingSiteCheck } from '../sitecheck/submission.js';
import { presentApplication, type ApplicationView } from './present.js';
import { runTransition } from './run-transition.js';
import { verifyForm } from './verify-form.js';
import { workflowFor } from './workflow-context.js';

/** SHA-256 of the payload with sorted keys: what a printed form and its QR code refer to. */
export function contentHash(payload: unknown): string {
  const canonical = JSON.stringify(payload, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
  return createHash('sha256').update(canonical).digest('hex');
}

export function verifyHandler(ctx: Ctx): string {
  if (ctx.actor.role !== 'handler' || ctx.actor.unitId === null) throw new Forbidden('HANDLER_ONLY', '只有单位经办人可以填写申请');
  return ctx.actor.unitId;
}

/**
 * Submits a draft inside the caller's transaction, choosing its review chain from the region's
 * settings, and keeps the site check that was run for it (if any).
 */
export async function submitDraft(ctx: Ctx, tx: Db, app: ApplicationRow, expectedVersion: number, siteCheck: PendingSiteCheck | null = null) {
  const workflow = await workflowFor(ctx, tx, app.regionPath, app.type, app.unitType);
  const note = submissionNote(siteCheck);
  const done = await runTransition(ctx, tx, app, { event: 'submit', expectedVersion, changes: { chain: workflow.chain }, ...(note === undefined ? {} : { note }) });
  if (siteCheck !== null) await recordSubmissionCheck(tx, ctx, siteCheck, done.app);
  return done;
}

/**
 * The 经办人 fills in an application (点击申请, or 变更 / 注销 from 标识管理): a draft with
 * revision 1, submitted to the office at once when `submit` is set — after the site check of a
 * self-hosted website, which a failure blocks unless `siteCheckExplanation` explains it.
 * @throws HANDLER_ONLY, InvalidInput naming the field, NotOwnDomain / NotOwnWebsite,
 *   OpenApplicationExists, DeregistrationPending, DomainHasWebsite, WebsiteNotActive,
 *   SiteCheckFailed, TooManyRequests
 */
export async function createApplication(ctx: Ctx, input: { payload: ApplicationPayload; submit: boolean; siteCheckExplanation?: string | undefined }): Promise<ApplicationView> {
  const unitId = verifyHandler(ctx);
  let siteCheck: PendingSiteCheck | null = null;
  if (input.submit) {
    // The form's own rules first: a mistyped IP is reported at once, not after fetching the site.
    const unit = await findUnit(ctx.db, unitId);
    if (unit === undefined) throw new NotFound('单位');
    const { payload } = normalisePayload(input.payload, unit.type, formRulesOf(ctx));
    siteCheck = await checkForSubmission(ctx, { payload, unitId, explanation: input.siteCheckExplanation });
  }
  return ctx.db.transaction(async (tx) => {
    const form = await verifyForm(tx, unitId, input.payload, undefined, formRulesOf(ctx));
    const now = ctx.clock.now();
    const draft = await insertApplication(tx, {
      number: await nextApplicationNumber(tx, now),
      type: form.payload.type,
      status: 'draft',
      unitId,
      unitType: form.unit.type,
      regionPath: form.unit.regionPath,
      websiteId: form.websiteId,
      domainId: form.domainId,
      chain: [],
      payload: form.payload,
      createdBy: ctx.actor.id,
      createdAt: now,
      updatedAt: now,
    });
    await insertRevision(tx, {
      applicationId: draft.id,
      revision: 1,
      payload: form.payload,
      contentHash: contentHash(form.payload),
      warnings: form.warnings,
      createdBy: ctx.actor.id,
      createdAt: now,
    });
    await recordAudit(tx, ctx.clock, ctx.meta, {
      action: 'application_create',
      result: 'success',
      actor: { id: ctx.actor.id, username: ctx.actor.username },
      target: { type: 'application', id: draft.id },
      details: { number: draft.number, type: draft.type },
    });
    const app = input.submit ? (await submitDraft(ctx, tx, draft, draft.version, siteCheck)).app : draft;
    return presentApplication(ctx.actor, app, ctx.clock.now());
  });
}
