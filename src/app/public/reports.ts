import type { AppContext, Ctx } from '../context.js';
import { insertReportWithinLimit, listReports, websiteIdByBadgeId } from '../../db/repositories/public-reports.js';
import { Forbidden, InvalidInput, DomainError } from '../../domain/errors.js';

export const reportCategories = {
  counterfeit: '冒用网站标识',
  false_info: '登记信息不实',
  unreachable: '网站无法访问',
  harmful: '网站内容违法或有害',
  other: '其他',
} as const;
export type ReportCategory = keyof typeof reportCategories;

export interface ReportInput {
  /** The badge the visitor came from (its verification page), if any. */
  badgeId?: string | undefined;
  target: string;
  category: ReportCategory;
  description: string;
  contact?: string | undefined;
}

export interface ReportLimit {
  max: number;
  windowMs: number;
}

export const defaultReportLimit: ReportLimit = { max: 5, windowMs: 60 * 60_000 };

export class TooManyReports extends DomainError {
  readonly code = 'REPORT_RATE_LIMITED';
  readonly status = 429;
  constructor(minutes: number) {
    super(`举报提交过于频繁，请${minutes}分钟后再试`);
  }
}

/**
 * 举报: a visitor reports a website. At most `limit.max` reports per address in `limit.windowMs`,
 * counted in the database so every edge process shares the limit; the count and the insert are
 * one atomic step per address, so concurrent reports cannot exceed it.
 * @throws TooManyReports  the address reached its limit (429)
 * @throws InvalidInput    nothing to report, or a description too short
 */
export async function submitReport(app: AppContext, input: ReportInput, meta: { ip: string; userAgent: string | null }, limit: ReportLimit = defaultReportLimit): Promise<void> {
  const now = app.clock.now();
  const target = input.target.trim();
  const description = input.description.trim();
  const website = input.badgeId !== undefined && /^[0-9A-Fa-f]{32}$/.test(input.badgeId) ? await websiteIdByBadgeId(app.db, input.badgeId.toUpperCase()) : undefined;
  if (target === '' && website === undefined) throw new InvalidInput('REPORT_TARGET_REQUIRED', '请填写被举报的网站名称或域名', 'target');
  if ([...description].length < 5) throw new InvalidInput('REPORT_DESCRIPTION_TOO_SHORT', '请填写举报内容（至少5个字）', 'description');
  // Counted and inserted atomically (an advisory lock per address): a burst cannot pass the limit.
  const accepted = await insertReportWithinLimit(
    app.db,
    {
      websiteId: website?.id ?? null,
      target: target === '' ? `${website?.name ?? ''} ${website?.domain ?? ''}`.trim().slice(0, 253) : target,
      category: input.category,
      description,
      contact: input.contact?.trim() === '' ? null : (input.contact?.trim() ?? null),
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 256) ?? null,
      createdAt: now,
    },
    new Date(now.getTime() - limit.windowMs),
    limit.max,
  );
  if (!accepted) throw new TooManyReports(Math.ceil(limit.windowMs / 60_000));
  app.log.info({ ip: meta.ip, category: input.category, websiteId: website?.id ?? null }, 'public report received');
}

/** The reports for the centre, newest first. */
export async function listPublicReports(ctx: Ctx, page: number, pageSize: number) {
  if (ctx.actor.role !== 'center_reviewer') throw new Forbidden('CENTER_ONLY', '只有中心审核员可以查看公众举报');
  const { rows, total } = await listReports(ctx.db, (page - 1) * pageSize, pageSize);
  return {
    total,
    items: rows.map((r) => ({
      id: r.report.id,
      createdAt: r.report.createdAt.toISOString(),
      target: r.report.target,
      category: r.report.category,
      categoryLabel: reportCategories[r.report.category as ReportCategory] ?? r.report.category,
      description: r.report.description,
      contact: r.report.contact,
      ip: r.report.ip,
      website: r.websiteName === null ? null : { name: r.websiteName, badgeNumber: r.badgeNumber, unitName: r.unitName, domainName: r.domainName },
    })),
  };
}
