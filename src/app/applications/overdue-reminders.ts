import { createHash } from 'node:crypto';
import { and, inArray, isNotNull, isNull, lt, or } from 'drizzle-orm';
import { applications } from '../../db/schema/index.js';
import { enqueueNotifications } from '../../db/repositories/notifications.js';
import { stepLabel, type Step } from '../../domain/applications/chain.js';
import { applicationTypeLabel } from '../../domain/types.js';
import type { AppContext } from '../context.js';
import { composeMessage, type Recipient } from '../notifications/compose.js';
import { reviewersOf } from './recipients.js';

const day = 86_400_000;

/**
 * Reminds reviewers of overdue applications at their step, at most once a day per application:
 * one message per reviewer and step listing the overdue numbers. Marking and enqueueing commit
 * together, so a reminder is neither lost nor sent twice by two workers (row locks, SKIP LOCKED).
 */
export async function sendOverdueReminders(app: AppContext, limit = 500): Promise<number> {
  const now = app.clock.now();
  return app.db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(applications)
      .where(and(isNotNull(applications.step), lt(applications.dueAt, now), or(isNull(applications.overdueRemindedAt), lt(applications.overdueRemindedAt, new Date(now.getTime() - day)))))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return 0;
    const byRecipient = new Map<string, { to: Recipient; step: Step; lines: string[]; ids: string[] }>();
    for (const a of due) {
      if (a.step === null) continue;
      const { recipients } = await reviewersOf(tx, a, a.step);
      for (const r of recipients) {
        const k = `${r.id}:${a.step}`;
        const entry = byRecipient.get(k) ?? { to: r, step: a.step, lines: [], ids: [] };
        entry.ids.push(a.id);
        entry.lines.push(`${a.number} ${applicationTypeLabel[a.type]}（应于 ${a.dueAt?.toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' }) ?? ''} 前办结）`);
        byRecipient.set(k, entry);
      }
    }
    for (const [k, e] of byRecipient) {
      const params = { count: String(e.lines.length), stepLabel: stepLabel[e.step], list: e.lines.join('\n'), path: '/review' };
      // The key names the applications listed: two workers (or two rounds of one day) remind of
      // different applications, and a reminder keyed by recipient and date alone would be dropped
      // as a duplicate of the other while its applications were still marked reminded.
      const listed = createHash('sha256').update([...e.ids].sort().join(',')).digest('hex').slice(0, 32);
      await enqueueNotifications(tx, composeMessage('overdue_reminder', e.to, params, ['sms', 'email'], `overdue:${k}:${now.toISOString().slice(0, 10)}:${listed}`, now));
    }
    await tx
      .update(applications)
      .set({ overdueRemindedAt: now })
      .where(inArray(applications.id, due.map((a) => a.id)));
    return due.length;
  });
}
