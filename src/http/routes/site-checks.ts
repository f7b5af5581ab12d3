import { z } from 'zod';
import { listApplicationChecks } from '../../app/sitecheck/application-checks.js';
import { checkSiteNow } from '../../app/sitecheck/check-now.js';
import { listFailingSites } from '../../app/sitecheck/failing-sites.js';
import { recheckApplication } from '../../app/sitecheck/recheck-application.js';
import { listWebsitePatrolChecks } from '../../app/sitecheck/website-checks.js';
import { ctxOf } from '../auth.js';
import { uuidParam, type RouteDeps, type Router } from '../router.js';

const CheckBody = z.strictObject({
  englishDomain: z.string().trim().min(1).max(253),
  ipAddresses: z.array(z.string().trim().min(1).max(45)).min(1).max(4),
  websiteName: z.string().trim().min(1).max(64),
  websiteId: z.uuid().optional(),
});
const FailingQuery = z.strictObject({ regionCode: z.string().regex(/^\d{6}$/).optional() });

const tags = ['网站核验'];

export function siteCheckRoutes(r: Router, { app }: RouteDeps): void {
  r.post('/api/site-checks', { schema: { tags, summary: '检测：提交前核验英文域名、IP地址与网站名称（经办人）', body: CheckBody } }, (req) => checkSiteNow(ctxOf(app, req), req.body));
  r.get('/api/applications/:id/site-checks', { schema: { tags, summary: '申请的网站核验记录（提交时检测、复查）', params: uuidParam } }, (req) => listApplicationChecks(ctxOf(app, req), req.params.id));
  r.post('/api/applications/:id/site-checks', { schema: { tags, summary: '复查：审核人员重新核验申请中的网站', params: uuidParam } }, (req) => recheckApplication(ctxOf(app, req), req.params.id));
  r.get('/api/websites/:id/site-checks', { schema: { tags, summary: '网站的巡检记录', params: uuidParam } }, (req) => listWebsitePatrolChecks(ctxOf(app, req), req.params.id));
  r.get('/api/site-patrol/failing', { schema: { tags, summary: '网站巡检：最近一次巡检未通过的网站（按区域）', querystring: FailingQuery } }, (req) => listFailingSites(ctxOf(app, req), req.query));
}
