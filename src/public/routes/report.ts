import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { reportCategories, submitReport } from '../../app/public/reports.js';
import { DomainError } from '../../domain/errors.js';
import { badgeEntry, type Edge } from '../edge.js';
import { sendHtml } from '../respond.js';
import { reportPage, type ReportForm } from '../views/report-page.js';

const categories = Object.keys(reportCategories) as [keyof typeof reportCategories, ...(keyof typeof reportCategories)[]];
const body = z.object({
  badgeId: z.string().max(32).optional(),
  target: z.string().max(253).default(''),
  category: z.enum(categories).catch('other'),
  description: z.string().max(2000),
  contact: z.string().max(100).optional(),
});

/** 举报: a plain HTML form (urlencoded POST), rate-limited per client address. */
export function reportRoutes(f: FastifyInstance, edge: Edge): void {
  const about = async (badgeId: string | undefined): Promise<string | undefined> => {
    if (badgeId === undefined || !/^[0-9A-Fa-f]{32}$/.test(badgeId)) return undefined;
    const site = (await badgeEntry(edge, badgeId.toUpperCase())).site;
    return site === null ? undefined : `${site.websiteName}（${site.domainName}，标识编号 ${site.badgeNumber}）`;
  };

  f.get<{ Querystring: Record<string, string> }>('/report', async (req, reply) => {
    const id = typeof req.query?.['id'] === 'string' ? req.query['id'] : undefined;
    const a = await about(id);
    return sendHtml(reply, 200, reportPage({ badgeId: a === undefined ? undefined : id, about: a }, edge.publicHost));
  });

  f.post('/report', { bodyLimit: 16 * 1024 }, async (req, reply) => {
    const raw = (req.body ?? {}) as Record<string, string>;
    const form: ReportForm = { badgeId: raw['badgeId'], target: raw['target'], category: raw['category'], description: raw['description'], contact: raw['contact'] };
    form.about = await about(form.badgeId);
    const parsed = body.safeParse(raw);
    if (!parsed.success) return sendHtml(reply, 400, reportPage(form, edge.publicHost, { ok: false, text: '请填写举报内容（不超过2000字），被举报对象不超过253字，联系方式不超过100字。' }));
    try {
      const b = parsed.data;
      await submitReport(edge.app, { badgeId: b.badgeId, target: b.target, category: b.category, description: b.description, contact: b.contact }, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null }, edge.reportLimit);
    } catch (err) {
      if (err instanceof DomainError) return sendHtml(reply, err.status, reportPage(form, edge.publicHost, { ok: false, text: err.message }));
      throw err;
    }
    return sendHtml(reply, 200, reportPage({}, edge.publicHost, { ok: true, text: '举报已提交，感谢您的监督。网上名称注册管理中心将核实处理。' }));
  });
}
