import { claimFanouts, deleteFanouts, setFanoutAside, type FanoutRow } from '../../db/repositories/notification-fanouts.js';
import { enqueueNotifications, type NotificationInsert } from '../../db/repositories/notifications.js';
import { templates, type TemplateName } from '../../domain/notifications/templates.js';
import { reviewersOf } from '../applications/recipients.js';
import type { AppContext } from '../context.js';
import { composeMessage, type Recipient } from './compose.js';

const isTemplateName = (name: string): name is TemplateName => Object.hasOwn(templates, name);

export interface FanoutPass {
  /** Rows addressed (and deleted). */
  addressed: number;
  /** Rows set aside this pass, with the reason: they stay in the table for an operator. */
  setAside: { id: string; error: string }[];
}

/**
 * Addresses waiting reviewer messages (`notification_fanouts`): for each row, the step's active
 * reviewers as they are now get an inbox copy, an SMS and an email, each keyed
 * `<row key>:<user id>:<channel>`; the row is deleted in the same transaction. Rows another
 * worker holds are skipped, and a key already written is not written again, so two workers, or
 * a row written twice, address each message once. A row that cannot be composed (a template or
 * parameter this code does not know) is set aside with its reason instead of blocking the rows
 * behind it.
 */
export async function expandFanouts(app: AppContext, batch = 20): Promise<FanoutPass> {
  return app.db.transaction(async (tx) => {
    const waiting = await claimFanouts(tx, batch);
    const pass: FanoutPass = { addressed: 0, setAside: [] };
    if (waiting.length === 0) return pass;
    // One lookup per office (or the centre) per batch: arrivals come in runs for the same reviewers.
    const reviewers = new Map<string, Promise<Recipient[]>>();
    const reviewersFor = (f: FanoutRow) => {
      const at = f.step === 'center' ? 'center' : `${f.step}:${f.regionPath}`;
      let found = reviewers.get(at);
      if (found === undefined) {
        found = reviewersOf(tx, f, f.step).then((r) => r.recipients);
        reviewers.set(at, found);
      }
      return found;
    };
    const done: string[] = [];
    const messages: NotificationInsert[] = [];
    for (const f of waiting) {
      const composed = messagesOf(f, await reviewersFor(f));
      if (typeof composed === 'string') {
        await setFanoutAside(tx, f.id, composed);
        pass.setAside.push({ id: f.id, error: composed });
        continue;
      }
      messages.push(...composed);
      done.push(f.id);
    }
    await enqueueNotifications(tx, messages);
    await deleteFanouts(tx, done);
    pass.addressed = done.length;
    return pass;
  });
}

/** The row's messages, or why they cannot be composed. */
function messagesOf(f: FanoutRow, recipients: Recipient[]): NotificationInsert[] | string {
  if (!isTemplateName(f.template)) return `unknown template ${f.template}`;
  const template = f.template;
  try {
    return recipients.flatMap((r) => composeMessage(template, r, f.params, ['sms', 'email'], `${f.idempotencyKey}:${r.id}`, f.createdAt, f.applicationId));
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
