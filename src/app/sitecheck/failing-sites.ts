import { findRegion } from '../../db/repositories/organisation.js';
import { failingSites, patrolledByRegion } from '../../db/repositories/site-checks.js';
import { businessScope } from '../../domain/access/scope.js';
import { Forbidden, InvalidInput } from '../../domain/errors.js';
import type { Ctx } from '../context.js';

/**
 * 网站巡检: the self-hosted websites whose latest patrol check failed, by region — for the centre
 * (everything) and the offices (their subtree) — with each region's count beside its total.
 * @throws Forbidden for roles without business scope over regions, REGION_UNKNOWN
 */
export async function listFailingSites(ctx: Ctx, f: { regionCode?: string | undefined }) {
  if (ctx.actor.role !== 'center_reviewer' && ctx.actor.role !== 'office_reviewer') throw new Forbidden('REVIEWER_ONLY', '只有审核人员可以查看网站巡检');
  const scope = businessScope(ctx.actor);
  const region = f.regionCode === undefined ? undefined : await findRegion(ctx.db, f.regionCode);
  if (f.regionCode !== undefined && region === undefined) throw new InvalidInput('REGION_UNKNOWN', '区域不存在', 'regionCode');
  const [rows, totals] = await Promise.all([failingSites(ctx.db, scope, { regionPath: region?.path, limit: 1000 }), patrolledByRegion(ctx.db, scope, region?.path)]);
  const failingBy = new Map<string, number>();
  for (const r of rows) failingBy.set(r.unit.regionCode, (failingBy.get(r.unit.regionCode) ?? 0) + 1);
  return {
    regions: totals.map((t) => ({ code: t.regionCode, name: t.regionName, path: t.regionPath, patrolled: t.total, failing: failingBy.get(t.regionCode) ?? 0 })),
    items: rows.map((r) => ({
      websiteId: r.website.id,
      websiteName: r.website.name,
      englishDomain: r.website.englishDomain,
      ipAddresses: r.website.ipAddresses,
      badgeNumber: r.website.badgeNumber,
      unitId: r.unit.id,
      unitName: r.unit.name,
      regionCode: r.unit.regionCode,
      regionName: r.regionName,
      consecutiveFailures: r.patrol.consecutiveFailures,
      failingSince: r.patrol.failingSince?.toISOString() ?? null,
      lastCheckedAt: r.patrol.lastCheckedAt?.toISOString() ?? null,
      notified: r.patrol.notifiedAt !== null,
      problems: (r.findings ?? []).filter((x) => x.severity === 'fail').map((x) => x.message),
    })),
  };
}
