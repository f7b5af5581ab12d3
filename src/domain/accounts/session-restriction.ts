import type { SecurityPolicy } from '../../config.js';
import type { Role } from '../types.js';
import { mustChangeReason, type LoginState } from './login-rules.js';
import { secondFactorRequired } from './totp.js';

/**
 * What a session must do before it may do anything else, in this order: type the code of the
 * second factor it has (before anything, even a forced password change: the password alone
 * proves nothing yet), change a reset or expired password, then set up the second factor its
 * role requires. null: the session is complete.
 */
export type SessionRestriction = 'second_factor' | 'password_change' | 'second_factor_enrolment';

export interface RestrictionState extends LoginState {
  role: Role;
  totpEnabledAt: Date | null;
}

export function sessionRestriction(
  user: RestrictionState,
  sessionSecondFactorAt: Date | null,
  now: Date,
  policy: Pick<SecurityPolicy, 'passwordMaxAgeMs'>,
): SessionRestriction | null {
  if (user.totpEnabledAt !== null && sessionSecondFactorAt === null) return 'second_factor';
  if (mustChangeReason(user, now, policy) !== null) return 'password_change';
  if (user.totpEnabledAt === null && secondFactorRequired(user.role)) return 'second_factor_enrolment';
  return null;
}
