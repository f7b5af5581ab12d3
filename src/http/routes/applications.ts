import { z } from 'zod';
import { approveApplication, batchApprove, returnApplication, submitApplication, withdrawApplication } from '../../app/applications/commands.js';
import { createApplication } from '../../app/applications/create-application.js';
import { decidePaperItem } from '../../app/applications/paper.js';
import { getApplication, listMyApplications, parseCursor, reviewQueue } from '../../app/applications/queries.js';
import { regionCounts } from '../../app/applications/region-counts.js';
import { reviseApplication } from '../../app/applications/revise-application.js';
import { findRegion } from '../../db/repositories/organisation.js';
import { ApplicationPayload } from '../../domain/applications/payload.js';
import { InvalidInput } from '../../domain/errors.js';
import { applicationStatuses, applicationTypes, unitTypes } from '../../domain/types.js';
import { ctxOf } from '../auth.js';
import { uuidParam, type RouteDeps, type Router } from '../router.js';

const version = z.number().int().min(1).max(2_147_483_647);
const VersionBody = z.strictObject({ version });
const Reason = z.strictObject({ field: z.string().trim().max(64).optional(), reason: z.string().trim().max(500) });
const ReturnBody = z.strictObject({ version, reasons: z.array(Reason).min(1).max(20) });
/** The 经办人's explanation of a failing 网站核验, without which such a submission is refused. */
const siteCheckExplanation = z.string().max(2000).optional();
const SubmitBody = z.strictObject({ version, siteCheckExplanation });
const CreateBody = z.strictObject({ payload: ApplicationPayload, submit: z.boolean().default(false), siteCheckExplanation });
const ReviseBody = z.strictObject({ version, payload: ApplicationPayload, siteCheckExplanation });
const PaperParams = z.strictObject({ id: z.uuid(), itemId: z.uuid() });
const PaperBody = z.discriminatedUnion('status', [
  z.strictObject({ version, status: z.literal('received'), receivedOn: z.iso.date().optional() }),
  z.strictObject({ version, status: z.literal('rejected'), reason: z.string().trim().min(1).max(500) }),
]);
const BatchBody = z.strictObject({ items: z.array(z.strictObject({ id: z.uuid(), version })).min(1).max(100) });
const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const QueueQuery = z.strictObject({
  status: z.enum(applicationStatuses).optional(),
  step: z.enum(['office', 'center', 'paper']).optional(),
  type: z.enum(applicationTypes).optional(),
  unitType: z.enum(unitTypes).optional(),
  regionCode: z.string().regex(/^\d{6}$/).optional(),
  submittedFrom: instant.optional(),
  submittedTo: instant.optional(),
  overdue: z.enum(['true', 'false']).transform((s) => s === 'true').optional(),
  q: z.string().trim().max(64).optional(),
  sort: z.enum(['submitted_asc', 'submitted_desc', 'due_asc']).default('submitted_asc'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const ListQuery = z.strictObject({ page: z.coerce.number().int().min(1).max(500).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(20) });
const CountsQuery = z.strictObject({ regionCode: z.string().regex(/^\d{6}$/).optional() });

const tags = ['网站开办审核/资格复核申请'];
const review = ['审核管理'];

export function applicationRoutes(r: Router, { app }: RouteDeps): void {
  r.get('/api/applications', { schema: { tags, summary: '本单位的申请（分页，最新在前）', querystring: ListQuery } }, (req) => listMyApplications(ctxOf(app, req), req.query));
  r.post('/api/applications', { schema: { tags, summary: '点击申请 / 变更 / 注销：填写申请（submit=true 时直接提交）', body: CreateBody } }, async (req, reply) =>
    reply.code(201).send(await createApplication(ctxOf(app, req), req.body)),
  );
  r.get('/api/applications/:id', { schema: { tags, summary: '申请详情与查看审核结果', params: uuidParam } }, (req) => getApplication(ctxOf(app, req), req.params.id));
  r.put('/api/applications/:id', { schema: { tags, summary: '修改申请（已退回的申请修改后重新上报）', params: uuidParam, body: ReviseBody } }, (req) =>
    reviseApplication(ctxOf(app, req), { id: req.params.id, ...req.body }),
  );
  r.post('/api/applications/:id/submit', { schema: { tags, summary: '提交', params: uuidParam, body: SubmitBody } }, (req) =>
    submitApplication(ctxOf(app, req), { id: req.params.id, version: req.body.version, siteCheckExplanation: req.body.siteCheckExplanation }),
  );
  r.post('/api/applications/:id/withdraw', { schema: { tags, summary: '撤回', params: uuidParam, body: VersionBody } }, (req) =>
    withdrawApplication(ctxOf(app, req), { id: req.params.id, version: req.body.version }),
  );
  r.post('/api/applications/:id/approve', { schema: { tags: review, summary: '审核通过', params: uuidParam, body: VersionBody } }, (req) =>
    approveApplication(ctxOf(app, req), { id: req.params.id, version: req.body.version }),
  );
  r.post('/api/applications/:id/return', { schema: { tags: review, summary: '退回修改（须填写审核意见，可对应到字段）', params: uuidParam, body: ReturnBody } }, (req) =>
    returnApplication(ctxOf(app, req), { id: req.params.id, ...req.body }),
  );
  r.post('/api/applications/:id/paper/:itemId', { schema: { tags: review, summary: '纸质材料：接收或退回', params: PaperParams, body: PaperBody } }, (req) => {
    const b = req.body;
    const ctx = ctxOf(app, req);
    return decidePaperItem(ctx, {
      id: req.params.id,
      itemId: req.params.itemId,
      version: b.version,
      decision: b.status === 'received' ? { status: 'received', receivedOn: b.receivedOn === undefined ? ctx.clock.now() : new Date(`${b.receivedOn}T00:00:00+08:00`) } : { status: 'rejected', reason: b.reason },
    });
  });
  r.get('/api/review/queue', { schema: { tags: review, summary: '待审核队列（键集分页）', querystring: QueueQuery } }, async (req) => {
    const { regionCode, cursor, ...q } = req.query;
    const after = parseCursor(cursor);
    if (cursor !== undefined && after === undefined) throw new InvalidInput('CURSOR_INVALID', '分页游标无效', 'cursor');
    const region = regionCode === undefined ? undefined : await findRegion(app.db, regionCode);
    if (regionCode !== undefined && region === undefined) throw new InvalidInput('REGION_UNKNOWN', '区域不存在', 'regionCode');
    return reviewQueue(ctxOf(app, req), { ...q, ...(region === undefined ? {} : { regionPath: region.path }), ...(after === undefined ? {} : { after }) });
  });
  r.get('/api/review/counts', { schema: { tags: review, summary: '审核统计：各区域各状态的申请数', querystring: CountsQuery } }, (req) => regionCounts(ctxOf(app, req), req.query.regionCode));
  r.post('/api/review/batch-approve', { schema: { tags: review, summary: '批量审核通过（逐条返回结果）', body: BatchBody } }, (req) => batchApprove(ctxOf(app, req), req.body.items));
}
