import type { Db } from '../../db/client.js';
import type { ApplicationRow } from '../../db/repositories/applications.js';
import type { FanoutInsert } from '../../db/repositories/notification-fanouts.js';
import type { NotificationInsert } from '../../db/repositories/notifications.js';
import { stepLabel, type Step } from '../../domain/applications/chain.js';
import type { ApplicationEvent, TransitionResult } from '../../domain/applications/transitions.js';
import { applicationTypeLabel } from '../../domain/types.js';
import { composeMessage } from '../notifications/compose.js';
import { handlerOf, reviewersOf } from './recipients.js';

export interface MessageFacts {
  unitName: string;
  /** The step the event acted on (null for submit/resubmit/withdraw). */
  actedStep: Step | null;
  reasons?: { field?: string; reason: string }[];
  paperItems?: { label: string; copies: number }[];
  approvalSummary?: { sms: string; text: string };
  /** The 经办人's account contact, when the caller read it already (runTransition's context). */
  handlerContact?: { mobile: string | null; email: string | null };
}

const beijingDate = (d: Date) => d.toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' });

export interface TransitionMessages {
  /** To the 经办人: addressed now. */
  messages: NotificationInsert[];
  /** To the next step's reviewers: addressed by the outbox worker (app/notifications/fan-out.ts). */
  fanouts: FanoutInsert[];
}

/**
 * The messages a transition causes: to the 经办人 on every decision, to the next step's
 * reviewers when the application arrives there. Both are written in the transition's
 * transaction; the reviewers' copies as one row for the worker to address, since the centre has
 * many reviewers and each gets an inbox copy, an SMS and an email.
 */
export async function transitionMessages(
  db: Db,
  app: ApplicationRow,
  event: ApplicationEvent,
  result: TransitionResult,
  facts: MessageFacts,
  now: Date,
): Promise<TransitionMessages> {
  const base = { number: app.number, typeLabel: applicationTypeLabel[app.type], unitName: facts.unitName, path: `/applications/${app.id}` };
  const key = (template: string, to: string) => `application:${app.id}:v${app.version}:${template}:${to}`;
  const rows: NotificationInsert[] = [];
  const h = await handlerOf(db, app, facts.handlerContact);
  const toHandler = (template: Parameters<typeof composeMessage>[0], params: Record<string, string>) => {
    rows.push(...composeMessage(template, h, { ...base, ...params }, ['sms', 'email'], key(template, h.id), now, app.id));
  };
  const acted = facts.actedStep === null ? '' : stepLabel[facts.actedStep];

  if (event === 'return') {
    const reasons = (facts.reasons ?? []).map((r, i) => `${i + 1}. ${r.reason}`).join('\n');
    toHandler('application_returned', { stepLabel: acted, reasons });
  } else if (result.final && app.type === 'deregister') {
    toHandler('deregistration_approved', { nextSteps: facts.approvalSummary?.text ?? '' });
  } else if (result.final) {
    toHandler('application_approved', { smsNext: facts.approvalSummary?.sms ?? '', nextSteps: facts.approvalSummary?.text ?? '' });
  } else if ((event === 'approve' || event === 'confirm_paper') && result.step !== null) {
    if (result.step === 'paper') {
      const { officeName } = await reviewersOf(db, app, 'paper');
      const items = (facts.paperItems ?? []).map((i) => `${i.label} ×${i.copies}`).join('\n');
      toHandler('paper_requested', { stepLabel: acted, officeName, items });
    } else {
      toHandler('application_step_approved', { stepLabel: acted, nextLabel: stepLabel[result.step] });
    }
  }

  const fanouts: FanoutInsert[] = [];
  if (result.step !== null && event !== 'withdraw' && event !== 'return') {
    const params = { ...base, path: `/review/${app.id}`, stepLabel: stepLabel[result.step], dueDate: app.dueAt === null ? '—' : beijingDate(app.dueAt) };
    // Each reviewer's rows get the key `<this key>:<user id>:<channel>`, as key() would give them.
    fanouts.push({ applicationId: app.id, step: result.step, regionPath: app.regionPath, template: 'application_arrived', params, idempotencyKey: `application:${app.id}:v${app.version}:application_arrived`, createdAt: now });
  }
  return { messages: rows, fanouts };
}
