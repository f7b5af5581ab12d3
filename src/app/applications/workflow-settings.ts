import { findRegion } from '../../db/repositories/organisation.js';
import { allCalendarDays, configsAlongPath, findWorkflowConfig, replaceCalendarDays, upsertWorkflowConfig } from '../../db/repositories/workflow-settings.js';
import { RegionWorkflowConfig, resolveWorkflow } from '../../domain/applications/workflow-config.js';
import { StaleVersion } from '../../domain/accounts/user-rules.js';
import { InvalidInput, NotFound } from '../../domain/errors.js';
import { applicationTypes, unitTypes } from '../../domain/types.js';
import { recordAudit } from '../audit/record.js';
import type { Ctx } from '../context.js';
import { verifyAdmin } from '../users/load.js';
import { forgetWorkflowSettings } from './workflow-context.js';

/** A region's own settings and what is in force there (its own, its ancestors', the defaults). */
export async function getWorkflowConfig(ctx: Ctx, regionCode: string) {
  verifyAdmin(ctx);
  const region = await findRegion(ctx.db, regionCode);
  if (region === undefined) throw new NotFound('区域');
  const own = await findWorkflowConfig(ctx.db, regionCode);
  const configs = (await configsAlongPath(ctx.db, region.path)).map((r) => RegionWorkflowConfig.parse(r.config));
  const effective = applicationTypes.flatMap((type) => unitTypes.map((unitType) => ({ type, unitType, ...resolveWorkflow(configs, type, unitType) })));
  return { regionCode, regionName: region.name, config: own?.config ?? {}, version: own?.version ?? 0, effective };
}

/** The admin sets a region's chains, paper items and deadlines; applications submitted afterwards use them. */
export async function setWorkflowConfig(ctx: Ctx, input: { regionCode: string; version: number; config: unknown }) {
  verifyAdmin(ctx);
  const parsed = RegionWorkflowConfig.safeParse(input.config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidInput('WORKFLOW_CONFIG_INVALID', `审核流程配置无效：${issue?.message ?? ''}（${issue?.path.join('.') ?? ''}）`, `config.${issue?.path.join('.') ?? ''}`);
  }
  await ctx.db.transaction(async (tx) => {
    if ((await findRegion(tx, input.regionCode)) === undefined) throw new NotFound('区域');
    const own = await findWorkflowConfig(tx, input.regionCode);
    if ((own?.version ?? 0) !== input.version) throw new StaleVersion('该区域的审核流程配置');
    await upsertWorkflowConfig(tx, { regionCode: input.regionCode, config: parsed.data, version: input.version + 1, updatedBy: ctx.actor.id, updatedAt: ctx.clock.now() });
    await recordAudit(tx, ctx.clock, ctx.meta, {
      action: 'workflow_config_update',
      result: 'success',
      actor: { id: ctx.actor.id, username: ctx.actor.username },
      target: { type: 'region', id: input.regionCode },
      details: { before: own?.config ?? {}, after: parsed.data },
    });
  });
  forgetWorkflowSettings(ctx);
  return getWorkflowConfig(ctx, input.regionCode);
}

export async function getCalendar(ctx: Ctx) {
  verifyAdmin(ctx);
  return { days: (await allCalendarDays(ctx.db)).map((d) => ({ day: d.day, kind: d.kind, name: d.name })) };
}

/** Replaces the holiday list (节假日 and 调休 workdays) used for review deadlines. */
export async function setCalendar(ctx: Ctx, days: { day: string; kind: 'holiday' | 'workday'; name: string }[]) {
  verifyAdmin(ctx);
  const seen = new Set<string>();
  for (const d of days) {
    const parsed = new Date(`${d.day}T00:00:00Z`);
    if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== d.day) throw new InvalidInput('DATE_INVALID', `日期无效：${d.day}`, 'days');
    if (seen.has(d.day)) throw new InvalidInput('DATE_DUPLICATE', `日期重复：${d.day}`, 'days');
    seen.add(d.day);
  }
  await ctx.db.transaction(async (tx) => {
    await replaceCalendarDays(tx, days);
    await recordAudit(tx, ctx.clock, ctx.meta, {
      action: 'calendar_update',
      result: 'success',
      actor: { id: ctx.actor.id, username: ctx.actor.username },
      details: { days: days.length },
    });
  });
  forgetWorkflowSettings(ctx);
  return getCalendar(ctx);
}
