import type { SecurityPolicy } from '../../config.js';
import type { Db } from '../../db/client.js';
import { addPasswordHistory, recentPasswordHashes, updateUser, type UserRow } from '../../db/repositories/users.js';
import { PasswordReused } from '../../domain/accounts/errors.js';
import { InvalidInput } from '../../domain/errors.js';
import { checkPasswordPolicy } from '../../domain/validators/password-policy.js';
import { hashPassword, verifyPassword } from './password-hashing.js';

/**
 * Gives `user` a new password chosen by themselves: the policy applies, and it may be none of
 * the current and last N passwords. Clears any forced change and any lock.
 * @throws InvalidInput    the password breaks the policy (field `newPassword`)
 * @throws PasswordReused  it is one of the recent passwords
 */
export async function setOwnPassword(
  tx: Db,
  user: UserRow,
  newPassword: string,
  now: Date,
  policy: SecurityPolicy,
): Promise<void> {
  const verdict = checkPasswordPolicy(newPassword, user.username);
  if (!verdict.ok) throw new InvalidInput(verdict.code, verdict.message, 'newPassword');
  // The current hash is normally also the newest history row (same string): count it once.
  const history = await recentPasswordHashes(tx, user.id, policy.passwordHistory);
  const recent = [...new Set([user.passwordHash, ...history])].slice(0, Math.max(policy.passwordHistory, 1));
  for (const old of recent) {
    if (await verifyPassword(old, newPassword)) throw new PasswordReused(policy.passwordHistory);
  }
  const passwordHash = await hashPassword(newPassword);
  await addPasswordHistory(tx, user.id, passwordHash, now);
  await updateUser(tx, user.id, {
    passwordHash,
    passwordChangedAt: now,
    mustChangePassword: false,
    failedLoginCount: 0,
    lockedUntil: null,
    updatedAt: now,
  });
}
