import { z } from 'zod';
import { addRecord, applyProposal, editRecord, listRecords, removeRecords, zoneHistory } from '../../app/dns/records.js';
import { recordTypes } from '../../domain/dns/types.js';
import { ctxOf } from '../auth.js';
import { uuidParam, type RouteDeps, type Router } from '../router.js';

const RecordBody = z.strictObject({
  host: z.string().trim().min(1).max(253),
  type: z.enum(recordTypes),
  value: z.string().trim().min(1).max(2048),
  ttl: z.number().int().min(0).max(2_147_483_647).optional(),
  priority: z.number().int().min(0).max(65535).optional(),
  redirectCode: z.union([z.literal(301), z.literal(302)]).optional(),
  keepPath: z.boolean().optional(),
});
const RecordParams = z.strictObject({ id: z.uuid(), recordId: z.uuid() });
const DeleteBody = z.strictObject({ ids: z.array(z.uuid()).min(1).max(200) });
const ProposalParams = z.strictObject({ id: z.uuid(), proposalId: z.uuid() });
const ApplyBody = z.strictObject({ record: RecordBody.optional() });
const tags = ['域名解析'];

/** 域名业务管理 → 域名解析. */
export function dnsRoutes(r: Router, { app }: RouteDeps): void {
  r.get('/api/domains/:id/records', { schema: { tags, summary: '域名解析：记录列表与待确认的解析变更', params: uuidParam } }, (req) => listRecords(ctxOf(app, req), req.params.id));
  r.post('/api/domains/:id/records', { schema: { tags, summary: '添加解析（URL转发 @ 自动生成 @ 与 www 两条记录）', params: uuidParam, body: RecordBody } }, async (req, reply) =>
    reply.code(201).send(await addRecord(ctxOf(app, req), req.params.id, req.body)),
  );
  r.put('/api/domains/:id/records/:recordId', { schema: { tags, summary: '修改解析', params: RecordParams, body: RecordBody } }, (req) =>
    editRecord(ctxOf(app, req), req.params.id, req.params.recordId, req.body),
  );
  r.post('/api/domains/:id/records/delete', { schema: { tags, summary: '删除解析（可多选）', params: uuidParam, body: DeleteBody } }, (req) =>
    removeRecords(ctxOf(app, req), req.params.id, req.body.ids),
  );
  r.post('/api/domains/:id/proposals/:proposalId/apply', { schema: { tags, summary: '确认变更后的解析（删除原解析，添加URL转发）', params: ProposalParams, body: ApplyBody } }, (req) =>
    applyProposal(ctxOf(app, req), req.params.id, req.params.proposalId, req.body.record),
  );
  r.get('/api/domains/:id/zone-history', { schema: { tags, summary: '解析变更历史（含区文件序列号）', params: uuidParam } }, (req) => zoneHistory(ctxOf(app, req), req.params.id));
}
