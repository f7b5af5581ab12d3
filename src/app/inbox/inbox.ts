import { listInbox, markInboxRead } from '../../db/repositories/notifications.js';
import { NotFound } from '../../domain/errors.js';
import type { Ctx } from '../context.js';

export async function readInbox(ctx: Ctx) {
  const { items, unread } = await listInbox(ctx.db, ctx.actor.id, 200);
  return {
    items: items.map((n) => ({
      id: n.id,
      subject: n.subject,
      body: n.body,
      createdAt: n.createdAt.toISOString(),
      readAt: n.readAt?.toISOString() ?? null,
    })),
    unread,
  };
}

export async function markRead(ctx: Ctx, id: string): Promise<void> {
  if (!(await markInboxRead(ctx.db, ctx.actor.id, id, ctx.clock.now()))) throw new NotFound('消息');
}
