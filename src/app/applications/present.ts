import type { ApplicationRow } from '../../db/repositories/applications.js';
import type { Actor } from '../../domain/access/actor.js';
import { stepLabel, type Step } from '../../domain/applications/chain.js';
import { allowedEvents, applicationStatusLabel } from '../../domain/applications/transitions.js';
import type { ApplicationPayload } from '../../domain/applications/payload.js';
import { applicationTypeLabel, unitTypeLabel } from '../../domain/types.js';

/**
 * What the actor may do with the application, from the same table the server enforces:
 * the transition events, plus `edit` (a 经办人's draft) and `revise` (修改申请 on a returned one,
 * which resubmits it), and `receive_paper` for the office at the paper step.
 */
export function applicationActions(actor: Actor, app: ApplicationRow): string[] {
  const events: string[] = allowedEvents({ status: app.status, chain: app.chain.length > 0 ? app.chain : ['office'], stepIndex: app.stepIndex }, actor);
  const actions = events.filter((e) => e !== 'resubmit');
  if (actor.role === 'handler' && app.status === 'draft') actions.push('edit');
  if (events.includes('resubmit')) actions.push('revise');
  if (events.includes('confirm_paper')) actions.push('receive_paper');
  // 打印申请表: from the paper step on, for whoever may see the application (a 注销 has no form).
  if (app.type !== 'deregister' && (app.status === 'pending_paper' || app.status === 'approved')) actions.push('print');
  return actions;
}

function chainView(app: ApplicationRow) {
  return app.chain.map((step: Step, i) => ({
    step,
    label: stepLabel[step],
    state: app.status === 'approved' || i < app.stepIndex ? 'done' : i === app.stepIndex && app.step !== null ? 'current' : 'pending',
  }));
}

export function presentApplication(actor: Actor, app: ApplicationRow, now: Date, extra: { unitName?: string; websiteName?: string } = {}) {
  const p = app.payload as ApplicationPayload;
  return {
    id: app.id,
    number: app.number,
    type: app.type,
    typeLabel: applicationTypeLabel[app.type],
    status: app.status,
    statusLabel: applicationStatusLabel[app.status],
    step: app.step,
    stepLabel: app.step === null ? null : stepLabel[app.step],
    chain: chainView(app),
    unit: { id: app.unitId, type: app.unitType, typeLabel: unitTypeLabel[app.unitType], name: extra.unitName ?? null },
    websiteId: app.websiteId,
    domainId: app.domainId,
    websiteName: extra.websiteName ?? (p.type === 'deregister' ? null : p.websiteName),
    revision: app.revision,
    version: app.version,
    submittedAt: app.submittedAt?.toISOString() ?? null,
    dueAt: app.dueAt?.toISOString() ?? null,
    overdue: app.dueAt !== null && app.step !== null && app.dueAt < now,
    decidedAt: app.decidedAt?.toISOString() ?? null,
    createdAt: app.createdAt.toISOString(),
    allowedActions: applicationActions(actor, app),
  };
}
export type ApplicationView = ReturnType<typeof presentApplication>;
