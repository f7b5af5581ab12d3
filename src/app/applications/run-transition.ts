import type { Db } from '../../db/client.js';
import {
  applicationSaveWrite,
  decisionWrite,
  historyWrite,
  insertPaperItems,
  paperItemsOf,
  transitionContext,
  type ApplicationInsert,
  type ApplicationRow,
  type DecisionInsert,
} from '../../db/repositories/applications.js';
import { fanoutsWrite } from '../../db/repositories/notification-fanouts.js';
import { notificationsWrite } from '../../db/repositories/notifications.js';
import { writeTogether } from '../../db/repositories/write-together.js';
import type { Step } from '../../domain/applications/chain.js';
import { ApplicationStale } from '../../domain/applications/errors.js';
import { assertNotOwnUnit } from '../../domain/access/duties.js';
import { applyTransition, type ApplicationEvent, type TransitionFacts, type TransitionResult } from '../../domain/applications/transitions.js';
import { addWorkingDays } from '../../domain/calendar/working-days.js';
import { auditWrite } from '../audit/record.js';
import type { Ctx } from '../context.js';
import { applyApprovalEffects } from './approval-effects.js';
import { transitionMessages } from './transition-messages.js';
import { workCalendar, workflowFor } from './workflow-context.js';

export interface TransitionRequest {
  event: ApplicationEvent;
  /** The version the actor saw: a decision on anything newer is refused (optimistic lock). */
  expectedVersion: number;
  facts?: TransitionFacts;
  /** Other columns written with the new state (a new revision's payload, a chosen chain…). */
  changes?: Partial<ApplicationInsert>;
  note?: Record<string, unknown>;
  /** The reviewer's decision (通过 / 退回 and the reasons) at the step acted on, written with the rest. */
  decision?: Pick<DecisionInsert, 'decision' | 'reasons'>;
}

const auditAction = {
  submit: 'application_submit',
  approve: 'application_approve',
  return: 'application_return',
  resubmit: 'application_resubmit',
  withdraw: 'application_withdraw',
  confirm_paper: 'application_confirm_paper',
} as const;

/**
 * Every status change of an application goes through here, inside the caller's transaction:
 * the transition table decides, the row is saved against the version the actor saw, and the
 * history row, audit event, outbox messages, the reviewer's decision, paper checklist and approval
 * effects are written with it — all or nothing. What is read (the unit, the 经办人's contact) and
 * the approval's effects come first; the save and the rows that record it go last, in one
 * statement (`writeTogether`), so the status counts' rows its trigger locks are held for one
 * round trip and the commit.
 * @throws ApplicationStale when someone decided first; the transition table's named errors
 */
export async function runTransition(ctx: Ctx, tx: Db, app: ApplicationRow, req: TransitionRequest): Promise<{ app: ApplicationRow; result: TransitionResult }> {
  if (app.version !== req.expectedVersion) throw new ApplicationStale();
  const now = ctx.clock.now();
  const chain = req.changes?.chain ?? app.chain;
  const actedStep: Step | null = app.step;
  const result = applyTransition({ status: app.status, chain, stepIndex: app.stepIndex }, req.event, ctx.actor, req.facts ?? {});
  // After the table: the role and step errors name the more basic mistake first.
  assertNotOwnUnit(ctx.actor, app.unitId, req.event);
  const workflow = await workflowFor(ctx, tx, app.regionPath, app.type, app.unitType);
  const dueAt = result.step === null ? null : addWorkingDays(now, workflow.dueWorkingDays[result.step], await workCalendar(ctx, tx));
  const firstArrival = req.event === 'submit' || req.event === 'resubmit';
  const values: Partial<ApplicationInsert> = {
    ...req.changes,
    status: result.status,
    stepIndex: result.stepIndex,
    step: result.step,
    dueAt,
    updatedAt: now,
    ...(firstArrival ? { submittedAt: now } : {}),
    ...(result.final || result.status === 'returned' || result.status === 'withdrawn' ? { decidedAt: now } : {}),
  };
  const saved: ApplicationRow = { ...app, ...values, chain, version: app.version + 1 } as ApplicationRow;

  let paperItems: { label: string; copies: number }[] | undefined;
  if (result.step === 'paper') {
    const existing = await paperItemsOf(tx, app.id);
    if (!existing.some((i) => i.revision === saved.revision)) {
      await insertPaperItems(
        tx,
        workflow.paperItems.map((i) => ({ applicationId: app.id, kind: i.kind, label: i.label, copies: i.copies, status: 'expected' as const, revision: saved.revision, createdAt: now })),
      );
    }
    paperItems = workflow.paperItems;
  }

  const context = await transitionContext(tx, saved);
  const approvalSummary = result.final ? await applyApprovalEffects(tx, saved, { unit: context.unit, website: context.website, now }) : undefined;
  const messages = await transitionMessages(
    tx,
    saved,
    req.event,
    result,
    {
      unitName: context.unit.name,
      actedStep,
      handlerContact: context.handlerContact,
      ...(req.facts?.reasons === undefined ? {} : { reasons: req.facts.reasons }),
      ...(paperItems === undefined ? {} : { paperItems }),
      ...(approvalSummary === undefined ? {} : { approvalSummary }),
    },
    now,
  );
  const written = await writeTogether(tx, applicationSaveWrite(tx, app.id, app.version, values), [
    historyWrite(tx, {
      applicationId: app.id,
      event: req.event,
      fromStatus: app.status,
      toStatus: result.status,
      step: actedStep,
      revision: saved.revision,
      actorId: ctx.actor.id,
      at: now,
      note: req.note ?? {},
    }),
    req.decision === undefined || actedStep === null
      ? null
      : decisionWrite(tx, { applicationId: app.id, revision: app.revision, step: actedStep, ...req.decision, reviewerId: ctx.actor.id, createdAt: now }),
    notificationsWrite(tx, messages.messages),
    fanoutsWrite(tx, messages.fanouts),
    // The event is written unsealed and takes no lock (app/audit/record.ts): it is chained after commit.
    auditWrite(tx, ctx.clock, ctx.meta, {
      action: auditAction[req.event],
      result: 'success',
      actor: { id: ctx.actor.id, username: ctx.actor.username },
      target: { type: 'application', id: app.id },
      details: { number: app.number, from: app.status, to: result.status, step: actedStep, revision: saved.revision, ...(req.note ?? {}) },
    }),
  ]);
  // Every caller read the row FOR UPDATE and its version was compared above, so this holds unless
  // a caller did not lock: then someone else saved first, and all of it rolls back.
  if (written !== 1) throw new ApplicationStale();
  return { app: approvalSummary === undefined ? saved : { ...saved, websiteId: approvalSummary.websiteId }, result };
}
