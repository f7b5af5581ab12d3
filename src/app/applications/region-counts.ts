import { countsPerRegion } from '../../db/repositories/application-counts.js';
import { findRegion } from '../../db/repositories/organisation.js';
import { inRegion } from '../../domain/access/actor.js';
import { Forbidden, InvalidInput } from '../../domain/errors.js';
import { applicationStatuses, type ApplicationStatus } from '../../domain/types.js';
import type { Ctx } from '../context.js';

/**
 * 审核统计: counts per status for each region one level below `regionCode` (the centre: the
 * provinces; an office: the regions under its own), with the region's own applications as 本级.
 * @throws Forbidden     not a reviewer
 * @throws InvalidInput  REGION_UNKNOWN, or a region outside the office's own (REGION_OUT_OF_SCOPE)
 */
export async function regionCounts(ctx: Ctx, regionCode: string | undefined) {
  const a = ctx.actor;
  if (a.role !== 'office_reviewer' && a.role !== 'center_reviewer') throw new Forbidden();
  let under: { code: string; name: string; path: string } | undefined;
  if (regionCode !== undefined) {
    under = await findRegion(ctx.db, regionCode);
    if (under === undefined) throw new InvalidInput('REGION_UNKNOWN', '区域不存在', 'regionCode');
    if (a.role === 'office_reviewer' && (a.regionPath === null || !inRegion(a.regionPath, under.path))) throw new InvalidInput('REGION_OUT_OF_SCOPE', '只能统计本区域及下级区域', 'regionCode');
  } else if (a.role === 'office_reviewer' && a.regionCode !== null) {
    under = await findRegion(ctx.db, a.regionCode);
  }
  const { rows, names } = await countsPerRegion(ctx.db, a, under?.path);
  const byCode = new Map<string, Partial<Record<ApplicationStatus, number>>>();
  for (const r of rows) {
    const counts = byCode.get(r.code) ?? {};
    counts[r.status] = (counts[r.status] ?? 0) + r.n;
    byCode.set(r.code, counts);
  }
  const total: Partial<Record<ApplicationStatus, number>> = {};
  for (const r of rows) total[r.status] = (total[r.status] ?? 0) + r.n;
  const regions = [...byCode.entries()]
    .map(([code, counts]) => ({
      regionCode: code === '' ? (under?.code ?? null) : code,
      regionName: code === '' ? `${under?.name ?? ''}（本级）` : (names.get(code) ?? code),
      own: code === '',
      counts,
      total: applicationStatuses.reduce((s, st) => s + (counts[st] ?? 0), 0),
    }))
    .sort((x, y) => Number(y.own) - Number(x.own) || (x.regionCode ?? '').localeCompare(y.regionCode ?? ''));
  return { region: under === undefined ? null : { code: under.code, name: under.name }, regions, total };
}
