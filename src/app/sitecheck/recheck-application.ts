import { loadApplication } from '../../db/repositories/applications.js';
import type { ApplicationPayload } from '../../domain/applications/payload.js';
import { Forbidden, InvalidInput, NotFound } from '../../domain/errors.js';
import { SiteCheckUnavailable, siteCheckTargetOf } from '../../domain/sitecheck/rules.js';
import { findWebsiteInScope } from '../../db/repositories/names.js';
import { businessScope } from '../../domain/access/scope.js';
import { recordAudit } from '../audit/record.js';
import type { Ctx } from '../context.js';
import { presentSiteCheck, type SiteCheckView } from './present.js';
import { runCheckFor, saveCheck } from './run-check.js';

/**
 * 复查: a reviewer checks the application's current form again (the site may have been fixed,
 * or broken, since submission); the result joins the application's evidence.
 * @throws NotFound outside scope, Forbidden for other roles, NOTHING_TO_CHECK (not a 自建网站), TooManyRequests
 */
export async function recheckApplication(ctx: Ctx, id: string): Promise<SiteCheckView> {
  if (ctx.actor.role !== 'office_reviewer' && ctx.actor.role !== 'center_reviewer') throw new Forbidden('REVIEWER_ONLY', '只有审核人员可以复查');
  const app = await loadApplication(ctx.db, ctx.actor, id);
  if (app === undefined) throw new NotFound('申请');
  if (ctx.siteChecker === undefined) throw new SiteCheckUnavailable();
  const payload = app.payload as ApplicationPayload;
  const website = app.websiteId === null ? undefined : await findWebsiteInScope(ctx.db, businessScope(ctx.actor), app.websiteId);
  const target = siteCheckTargetOf(payload, website?.website.status === 'active' ? website.website.badgePublicId : null);
  if (target === null) throw new InvalidInput('NOTHING_TO_CHECK', '该申请不是自建网站，无需核验');
  return runCheckFor(ctx, ctx.siteChecker, target, (ran) => ctx.db.transaction(async (tx) => {
    const row = await saveCheck(tx, ran, { trigger: 'review', unitId: app.unitId, applicationId: app.id, revision: app.revision, websiteId: app.websiteId, requestedBy: ctx.actor.id });
    await recordAudit(tx, ctx.clock, ctx.meta, {
      action: 'site_check',
      result: 'success',
      actor: { id: ctx.actor.id, username: ctx.actor.username },
      target: { type: 'application', id: app.id },
      details: { trigger: 'review', number: app.number, englishDomain: row.englishDomain, outcome: row.outcome },
    });
    return presentSiteCheck(row, ctx.actor.username);
  }));
}
