import { Conflict, Forbidden, InvalidInput } from '../errors.js';
import type { Role } from '../types.js';

/** Which scope field each role needs: a 经办人 belongs to a unit, an office reviewer to a region. */
export interface RoleScope {
  role: Role;
  unitId: string | null;
  regionCode: string | null;
}

export function verifyRoleScope(s: RoleScope): void {
  if (s.role === 'handler' && s.unitId === null) {
    throw new InvalidInput('UNIT_REQUIRED', '经办人必须选择所属单位', 'unitId');
  }
  if (s.role === 'office_reviewer' && s.regionCode === null) {
    throw new InvalidInput('REGION_REQUIRED', '编办审核员必须选择所属区域', 'regionCode');
  }
  if (s.role !== 'handler' && s.unitId !== null) {
    throw new InvalidInput('UNIT_NOT_ALLOWED', '只有经办人可以设置所属单位', 'unitId');
  }
  if (s.role !== 'office_reviewer' && s.regionCode !== null) {
    throw new InvalidInput('REGION_NOT_ALLOWED', '只有编办审核员可以设置所属区域', 'regionCode');
  }
}

export class AdminOnly extends Forbidden {
  constructor() {
    super('ADMIN_ONLY', '只有系统管理员可以管理用户');
  }
}

export class UsernameTaken extends Conflict {
  constructor() {
    super('USERNAME_TAKEN', '用户名已存在', 'username');
  }
}

export class StaleVersion extends Conflict {
  constructor(what = '该记录') {
    super('STALE_VERSION', `${what}已被他人修改，请刷新后重试`);
  }
}

/** An admin must not lock themselves out: disabling or demoting oneself is refused. */
export class CannotChangeOwnAccess extends Conflict {
  constructor() {
    super('CANNOT_CHANGE_OWN_ACCESS', '不能停用自己或修改自己的角色');
  }
}

/** The admin resets other people's second factor; their own would be a way around it. */
export class CannotResetOwnSecondFactor extends Conflict {
  constructor() {
    super('CANNOT_RESET_OWN_SECOND_FACTOR', '不能重置自己的二次验证，请联系另一位系统管理员');
  }
}
