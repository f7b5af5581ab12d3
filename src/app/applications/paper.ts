import { assertNotOwnUnit } from '../../domain/access/duties.js';
import { paperItemsOf, updatePaperItem } from '../../db/repositories/applications.js';
import { enqueueNotifications } from '../../db/repositories/notifications.js';
import { PaperItemNotFound } from '../../domain/applications/errors.js';
import { NotYourStep, TransitionNotAllowed } from '../../domain/applications/transitions.js';
import { applicationTypeLabel } from '../../domain/types.js';
import { recordAudit } from '../audit/record.js';
import type { Ctx } from '../context.js';
import { composeMessage } from '../notifications/compose.js';
import { loadForUpdate } from './commands.js';
import { presentApplication, type ApplicationView } from './present.js';
import { handlerOf, reviewersOf } from './recipients.js';
import { runTransition } from './run-transition.js';

export interface PaperInput {
  id: string;
  itemId: string;
  version: number;
  /** 'received' with the day it arrived, or 'rejected' with a reason. */
  decision: { status: 'received'; receivedOn: Date } | { status: 'rejected'; reason: string };
}

/**
 * The office marks one paper item received (with its date) or rejected (with a reason). When
 * every item of the current revision is received, the paper step is confirmed in the same
 * transaction (confirm_paper), which approves the application and applies its effects.
 */
export async function decidePaperItem(ctx: Ctx, input: PaperInput): Promise<ApplicationView> {
  return ctx.db.transaction(async (tx) => {
    const app = await loadForUpdate(tx, ctx, input.id);
    // Paper is handled only at the paper step, by the office: the same rule confirm_paper obeys.
    if (app.status !== 'pending_paper') throw new TransitionNotAllowed(app.status, 'confirm_paper');
    if (ctx.actor.role !== 'office_reviewer') throw new NotYourStep('paper', 'confirm_paper', ctx.actor.role);
    assertNotOwnUnit(ctx.actor, app.unitId, 'paper');
    const items = (await paperItemsOf(tx, app.id)).filter((i) => i.revision === app.revision);
    const item = items.find((i) => i.id === input.itemId);
    if (item === undefined) throw new PaperItemNotFound();
    const now = ctx.clock.now();
    const d = input.decision;
    await updatePaperItem(tx, item.id, {
      status: d.status,
      receivedAt: d.status === 'received' ? d.receivedOn : null,
      receivedBy: ctx.actor.id,
      note: d.status === 'rejected' ? d.reason : null,
    });
    // Recorded last (see recordAudit): confirm_paper below may lock the zone serial.
    const audit = () => recordAudit(tx, ctx.clock, ctx.meta, {
      action: d.status === 'received' ? 'paper_receive' : 'paper_reject',
      result: 'success',
      actor: { id: ctx.actor.id, username: ctx.actor.username },
      target: { type: 'application', id: app.id },
      details: { number: app.number, item: item.kind, ...(d.status === 'rejected' ? { reason: d.reason } : {}) },
    });
    const { officeName } = await reviewersOf(tx, app, 'paper');
    const params = {
      number: app.number,
      typeLabel: applicationTypeLabel[app.type],
      itemLabel: item.label,
      officeName,
      date: (d.status === 'received' ? d.receivedOn : now).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' }),
      reason: d.status === 'rejected' ? d.reason : '',
    };
    const template = d.status === 'received' ? 'paper_item_received' : 'paper_item_rejected';
    await enqueueNotifications(
      tx,
      composeMessage(template, await handlerOf(tx, app), { ...params, path: `/applications/${app.id}` }, ['sms', 'email'], `paper:${item.id}:${d.status}:${now.getTime()}`, now, app.id),
    );

    const after = items.map((i) => (i.id === item.id ? { status: d.status } : { status: i.status }));
    if (after.every((i) => i.status === 'received')) {
      const { app: next } = await runTransition(ctx, tx, app, { event: 'confirm_paper', expectedVersion: input.version, facts: { paperItems: after } });
      await audit();
      return presentApplication(ctx.actor, next, now);
    }
    await audit();
    return presentApplication(ctx.actor, app, now);
  });
}
