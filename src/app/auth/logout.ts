import { deleteSession } from '../../db/repositories/sessions.js';
import { recordAudit } from '../audit/record.js';
import type { Ctx } from '../context.js';

export async function logout(ctx: Ctx, tokenHash: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await deleteSession(tx, tokenHash);
    await recordAudit(tx, ctx.clock, ctx.meta, {
      action: 'logout',
      result: 'success',
      actor: { id: ctx.actor.id, username: ctx.actor.username },
    });
  });
}
