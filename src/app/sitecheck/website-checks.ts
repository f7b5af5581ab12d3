import { findWebsiteInScope } from '../../db/repositories/names.js';
import { patrolChecksOfWebsite } from '../../db/repositories/site-checks.js';
import { businessScope } from '../../domain/access/scope.js';
import { NotFound } from '../../domain/errors.js';
import type { Ctx } from '../context.js';
import { presentSiteCheck } from './present.js';

/** A website's patrol history (巡检记录), newest first. @throws NotFound outside the actor's scope */
export async function listWebsitePatrolChecks(ctx: Ctx, websiteId: string) {
  const found = await findWebsiteInScope(ctx.db, businessScope(ctx.actor), websiteId);
  if (found === undefined) throw new NotFound('网站');
  const rows = await patrolChecksOfWebsite(ctx.db, websiteId, 60);
  return { website: { id: found.website.id, name: found.website.name, englishDomain: found.website.englishDomain }, items: rows.map((r) => presentSiteCheck(r.check)) };
}
