import type { Db } from '../../db/client.js';
import { findUserById, findUserWithScope, type UserRow } from '../../db/repositories/users.js';
import { AdminOnly } from '../../domain/accounts/user-rules.js';
import { NotFound } from '../../domain/errors.js';
import type { Ctx } from '../context.js';
import { presentAdminUser, type AdminUserView } from './present-user.js';

export function verifyAdmin(ctx: Ctx): void {
  if (ctx.actor.role !== 'admin') throw new AdminOnly();
}

export async function loadUserForUpdate(tx: Db, id: string): Promise<UserRow> {
  const user = await findUserById(tx, id, { forUpdate: true });
  if (user === undefined) throw new NotFound('用户');
  return user;
}

export async function presentUserById(tx: Db, id: string): Promise<AdminUserView> {
  const row = await findUserWithScope(tx, id);
  if (row === undefined) throw new NotFound('用户');
  return presentAdminUser(row);
}
