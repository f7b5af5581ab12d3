import { Conflict, DomainError, Forbidden, InvalidInput } from '../errors.js';

export class InvalidCredentials extends DomainError {
  readonly code = 'INVALID_CREDENTIALS';
  readonly status = 401;
  constructor() {
    super('用户名或密码错误');
  }
}

const hhmm = (d: Date) =>
  d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });

export class AccountLocked extends DomainError {
  readonly code = 'ACCOUNT_LOCKED';
  readonly status = 423;
  constructor(lockedUntil: Date) {
    super(`登录失败次数过多，账户已锁定，请于 ${hhmm(lockedUntil)} 后重试或联系管理员解锁`, {
      details: { lockedUntil: lockedUntil.toISOString() },
    });
  }
}

export class AccountDisabled extends DomainError {
  readonly code = 'ACCOUNT_DISABLED';
  readonly status = 403;
  constructor() {
    super('账户已停用，请联系管理员');
  }
}

export class PasswordChangeRequired extends Forbidden {
  constructor() {
    super('PASSWORD_CHANGE_REQUIRED', '请先修改密码');
  }
}

export class WrongCurrentPassword extends InvalidInput {
  constructor() {
    super('WRONG_CURRENT_PASSWORD', '当前密码不正确', 'currentPassword');
  }
}

export class PasswordReused extends InvalidInput {
  constructor(n: number) {
    super('PASSWORD_REUSED', `新密码不能与最近${n}次使用过的密码相同`, 'newPassword');
  }
}

export class ResetCodeInvalid extends InvalidInput {
  constructor() {
    super('RESET_CODE_INVALID', '验证码不正确', 'code');
  }
}

export class ResetCodeExpired extends InvalidInput {
  constructor() {
    super('RESET_CODE_EXPIRED', '验证码已过期，请重新获取', 'code');
  }
}

export class ResetTooManyAttempts extends InvalidInput {
  constructor() {
    super('RESET_TOO_MANY_ATTEMPTS', '验证码错误次数过多，请重新获取', 'code');
  }
}

export class CsrfTokenInvalid extends Forbidden {
  constructor() {
    super('CSRF_TOKEN_INVALID', '请求校验失败，请刷新页面后重试');
  }
}

export class SecondFactorRequired extends Forbidden {
  constructor() {
    super('SECOND_FACTOR_REQUIRED', '请先输入动态口令完成二次验证');
  }
}

export class SecondFactorEnrolmentRequired extends Forbidden {
  constructor() {
    super('SECOND_FACTOR_ENROLMENT_REQUIRED', '请先设置二次验证（动态口令）');
  }
}

export class SecondFactorCodeInvalid extends InvalidInput {
  constructor() {
    super('SECOND_FACTOR_CODE_INVALID', '动态口令不正确', 'code');
  }
}

export class SecondFactorCodeReused extends InvalidInput {
  constructor() {
    super('SECOND_FACTOR_CODE_REUSED', '该动态口令已使用过，请等待验证器显示下一个动态口令', 'code');
  }
}

export class SecondFactorEnrolmentExpired extends InvalidInput {
  constructor() {
    super('SECOND_FACTOR_ENROLMENT_EXPIRED', '二次验证设置已过期，请重新开始设置', 'code');
  }
}

export class SecondFactorAlreadyEnabled extends Conflict {
  constructor() {
    super('SECOND_FACTOR_ALREADY_ENABLED', '二次验证已开启');
  }
}

export class SecondFactorNotEnabled extends Conflict {
  constructor() {
    super('SECOND_FACTOR_NOT_ENABLED', '尚未开启二次验证');
  }
}

export class SecondFactorNotPending extends Conflict {
  constructor() {
    super('SECOND_FACTOR_NOT_PENDING', '本次登录无需再输入动态口令');
  }
}

export class SecondFactorMandatory extends Forbidden {
  constructor() {
    super('SECOND_FACTOR_MANDATORY', '审核员、系统管理员和审计管理员必须开启二次验证');
  }
}
