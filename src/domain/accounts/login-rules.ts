import type { SecurityPolicy } from '../../config.js';

/** The part of an account that the login rules read. */
export interface LoginState {
  failedLoginCount: number;
  lockedUntil: Date | null;
  mustChangePassword: boolean;
  passwordNeverExpires: boolean;
  passwordChangedAt: Date;
}

export const isLocked = (s: Pick<LoginState, 'lockedUntil'>, now: Date): boolean => s.lockedUntil !== null && s.lockedUntil > now;

/** After a wrong password: count it, and lock once the limit is reached (the count restarts so
 * the account gets a full allowance again when the lock ends). */
export function afterFailedLogin(
  s: LoginState,
  now: Date,
  policy: Pick<SecurityPolicy, 'loginMaxFailures' | 'loginLockMs'>,
): { failedLoginCount: number; lockedUntil: Date | null; lockedNow: boolean } {
  const count = (s.lockedUntil !== null && s.lockedUntil <= now ? 0 : s.failedLoginCount) + 1;
  if (count >= policy.loginMaxFailures) {
    return { failedLoginCount: 0, lockedUntil: new Date(now.getTime() + policy.loginLockMs), lockedNow: true };
  }
  return { failedLoginCount: count, lockedUntil: null, lockedNow: false };
}

export type MustChangeReason = 'reset' | 'expired';

export function passwordExpiresAt(s: LoginState, policy: Pick<SecurityPolicy, 'passwordMaxAgeMs'>): Date | null {
  return s.passwordNeverExpires ? null : new Date(s.passwordChangedAt.getTime() + policy.passwordMaxAgeMs);
}

/** Why the user must choose a new password before doing anything else, if they must. */
export function mustChangeReason(
  s: LoginState,
  now: Date,
  policy: Pick<SecurityPolicy, 'passwordMaxAgeMs'>,
): MustChangeReason | null {
  if (s.mustChangePassword) return 'reset';
  const expires = passwordExpiresAt(s, policy);
  return expires !== null && expires <= now ? 'expired' : null;
}
