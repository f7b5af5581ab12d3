import { z } from 'zod';
import { getCalendar, getWorkflowConfig, setCalendar, setWorkflowConfig } from '../../app/applications/workflow-settings.js';
import { ctxOf } from '../auth.js';
import type { RouteDeps, Router } from '../router.js';

const RegionParam = z.strictObject({ regionCode: z.string().regex(/^\d{6}$/, '区域代码为6位数字') });
const ConfigBody = z.strictObject({ version: z.number().int().min(0).max(2_147_483_647), config: z.record(z.string().max(64), z.unknown()) });
const CalendarBody = z.strictObject({
  days: z.array(z.strictObject({ day: z.iso.date(), kind: z.enum(['holiday', 'workday']), name: z.string().trim().min(1).max(64) })).max(400),
});
const tags = ['系统管理'];

export function workflowSettingsRoutes(r: Router, { app }: RouteDeps): void {
  r.get('/api/admin/workflow-configs/:regionCode', { schema: { tags, summary: '区域审核流程配置', params: RegionParam } }, (req) =>
    getWorkflowConfig(ctxOf(app, req), req.params.regionCode),
  );
  r.put('/api/admin/workflow-configs/:regionCode', { schema: { tags, summary: '修改区域审核流程配置（审核链、纸质材料、时限）', params: RegionParam, body: ConfigBody } }, (req) =>
    setWorkflowConfig(ctxOf(app, req), { regionCode: req.params.regionCode, ...req.body }),
  );
  r.get('/api/admin/calendar', { schema: { tags, summary: '节假日与调休' } }, (req) => getCalendar(ctxOf(app, req)));
  r.put('/api/admin/calendar', { schema: { tags, summary: '设置节假日与调休', body: CalendarBody } }, (req) => setCalendar(ctxOf(app, req), req.body.days));
}
