/** One error per lifecycle rule, each with a stable code and a message a 经办人 can act on. */
import { DomainError } from '../errors.js';
import { roleLabel, type ApplicationStatus, type Role } from '../types.js';
import { stepLabel, type Step } from './chain.js';
import { applicationEventLabel, applicationStatusLabel, type ApplicationEvent } from './events.js';

/** The status does not allow the event (already approved, already withdrawn, not yet submitted…). */
export class TransitionNotAllowed extends DomainError {
  readonly code = 'INVALID_STATE';
  readonly status = 409;
  constructor(from: ApplicationStatus, event: ApplicationEvent) {
    super(`当前状态（${applicationStatusLabel[from]}）不能执行“${applicationEventLabel[event]}”操作`, {
      details: { status: from, event },
    });
  }
}

/** The role never performs this event (an auditor approving, a reviewer submitting). */
export class RoleNotAllowed extends DomainError {
  readonly code = 'ROLE_NOT_ALLOWED';
  readonly status = 403;
  constructor(role: Role, event: ApplicationEvent) {
    super(`${roleLabel[role]}不能执行“${applicationEventLabel[event]}”操作`, { details: { role, event } });
  }
}

/** A reviewer acting on a step another reviewer owns (the 编办 approving at the centre's step). */
export class NotYourStep extends DomainError {
  readonly code = 'NOT_YOUR_STEP';
  readonly status = 403;
  constructor(step: Step | null, event: ApplicationEvent, role: Role) {
    const where = step === null ? '当前环节' : `当前环节（${stepLabel[step]}）`;
    super(`${where}不由${roleLabel[role]}处理，不能执行“${applicationEventLabel[event]}”操作`, {
      details: { step, event, role },
    });
  }
}

/** 退回修改 always says why, so the 经办人 knows what to change. */
export class ReasonRequired extends DomainError {
  readonly code = 'REASON_REQUIRED';
  readonly status = 400;
  constructor() {
    super('退回修改时必须填写至少一条退回原因', { field: 'reasons' });
  }
}

export class PaperIncomplete extends DomainError {
  readonly code = 'PAPER_INCOMPLETE';
  readonly status = 409;
  constructor(missing: number, total: number) {
    super(
      total === 0 ? '尚未登记纸质材料，不能确认' : `还有 ${missing} 份纸质材料未收到，不能确认纸质材料`,
      { details: { missing, total } },
    );
  }
}

/** The stored status and the chain position disagree: a bug or a bad migration, never the user's
 * fault, so it maps to 500 rather than to a rule the user broke. */
export class WorkflowCorrupt extends DomainError {
  readonly code = 'WORKFLOW_CORRUPT';
  readonly status = 500;
  constructor(state: { status: ApplicationStatus; chain: readonly Step[]; stepIndex: number }) {
    super('申请的审核流程数据不一致，请联系系统管理员', {
      details: { status: state.status, chain: [...state.chain], stepIndex: state.stepIndex },
    });
  }
}
