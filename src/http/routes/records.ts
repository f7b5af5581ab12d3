import { z } from 'zod';
import { verifyAuditChain } from '../../app/audit/chain.js';
import { listAuditEvents } from '../../app/audit/list-audit-events.js';
import { exportAuditEvents } from '../../app/audit/export-audit-events.js';
import { markRead, readInbox } from '../../app/inbox/inbox.js';
import { badgeCode, getDomain, getWebsite, listDomains, listWebsites } from '../../app/names/names.js';
import { listAllRegions } from '../../app/users/list-users.js';
import { ctxOf } from '../auth.js';
import { pageQuery, uuidParam, type RouteDeps, type Router } from '../router.js';

const AuditQuery = z.strictObject({
  action: z.string().trim().max(64).optional(),
  actor: z.string().trim().max(64).optional(),
  target: z.string().trim().max(64).optional(),
  result: z.enum(['success', 'failure']).optional(),
  from: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional(),
  to: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional(),
  ...pageQuery,
});

/** Read-mostly routes: names in scope, the inbox, regions, the audit log. */
export function recordRoutes(r: Router, { app, publicHost }: RouteDeps): void {
  r.get('/api/domains', { schema: { tags: ['网上名称管理'], summary: '域名业务管理：域名列表' } }, (req) =>
    listDomains(ctxOf(app, req)),
  );
  r.get('/api/domains/:id', { schema: { tags: ['网上名称管理'], summary: '域名详情', params: uuidParam } }, (req) =>
    getDomain(ctxOf(app, req), req.params.id),
  );
  r.get('/api/websites', { schema: { tags: ['网上名称管理'], summary: '标识管理：网站列表' } }, (req) =>
    listWebsites(ctxOf(app, req)),
  );
  r.get('/api/websites/:id', { schema: { tags: ['网上名称管理'], summary: '网站详情', params: uuidParam } }, (req) =>
    getWebsite(ctxOf(app, req), req.params.id),
  );
  r.get('/api/websites/:id/badge-code', { schema: { tags: ['网上名称管理'], summary: '标识代码', params: uuidParam } }, (req) =>
    badgeCode(ctxOf(app, req), req.params.id, publicHost),
  );
  r.get('/api/inbox', { schema: { tags: ['消息'], summary: '站内消息' } }, (req) => readInbox(ctxOf(app, req)));
  r.post('/api/inbox/:id/read', { schema: { tags: ['消息'], summary: '标记已读', params: uuidParam } }, async (req, reply) => {
    await markRead(ctxOf(app, req), req.params.id);
    return reply.code(204).send();
  });
  r.get('/api/regions', { schema: { tags: ['区域'], summary: '行政区划' } }, (req) => listAllRegions(ctxOf(app, req)));
  r.get('/api/audit-events.csv', { schema: { tags: ['审计日志'], summary: '导出审计日志（CSV）', querystring: AuditQuery } }, async (req, reply) => {
    const { page: _page, pageSize: _size, ...filter } = req.query;
    const csv = await exportAuditEvents(ctxOf(app, req), filter);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="audit-events.csv"').header('cache-control', 'no-store').send(csv);
  });
  r.get('/api/audit-events', { schema: { tags: ['审计日志'], summary: '审计日志', querystring: AuditQuery } }, (req) =>
    listAuditEvents(ctxOf(app, req), req.query),
  );
  r.get('/api/audit-events/verify', { schema: { tags: ['审计日志'], summary: '校验审计日志完整性（SM3 哈希链）' } }, (req) =>
    verifyAuditChain(ctxOf(app, req)),
  );
}
