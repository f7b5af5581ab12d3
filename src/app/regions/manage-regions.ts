import { eq } from 'drizzle-orm';
import { findRegion } from '../../db/repositories/organisation.js';
import { regions } from '../../db/schema/index.js';
import { Conflict, NotFound } from '../../domain/errors.js';
import { regionLevelOf, verifyRegionParent } from '../../domain/regions/region-code.js';
import { recordAudit } from '../audit/record.js';
import type { Ctx } from '../context.js';
import { verifyAdmin } from '../users/load.js';

/** The admin adds a region (GB/T 2260) under its parent; reviewers' scopes and units hang off it. */
export async function createRegion(ctx: Ctx, input: { code: string; name: string; parentCode: string | null }) {
  verifyAdmin(ctx);
  const level = regionLevelOf(input.code);
  return ctx.db.transaction(async (tx) => {
    if ((await findRegion(tx, input.code)) !== undefined) throw new Conflict('REGION_EXISTS', '该区域代码已存在', 'code');
    const parent = input.parentCode === null ? null : ((await findRegion(tx, input.parentCode)) ?? null);
    if (input.parentCode !== null && parent === null) throw new NotFound('上级区域');
    verifyRegionParent(input.code, parent);
    const path = parent === null ? input.code : `${parent.path}/${input.code}`;
    await tx.insert(regions).values({ code: input.code, name: input.name, level, parentCode: parent?.code ?? null, path });
    await recordAudit(tx, ctx.clock, ctx.meta, { action: 'region_create', result: 'success', actor: { id: ctx.actor.id, username: ctx.actor.username }, target: { type: 'region', id: input.code }, details: { name: input.name, parentCode: input.parentCode } });
    return { code: input.code, name: input.name, level, parentCode: parent?.code ?? null };
  });
}

/** Renames a region (its code and place in the tree are fixed: units and scopes hang off them). */
export async function renameRegion(ctx: Ctx, code: string, name: string) {
  verifyAdmin(ctx);
  return ctx.db.transaction(async (tx) => {
    const region = await findRegion(tx, code);
    if (region === undefined) throw new NotFound('区域');
    await tx.update(regions).set({ name }).where(eq(regions.code, code));
    await recordAudit(tx, ctx.clock, ctx.meta, { action: 'region_update', result: 'success', actor: { id: ctx.actor.id, username: ctx.actor.username }, target: { type: 'region', id: code }, details: { before: region.name, after: name } });
    return { code, name, level: region.level, parentCode: region.parentCode };
  });
}
