/**
 * The application lifecycle: one table, one function. Every command that changes an
 * application's status goes through `applyTransition`; nothing else compares statuses.
 * Scope (which unit, which region) is not checked here: a use case loads the application in
 * the actor's scope first, and outside it the application does not exist (404).
 */
import type { Actor } from '../access/actor.js';
import type { ApplicationStatus, Role } from '../types.js';
import { statusOfStep, type Step } from './chain.js';
import { NotYourStep, PaperIncomplete, ReasonRequired, RoleNotAllowed, TransitionNotAllowed, WorkflowCorrupt } from './transition-errors.js';
import { applicationEvents, type ApplicationEvent } from './events.js';
import type { DomainError } from '../errors.js';

export { applicationEvents, applicationEventLabel, applicationStatusLabel, type ApplicationEvent } from './events.js';
export { NotYourStep, PaperIncomplete, ReasonRequired, RoleNotAllowed, TransitionNotAllowed, WorkflowCorrupt } from './transition-errors.js';

export interface WorkflowState {
  status: ApplicationStatus;
  chain: Step[];
  /** Index in `chain` of the pending step. Kept as is on return and withdrawal (it records
   * where the application stopped); equals `chain.length` once approved. */
  stepIndex: number;
}

export interface TransitionFacts {
  reasons?: { field?: string; reason: string }[];
  paperItems?: { status: 'expected' | 'received' | 'rejected' }[];
}

export interface TransitionResult {
  status: ApplicationStatus;
  stepIndex: number;
  /** The step now pending, null when the application is not pending. */
  step: Step | null;
  /** True when this transition approved the application. */
  final: boolean;
}

/** Who reviews each step. The 编办 that reviewed the application also receives its paper. */
export const stepOwner: Record<Step, Role> = {
  office: 'office_reviewer',
  center: 'center_reviewer',
  paper: 'office_reviewer',
};

interface GuardInput {
  state: WorkflowState;
  step: Step | null;
  event: ApplicationEvent;
  actor: Actor;
  facts: TransitionFacts;
}

/** A rule beyond state and role. `needsFacts` guards are skipped by `allowedEvents`, which has
 * no facts: the console shows the button, and the click reports what is missing. */
export interface Guard {
  readonly needsFacts: boolean;
  readonly check: (input: GuardInput) => DomainError | null;
}

export const reviewerOwnsStep: Guard = {
  needsFacts: false,
  check: ({ step, event, actor }) =>
    step !== null && stepOwner[step] === actor.role ? null : new NotYourStep(step, event, actor.role),
};

export const hasReason: Guard = {
  needsFacts: true,
  check: ({ facts }) => ((facts.reasons ?? []).some((r) => r.reason.trim() !== '') ? null : new ReasonRequired()),
};

/** Fails closed: a paper step with no items recorded is not complete either. */
export const allPaperReceived: Guard = {
  needsFacts: true,
  check: ({ facts }) => {
    const items = facts.paperItems ?? [];
    const missing = items.filter((i) => i.status !== 'received').length;
    return items.length > 0 && missing === 0 ? null : new PaperIncomplete(missing, items.length);
  },
};

/** Where a transition leads: the first step of the chain, the step after the current one
 * (or 'approved' after the last), or a fixed status. */
export type Target = 'first_step' | 'next_step' | 'returned' | 'withdrawn';

export interface Transition {
  readonly from: readonly ApplicationStatus[];
  readonly roles: readonly Role[];
  readonly guards: readonly Guard[];
  readonly to: Target;
}

export const transitions = {
  submit: { from: ['draft'], roles: ['handler'], guards: [], to: 'first_step' },
  approve: {
    from: ['pending_office', 'pending_center'],
    roles: ['office_reviewer', 'center_reviewer'],
    guards: [reviewerOwnsStep],
    to: 'next_step',
  },
  return: {
    from: ['pending_office', 'pending_center', 'pending_paper'],
    roles: ['office_reviewer', 'center_reviewer'],
    guards: [reviewerOwnsStep, hasReason],
    to: 'returned',
  },
  resubmit: { from: ['returned'], roles: ['handler'], guards: [], to: 'first_step' },
  withdraw: { from: ['draft', 'returned', 'pending_office'], roles: ['handler'], guards: [], to: 'withdrawn' },
  // Paper is always the last step (ChainSchema), so the next step is 'approved'.
  confirm_paper: { from: ['pending_paper'], roles: ['office_reviewer'], guards: [allPaperReceived], to: 'next_step' },
} as const satisfies Record<ApplicationEvent, Transition>;

const pendingStatuses: readonly ApplicationStatus[] = ['pending_office', 'pending_center', 'pending_paper'];

/** The pending step, checked against the status: a mismatch is corrupt data, not a user error. */
function currentStep(state: WorkflowState): Step | null {
  if (!pendingStatuses.includes(state.status)) return null;
  const step = state.chain[state.stepIndex];
  if (step === undefined || statusOfStep[step] !== state.status) throw new WorkflowCorrupt(state);
  return step;
}

function pendingAt(chain: Step[], stepIndex: number): TransitionResult {
  const step = chain[stepIndex];
  if (step === undefined) return { status: 'approved', stepIndex: chain.length, step: null, final: true };
  return { status: statusOfStep[step], stepIndex, step, final: false };
}

function resolve(target: Target, state: WorkflowState): TransitionResult {
  switch (target) {
    case 'first_step':
      if (state.chain.length === 0) throw new WorkflowCorrupt(state);
      return pendingAt(state.chain, 0);
    case 'next_step':
      return pendingAt(state.chain, state.stepIndex + 1);
    case 'returned':
    case 'withdrawn':
      return { status: target, stepIndex: state.stepIndex, step: null, final: false };
  }
}

/** The first rule the actor breaks, checking state, then role, then step ownership and guards. */
function firstFailure(
  state: WorkflowState,
  event: ApplicationEvent,
  actor: Actor,
  facts: TransitionFacts,
  skipFactGuards: boolean,
): DomainError | null {
  const t: Transition = transitions[event];
  if (!t.from.includes(state.status)) return new TransitionNotAllowed(state.status, event);
  if (!t.roles.includes(actor.role)) return new RoleNotAllowed(actor.role, event);
  const step = currentStep(state);
  for (const guard of t.guards) {
    if (skipFactGuards && guard.needsFacts) continue;
    const failure = guard.check({ state, step, event, actor, facts });
    if (failure !== null) return failure;
  }
  return null;
}

/**
 * Applies `event` by `actor` to `state`.
 * @throws TransitionNotAllowed  the status does not allow the event (409)
 * @throws RoleNotAllowed        the actor's role never performs the event (403)
 * @throws NotYourStep           a reviewer acting on another reviewer's step (403)
 * @throws ReasonRequired        a return without any non-blank reason (400)
 * @throws PaperIncomplete       confirming paper that has not all been received (409)
 */
export function applyTransition(
  state: WorkflowState,
  event: ApplicationEvent,
  actor: Actor,
  facts: TransitionFacts = {},
): TransitionResult {
  const failure = firstFailure(state, event, actor, facts, false);
  if (failure !== null) throw failure;
  return resolve(transitions[event].to, state);
}

/** The events the actor could perform now, for the console's buttons. Guards that need facts
 * (reasons, paper receipts) are not evaluated. */
export function allowedEvents(state: WorkflowState, actor: Actor): ApplicationEvent[] {
  // The table's status and role first, without building the failure: most events fail there, and
  // each failure is an Error with its stack (per event and row, ~70 % of a queue page's CPU).
  const possible = (event: ApplicationEvent) => {
    const t: Transition = transitions[event];
    return t.from.includes(state.status) && t.roles.includes(actor.role);
  };
  return applicationEvents.filter((event) => possible(event) && firstFailure(state, event, actor, {}, true) === null);
}
