import { deleteUserSessions } from '../../db/repositories/sessions.js';
import { findUserById } from '../../db/repositories/users.js';
import { WrongCurrentPassword } from '../../domain/accounts/errors.js';
import { NotAuthenticated } from '../../domain/errors.js';
import { recordAudit } from '../audit/record.js';
import type { Ctx } from '../context.js';
import { verifyPassword } from './password-hashing.js';
import { setOwnPassword } from './set-password.js';

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

/**
 * The user changes their own password. Their other sessions end; this one stays.
 * @throws WrongCurrentPassword  the current password does not match (audited as a failure)
 * @throws InvalidInput / PasswordReused  see setOwnPassword
 */
export async function changePassword(ctx: Ctx, currentTokenHash: string, input: ChangePasswordInput): Promise<void> {
  const now = ctx.clock.now();
  const actor = { id: ctx.actor.id, username: ctx.actor.username };
  const failure = await ctx.db.transaction(async (tx) => {
    const user = await findUserById(tx, ctx.actor.id, { forUpdate: true });
    if (user === undefined) throw new NotAuthenticated();
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
      await recordAudit(tx, ctx.clock, ctx.meta, {
        action: 'password_change',
        result: 'failure',
        actor,
        details: { reason: 'wrong_current_password' },
      });
      return new WrongCurrentPassword();
    }
    await setOwnPassword(tx, user, input.newPassword, now, ctx.policy);
    await deleteUserSessions(tx, user.id, currentTokenHash);
    await recordAudit(tx, ctx.clock, ctx.meta, { action: 'password_change', result: 'success', actor });
    return null;
  });
  if (failure !== null) throw failure;
}
