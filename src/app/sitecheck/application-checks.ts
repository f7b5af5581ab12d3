import { loadApplication } from '../../db/repositories/applications.js';
import { checksOfApplication } from '../../db/repositories/site-checks.js';
import { NotFound } from '../../domain/errors.js';
import type { Ctx } from '../context.js';
import { presentSiteCheck } from './present.js';

/**
 * The site checks of an application, newest first: at submission (with the 经办人's explanation
 * of a failure), blocked attempts, and reviewers' re-checks — the evidence beside the form.
 * @throws NotFound outside the actor's scope
 */
export async function listApplicationChecks(ctx: Ctx, id: string) {
  const app = await loadApplication(ctx.db, ctx.actor, id);
  if (app === undefined) throw new NotFound('申请');
  const rows = await checksOfApplication(ctx.db, app.id, 50);
  return { items: rows.map((r) => presentSiteCheck(r.check, r.requesterName)), currentRevision: app.revision };
}
