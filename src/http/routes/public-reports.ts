import { z } from 'zod';
import { listPublicReports } from '../../app/public/reports.js';
import { ctxOf } from '../auth.js';
import { pageQuery, type RouteDeps, type Router } from '../router.js';

/** 公众举报: the reports visitors filed on the public edge, for the centre. */
export function publicReportRoutes(r: Router, { app }: RouteDeps): void {
  r.get('/api/public-reports', { schema: { tags: ['公众举报'], summary: '公众举报列表（中心审核员）', querystring: z.strictObject(pageQuery) } }, (req) =>
    listPublicReports(ctxOf(app, req), req.query.page, req.query.pageSize),
  );
}
