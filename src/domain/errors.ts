/**
 * Every rule a request can break has its own error class with a stable `code` (for programs)
 * and a Chinese `message` (for people). The HTTP layer maps `status` onto the response; nothing
 * below the HTTP layer knows about HTTP beyond that number.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly status: number;
  /** Field the error is about, as the API names it (e.g. `username`), when there is one. */
  readonly field: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(message: string, options: { field?: string; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = new.target.name;
    this.field = options.field;
    this.details = options.details;
  }
}

/** Input that is well-formed JSON but breaks a rule (a bad check digit, a weak password…). */
export class InvalidInput extends DomainError {
  readonly code: string;
  readonly status = 400;
  constructor(code: string, message: string, field?: string, details?: Record<string, unknown>) {
    super(message, { ...(field === undefined ? {} : { field }), ...(details === undefined ? {} : { details }) });
    this.code = code;
  }
}

/** The thing does not exist, or exists outside the actor's scope: both look the same from outside. */
export class NotFound extends DomainError {
  readonly code = 'NOT_FOUND';
  readonly status = 404;
  constructor(what = '资源') {
    super(`${what}不存在`);
  }
}

export class NotAuthenticated extends DomainError {
  readonly code = 'NOT_AUTHENTICATED';
  readonly status = 401;
  constructor(message = '未登录或会话已过期，请重新登录') {
    super(message);
  }
}

export class Forbidden extends DomainError {
  readonly code: string;
  readonly status = 403;
  constructor(code = 'FORBIDDEN', message = '无权执行此操作') {
    super(message);
    this.code = code;
  }
}

export class Conflict extends DomainError {
  readonly code: string;
  readonly status = 409;
  constructor(code: string, message: string, field?: string) {
    super(message, field === undefined ? {} : { field });
    this.code = code;
  }
}

export class TooManyRequests extends DomainError {
  readonly code = 'RATE_LIMITED';
  readonly status = 429;
  constructor(message = '操作过于频繁，请稍后再试') {
    super(message);
  }
}
