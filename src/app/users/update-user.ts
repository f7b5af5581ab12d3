import { deleteUserSessions } from '../../db/repositories/sessions.js';
import { updateUserIfVersion } from '../../db/repositories/users.js';
import { CannotChangeOwnAccess, StaleVersion, verifyRoleScope } from '../../domain/accounts/user-rules.js';
import type { Role } from '../../domain/types.js';
import { recordAudit } from '../audit/record.js';
import type { Ctx } from '../context.js';
import { normaliseContact, verifyScopeExists } from './contact.js';
import { loadUserForUpdate, presentUserById, verifyAdmin } from './load.js';
import type { AdminUserView } from './present-user.js';

export interface UpdateUserInput {
  id: string;
  version: number;
  displayName?: string | undefined;
  role?: Role | undefined;
  unitId?: string | null | undefined;
  regionCode?: string | null | undefined;
  mobile?: string | null | undefined;
  email?: string | null | undefined;
}

/**
 * The admin edits an account's name, role, scope or contacts. A change of role or scope ends the
 * user's sessions, so no session keeps a scope the user no longer has.
 * @throws AdminOnly, NotFound, StaleVersion, CannotChangeOwnAccess, InvalidInput
 */
export async function updateUser(ctx: Ctx, input: UpdateUserInput): Promise<AdminUserView> {
  verifyAdmin(ctx);
  const mobile = normaliseContact('mobile', input.mobile);
  const email = normaliseContact('email', input.email);
  return ctx.db.transaction(async (tx) => {
    const user = await loadUserForUpdate(tx, input.id);
    if (user.version !== input.version) throw new StaleVersion('该用户');
    const role = input.role ?? user.role;
    // A new role brings its own scope: fields not sent are cleared rather than carried over.
    const roleChanged = role !== user.role;
    const scope = {
      role,
      unitId: input.unitId !== undefined ? input.unitId : roleChanged ? null : user.unitId,
      regionCode: input.regionCode !== undefined ? input.regionCode : roleChanged ? null : user.regionCode,
    };
    verifyRoleScope(scope);
    const scopeChanged = roleChanged || scope.unitId !== user.unitId || scope.regionCode !== user.regionCode;
    if (scopeChanged && user.id === ctx.actor.id) throw new CannotChangeOwnAccess();
    await verifyScopeExists(tx, scope.unitId, scope.regionCode);
    const ok = await updateUserIfVersion(tx, user.id, user.version, {
      ...(input.displayName === undefined ? {} : { displayName: input.displayName }),
      ...scope,
      ...(mobile === undefined ? {} : { mobile }),
      ...(email === undefined ? {} : { email }),
      updatedAt: ctx.clock.now(),
    });
    if (!ok) throw new StaleVersion('该用户');
    if (scopeChanged) await deleteUserSessions(tx, user.id);
    await recordAudit(tx, ctx.clock, ctx.meta, {
      action: 'user_update',
      result: 'success',
      actor: { id: ctx.actor.id, username: ctx.actor.username },
      target: { type: 'user', id: user.id },
      details: {
        before: { displayName: user.displayName, role: user.role, unitId: user.unitId, regionCode: user.regionCode },
        after: { displayName: input.displayName ?? user.displayName, ...scope },
        contactsChanged: mobile !== undefined || email !== undefined,
      },
    });
    return presentUserById(tx, user.id);
  });
}
