import { loadApplication } from '../../db/repositories/applications.js';
import { applicationDeliveries, deliveries, requeueFailed, type DeliveryFilter } from '../../db/repositories/delivery-log.js';
import { Conflict, NotFound } from '../../domain/errors.js';
import { maskAddress } from '../../domain/personal-data/masking.js';
import { validateEmail } from '../../domain/validators/email.js';
import { validateMobile } from '../../domain/validators/mobile.js';
import { recordAudit } from '../audit/record.js';
import type { Ctx } from '../context.js';
import { verifyAdmin } from '../users/load.js';

const statusLabel: Record<string, string> = { pending: '待发送', sending: '发送中', sent: '已发送', failed: '发送失败', logged: '已记录' };
const channelLabel: Record<string, string> = { sms: '短信', email: '邮件' };

function present(r: Awaited<ReturnType<typeof applicationDeliveries>>[number], mask: boolean) {
  return {
    id: r.id,
    channel: r.channel,
    channelLabel: channelLabel[r.channel] ?? r.channel,
    template: r.template,
    to: r.toAddress === null ? null : mask ? maskAddress(r.channel, r.toAddress) : r.toAddress,
    subject: r.subject,
    status: r.status,
    statusLabel: statusLabel[r.status] ?? r.status,
    attempts: r.attempts,
    lastError: r.lastError,
    providerMessageId: r.providerMessageId,
    sentAt: r.sentAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    applicationId: r.applicationId,
  };
}

/** The address the admin typed, spelled as the outbox stored it (`+86 138…` → `138…`, domain lower-cased). */
function normalisedAddress(to: string | undefined): string | undefined {
  if (to === undefined || to.trim() === '') return undefined;
  const mobile = validateMobile(to);
  if (mobile.ok) return mobile.value;
  const email = validateEmail(to);
  return email.ok ? email.value : to.trim();
}

/**
 * Which SMS and emails went out about an application, for whoever may see the application: the
 * unit's own 经办人 see the addresses, reviewers see them masked (138****0000).
 */
export async function applicationDeliveryLog(ctx: Ctx, applicationId: string) {
  const app = await loadApplication(ctx.db, ctx.actor, applicationId);
  if (app === undefined) throw new NotFound('申请');
  return { items: (await applicationDeliveries(ctx.db, app.id)).map((r) => present(r, ctx.actor.role !== 'handler')) };
}

/**
 * Every SMS and email, for the admin, filterable (failed ones can be resent). Addresses are
 * masked; the filter by recipient takes a whole address and finds it by its keyed hash.
 */
export async function listDeliveries(ctx: Ctx, filter: DeliveryFilter) {
  verifyAdmin(ctx);
  const { rows, total } = await deliveries(ctx.db, { ...filter, to: normalisedAddress(filter.to) });
  return { items: rows.map((r) => present(r, true)), total };
}

export async function resendDelivery(ctx: Ctx, id: string): Promise<void> {
  verifyAdmin(ctx);
  await ctx.db.transaction(async (tx) => {
    if (!(await requeueFailed(tx, id, ctx.clock.now()))) throw new Conflict('NOT_FAILED', '只有发送失败的消息可以重发');
    await recordAudit(tx, ctx.clock, ctx.meta, {
      action: 'notification_resend',
      result: 'success',
      actor: { id: ctx.actor.id, username: ctx.actor.username },
      target: { type: 'notification', id },
    });
  });
}
