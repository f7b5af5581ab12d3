import type { UserRow } from '../../db/repositories/users.js';
import { roleLabel } from '../../domain/types.js';

export function presentAdminUser(r: { user: UserRow; unitName: string | null; regionName: string | null }) {
  const u = r.user;
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    roleLabel: roleLabel[u.role],
    unit: u.unitId === null ? null : { id: u.unitId, name: r.unitName ?? '' },
    region: u.regionCode === null ? null : { code: u.regionCode, name: r.regionName ?? '' },
    mobile: u.mobile,
    email: u.email,
    disabled: u.disabled,
    lockedUntil: u.lockedUntil?.toISOString() ?? null,
    mustChangePassword: u.mustChangePassword,
    secondFactorEnabled: u.totpEnabledAt !== null,
    createdAt: u.createdAt.toISOString(),
    version: u.version,
  };
}
export type AdminUserView = ReturnType<typeof presentAdminUser>;
