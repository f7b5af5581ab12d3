import { z } from 'zod';
import { lookupPrintCode, printApplicationForm, receiveByPrintCode } from '../../app/applications/print-form.js';
import { ctxOf } from '../auth.js';
import { uuidParam, type RouteDeps, type Router } from '../router.js';

const CodeQuery = z.strictObject({ code: z.string().trim().min(1).max(300) });
const ReceiveBody = z.strictObject({ code: z.string().trim().min(1).max(300), receivedOn: z.iso.date().optional() });

/** 打印申请表 and the office's receipt of the printed paper by its code. */
export function printRoutes(r: Router, { app, consoleUrl }: RouteDeps): void {
  r.get('/api/applications/:id/form.pdf', { schema: { tags: ['网站开办审核/资格复核申请'], summary: '打印申请表（PDF）', params: uuidParam } }, async (req, reply) => {
    const form = await printApplicationForm(ctxOf(app, req), req.params.id, consoleUrl);
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${form.filename}"`)
      .header('x-print-code', form.code)
      .header('cache-control', 'private, no-store')
      .send(form.pdf);
  });
  r.get('/api/paper/lookup', { schema: { tags: ['纸质材料'], summary: '扫描或输入核验码：查看对应申请与材料清单', querystring: CodeQuery } }, (req) =>
    lookupPrintCode(ctxOf(app, req), req.query.code),
  );
  r.post('/api/paper/receive', { schema: { tags: ['纸质材料'], summary: '按核验码接收申请表', body: ReceiveBody } }, (req) => {
    const ctx = ctxOf(app, req);
    const on = req.body.receivedOn === undefined ? ctx.clock.now() : new Date(`${req.body.receivedOn}T00:00:00+08:00`);
    return receiveByPrintCode(ctx, req.body.code, on);
  });
}
