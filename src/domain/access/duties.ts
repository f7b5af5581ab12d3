import type { ApplicationEvent } from '../applications/events.js';
import { Forbidden } from '../errors.js';
import type { Actor } from './actor.js';

/**
 * Separation of duties (等保 三权分立): the admin manages accounts but cannot read the audit log
 * (app/audit checks AUDITOR_ONLY); the auditor reads the audit log but changes nothing except their
 * own session and account; nobody decides an application of their own unit.
 */

/** The auditor tried to change something other than their own session or account. */
export class AuditorReadOnly extends Forbidden {
  constructor() {
    super('AUDITOR_READ_ONLY', '审计管理员只能查看，不能修改用户或业务数据');
  }
}

/** A reviewer linked to a unit tried to decide that unit's application. */
export class OwnUnitDecision extends Forbidden {
  constructor() {
    super('OWN_UNIT_DECISION', '不能审核本单位的申请');
  }
}

/** What an auditor may still change: their own session (login, second factor, logout) and account
 * (password, contact, second factor), their inbox, and the password reset. */
const auditorSelfService = ['/api/session/', '/api/account/', '/api/inbox/', '/api/password-reset/'];

/** May this actor send this state-changing request at all? (Checked before the request is read.) */
export function assertMayChange(actor: Pick<Actor, 'role'>, path: string): void {
  if (actor.role === 'auditor' && !auditorSelfService.some((p) => path.startsWith(p))) throw new AuditorReadOnly();
}

/** The events by which a reviewer decides an application. */
const decisions: ReadonlySet<ApplicationEvent> = new Set(['approve', 'return', 'confirm_paper']);

/**
 * Nobody decides an application of their own unit. Reviewers belong to an office or the centre
 * and the account rules give them no unit (UNIT_NOT_ALLOWED), but the data model does not forbid
 * the link (users.unit_id is nullable for every role), so the rule is checked where decisions are
 * made, not assumed.
 */
export function assertNotOwnUnit(actor: Pick<Actor, 'unitId'>, applicationUnitId: string, event: ApplicationEvent | 'paper'): void {
  if ((event === 'paper' || decisions.has(event)) && actor.unitId !== null && actor.unitId === applicationUnitId) throw new OwnUnitDecision();
}
