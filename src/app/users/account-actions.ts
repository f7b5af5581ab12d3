import { deleteUserSessions } from '../../db/repositories/sessions.js';
import { updateUser, withoutSecondFactor, type UserRow } from '../../db/repositories/users.js';
import { CannotChangeOwnAccess, CannotResetOwnSecondFactor } from '../../domain/accounts/user-rules.js';
import type { AuditAction } from '../../domain/audit/actions.js';
import type { Db } from '../../db/client.js';
import { recordAudit } from '../audit/record.js';
import { hashPassword } from '../auth/password-hashing.js';
import { randomPassword } from '../auth/tokens.js';
import type { Ctx } from '../context.js';
import { loadUserForUpdate, presentUserById, verifyAdmin } from './load.js';
import type { AdminUserView } from './present-user.js';

/** Runs one admin action on one account: load, act, audit, in one transaction. */
async function onAccount<T>(
  ctx: Ctx,
  id: string,
  action: AuditAction,
  act: (tx: Db, user: UserRow) => Promise<T>,
): Promise<T> {
  verifyAdmin(ctx);
  return ctx.db.transaction(async (tx) => {
    const user = await loadUserForUpdate(tx, id);
    const result = await act(tx, user);
    await recordAudit(tx, ctx.clock, ctx.meta, {
      action,
      result: 'success',
      actor: { id: ctx.actor.id, username: ctx.actor.username },
      target: { type: 'user', id: user.id },
      details: { username: user.username },
    });
    return result;
  });
}

const bump = (ctx: Ctx, user: UserRow) => ({ version: user.version + 1, updatedAt: ctx.clock.now() });

/** Disabling ends every session of the account at once. */
export const disableUser = (ctx: Ctx, id: string): Promise<AdminUserView> =>
  onAccount(ctx, id, 'user_disable', async (tx, user) => {
    if (user.id === ctx.actor.id) throw new CannotChangeOwnAccess();
    await updateUser(tx, user.id, { disabled: true, ...bump(ctx, user) });
    await deleteUserSessions(tx, user.id);
    return presentUserById(tx, user.id);
  });

export const enableUser = (ctx: Ctx, id: string): Promise<AdminUserView> =>
  onAccount(ctx, id, 'user_enable', async (tx, user) => {
    await updateUser(tx, user.id, { disabled: false, ...bump(ctx, user) });
    return presentUserById(tx, user.id);
  });

export const unlockUser = (ctx: Ctx, id: string): Promise<AdminUserView> =>
  onAccount(ctx, id, 'user_unlock', async (tx, user) => {
    await updateUser(tx, user.id, { lockedUntil: null, failedLoginCount: 0, ...bump(ctx, user) });
    return presentUserById(tx, user.id);
  });

/** A temporary password, shown to the admin once; the user must change it at next login. */
export const resetUserPassword = (ctx: Ctx, id: string): Promise<{ temporaryPassword: string }> =>
  onAccount(ctx, id, 'user_password_reset', async (tx, user) => {
    const temporaryPassword = randomPassword();
    await updateUser(tx, user.id, {
      passwordHash: await hashPassword(temporaryPassword),
      passwordChangedAt: ctx.clock.now(),
      mustChangePassword: true,
      lockedUntil: null,
      failedLoginCount: 0,
      ...bump(ctx, user),
    });
    await deleteUserSessions(tx, user.id);
    return { temporaryPassword };
  });

/**
 * Recovery when a user lost their authenticator: their TOTP is removed and their sessions end;
 * at next login a role that requires it sets up a new one. Never one's own (another admin must).
 */
export const resetUserSecondFactor = (ctx: Ctx, id: string): Promise<AdminUserView> =>
  onAccount(ctx, id, 'user_second_factor_reset', async (tx, user) => {
    if (user.id === ctx.actor.id) throw new CannotResetOwnSecondFactor();
    await updateUser(tx, user.id, {
      ...withoutSecondFactor,
      ...bump(ctx, user),
    });
    await deleteUserSessions(tx, user.id);
    return presentUserById(tx, user.id);
  });
