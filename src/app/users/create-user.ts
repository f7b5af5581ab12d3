import { findUserByUsername, insertUser } from '../../db/repositories/users.js';
import { UsernameTaken, verifyRoleScope } from '../../domain/accounts/user-rules.js';
import type { Role } from '../../domain/types.js';
import { recordAudit } from '../audit/record.js';
import { hashPassword } from '../auth/password-hashing.js';
import { randomPassword } from '../auth/tokens.js';
import type { Ctx } from '../context.js';
import { normaliseContact, verifyScopeExists } from './contact.js';
import { presentUserById, verifyAdmin } from './load.js';
import type { AdminUserView } from './present-user.js';

export interface CreateUserInput {
  username: string;
  displayName: string;
  role: Role;
  unitId?: string | null | undefined;
  regionCode?: string | null | undefined;
  mobile?: string | null | undefined;
  email?: string | null | undefined;
}

/**
 * The admin creates an account. Its first password is random, shown once, and must be changed
 * at first login.
 * @throws AdminOnly, UsernameTaken, InvalidInput (scope or contact)
 */
export async function createUser(ctx: Ctx, input: CreateUserInput): Promise<{ user: AdminUserView; initialPassword: string }> {
  verifyAdmin(ctx);
  const scope = { role: input.role, unitId: input.unitId ?? null, regionCode: input.regionCode ?? null };
  verifyRoleScope(scope);
  const mobile = normaliseContact('mobile', input.mobile) ?? null;
  const email = normaliseContact('email', input.email) ?? null;
  const initialPassword = randomPassword();
  const passwordHash = await hashPassword(initialPassword);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    if ((await findUserByUsername(tx, input.username)) !== undefined) throw new UsernameTaken();
    await verifyScopeExists(tx, scope.unitId, scope.regionCode);
    const user = await insertUser(tx, {
      username: input.username,
      displayName: input.displayName,
      ...scope,
      mobile,
      email,
      passwordHash,
      passwordChangedAt: now,
      mustChangePassword: true,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, ctx.clock, ctx.meta, {
      action: 'user_create',
      result: 'success',
      actor: { id: ctx.actor.id, username: ctx.actor.username },
      target: { type: 'user', id: user.id },
      details: { username: user.username, role: user.role, unitId: user.unitId, regionCode: user.regionCode },
    });
    return { user: await presentUserById(tx, user.id), initialPassword };
  });
}
