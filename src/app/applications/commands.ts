import type { Db } from '../../db/client.js';
import { loadApplication, type ApplicationRow } from '../../db/repositories/applications.js';
import type { ApplicationPayload } from '../../domain/applications/payload.js';
import { DomainError, NotFound } from '../../domain/errors.js';
import type { Ctx } from '../context.js';
import { checkForSubmission } from '../sitecheck/submission.js';
import { submitDraft } from './create-application.js';
import { presentApplication, type ApplicationView } from './present.js';
import { runTransition } from './run-transition.js';

/** Loads the application in the actor's scope and locks it; outside the scope it does not exist. */
export async function loadForUpdate(tx: Db, ctx: Ctx, id: string): Promise<ApplicationRow> {
  const app = await loadApplication(tx, ctx.actor, id, { forUpdate: true });
  if (app === undefined) throw new NotFound('申请');
  return app;
}

export interface Decision {
  id: string;
  version: number;
}
export interface ReturnDecision extends Decision {
  reasons: { field?: string | undefined; reason: string }[];
}

const view = (ctx: Ctx, app: ApplicationRow) => presentApplication(ctx.actor, app, ctx.clock.now());

/**
 * 提交: the 经办人 sends a draft to the first step of its review chain, after the site check of a
 * self-hosted website (run before the transaction; see `checkForSubmission`).
 */
export async function submitApplication(ctx: Ctx, input: Decision & { siteCheckExplanation?: string | undefined }): Promise<ApplicationView> {
  const current = await loadApplication(ctx.db, ctx.actor, input.id);
  if (current === undefined) throw new NotFound('申请');
  // Only a draft its 经办人 may submit is checked; anything else fails in the transition as before.
  const checked = ctx.actor.role === 'handler' && current.status === 'draft' && current.version === input.version;
  const siteCheck = checked
    ? await checkForSubmission(ctx, { payload: current.payload as ApplicationPayload, unitId: current.unitId, explanation: input.siteCheckExplanation, applicationId: current.id })
    : null;
  return ctx.db.transaction(async (tx) => view(ctx, (await submitDraft(ctx, tx, await loadForUpdate(tx, ctx, input.id), input.version, siteCheck)).app));
}

/** 撤回: the 经办人 takes back a draft, a returned application, or one the office has not decided. */
export const withdrawApplication = (ctx: Ctx, input: Decision): Promise<ApplicationView> =>
  ctx.db.transaction(async (tx) => {
    const app = await loadForUpdate(tx, ctx, input.id);
    return view(ctx, (await runTransition(ctx, tx, app, { event: 'withdraw', expectedVersion: input.version })).app);
  });

/**
 * 审核通过 by the reviewer of the current step. On the last step the approval's effects happen
 * in the same transaction. Two reviewers at once: the second gets STALE_VERSION (409).
 */
export const approveApplication = (ctx: Ctx, input: Decision): Promise<ApplicationView> =>
  ctx.db.transaction(async (tx) => {
    const app = await loadForUpdate(tx, ctx, input.id);
    const { app: next } = await runTransition(ctx, tx, app, { event: 'approve', expectedVersion: input.version, decision: { decision: 'approve', reasons: [] } });
    return view(ctx, next);
  });

/** 退回修改 with reasons, each optionally tied to a field of the form. */
export const returnApplication = (ctx: Ctx, input: ReturnDecision): Promise<ApplicationView> =>
  ctx.db.transaction(async (tx) => {
    const app = await loadForUpdate(tx, ctx, input.id);
    const reasons = input.reasons.map((r) => ({ ...(r.field === undefined || r.field === '' ? {} : { field: r.field }), reason: r.reason.trim() })).filter((r) => r.reason !== '');
    const { app: next } = await runTransition(ctx, tx, app, { event: 'return', expectedVersion: input.version, facts: { reasons }, note: { reasons }, decision: { decision: 'return', reasons } });
    return view(ctx, next);
  });

/** 批量审核通过: each item decided in its own transaction, with a result per item. */
export async function batchApprove(ctx: Ctx, items: Decision[]) {
  const results = [];
  for (const item of items) {
    // Give way between items: on the embedded database a query never leaves the event loop, so
    // a long batch would otherwise hold every other request (and the DNS primary) until it ends.
    if (results.length > 0) await new Promise((resolve) => setImmediate(resolve));
    try {
      const app = await approveApplication(ctx, item);
      results.push({ id: item.id, ok: true as const, application: app });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      results.push({ id: item.id, ok: false as const, error: { code: e.code, message: e.message } });
    }
  }
  return { results, approved: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length };
}
