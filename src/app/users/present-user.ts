import type { UserRow } from '../../db/repositories/users.js';
import { maskEmail, maskMobile } from '../../domain/personal-data/masking.js';
import { roleLabel } from '../../domain/types.js';

/** An account as the admin sees it: contacts masked (138****0000); the owner sees them in full under 账户信息. */
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
    mobile: u.mobile === null ? null : maskMobile(u.mobile),
    email: u.email === null ? null : maskEmail(u.email),
    disabled: u.disabled,
    lockedUntil: u.lockedUntil?.toISOString() ?? null,
    mustChangePassword: u.mustChangePassword,
    secondFactorEnabled: u.totpEnabledAt !== null,
    createdAt: u.createdAt.toISOString(),
    version: u.version,
  };
}
export type AdminUserView = ReturnType<typeof presentAdminUser>;
