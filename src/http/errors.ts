import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { PersonalDataCryptoError } from '../crypto/errors.js';
import { DomainError } from '../domain/errors.js';
import { fieldLabel, fieldName } from './field-labels.js';

export interface ErrorBody {
  error: { code: string; message: string; field?: string; details?: Record<string, unknown> };
}

const body = (code: string, message: string, field?: string, details?: Record<string, unknown>): ErrorBody => ({
  error: { code, message, ...(field === undefined ? {} : { field }), ...(details === undefined ? {} : { details }) },
});

type Issue = { keyword: string; instancePath: string; message: string; params: Record<string, unknown> };

const typeNames: Record<string, string> = {
  string: '字符串',
  number: '数字',
  int: '整数',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
};

/** One Chinese sentence for one zod issue, naming the field. */
export function describeIssue(issue: Issue): string {
  const label = fieldLabel(issue.instancePath);
  const p = issue.params;
  const num = (k: string) => (typeof p[k] === 'number' || typeof p[k] === 'bigint' ? String(p[k]) : '?');
  switch (issue.keyword) {
    case 'invalid_type':
      // zod does not report the input value; its message says "received undefined" for a missing field.
      return /received undefined/.test(issue.message)
        ? `缺少必填字段“${label}”`
        : `字段“${label}”应为${typeNames[String(p['expected'])] ?? String(p['expected'])}`;
    case 'too_small':
      return p['origin'] === 'string'
        ? `字段“${label}”至少需要${num('minimum')}个字符`
        : p['origin'] === 'array'
          ? `字段“${label}”至少需要${num('minimum')}项`
          : `字段“${label}”不能小于${num('minimum')}`;
    case 'too_big':
      return p['origin'] === 'string'
        ? `字段“${label}”不能超过${num('maximum')}个字符`
        : p['origin'] === 'array'
          ? `字段“${label}”不能超过${num('maximum')}项`
          : `字段“${label}”不能大于${num('maximum')}`;
    case 'unrecognized_keys': {
      const keys = Array.isArray(p['keys']) ? p['keys'].map(String).join('、') : '';
      return `请求包含未知字段：${keys}`;
    }
    case 'invalid_value':
      return `字段“${label}”的取值无效`;
    case 'invalid_format':
      return `字段“${label}”格式不正确`;
    default:
      return `字段“${label}”无效`;
  }
}

/**
 * One place maps every failure onto a 4xx with a stable code and a Chinese message. Only a
 * bug reaches the 500 branch, and then the message says nothing about internals.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof DomainError) {
      return reply.code(err.status).send(body(err.code, err.message, err.field, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation as unknown as Issue[];
      const first = issues[0];
      const where = err.validationContext === 'body' ? '' : `${err.validationContext ?? ''}:`;
      return reply.code(400).send(
        body('VALIDATION_FAILED', issues.map(describeIssue).join('；'), first === undefined ? undefined : fieldName(`${where}${first.instancePath}`), {
          issues: issues.map((i) => ({ field: fieldName(i.instancePath) ?? null, message: describeIssue(i) })),
        }),
      );
    }
    switch (err.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.code(400).send(body('INVALID_JSON', '请求内容不是有效的 JSON'));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply.code(415).send(body('UNSUPPORTED_MEDIA_TYPE', '请求内容类型不受支持，请使用 application/json'));
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply.code(413).send(body('BODY_TOO_LARGE', '请求内容过大'));
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return reply.code(400).send(body('INVALID_CONTENT_LENGTH', '请求长度不正确'));
    }
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send(body('BAD_REQUEST', '请求无效'));
    }
    // A missing or wrong personal-data key, or a sealed value changed in the database: a fault of
    // the installation, not of the request — said plainly rather than answered with garbage.
    if (err instanceof PersonalDataCryptoError) {
      req.log.error({ err }, 'personal data could not be opened');
      return reply.code(500).send(body(err.code, '个人信息无法解密（密钥缺失、不正确或数据被改动），请联系系统管理员'));
    }
        // drizzle wraps driver errors: the SQLSTATE is on the cause.
    const pgCode = (err as { cause?: { code?: unknown } }).cause?.code ?? (err as { code?: unknown }).code;
    if (pgCode === '23505') return reply.code(409).send(body('CONFLICT', '记录已存在或已被他人修改，请刷新后重试'));
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send(body('INTERNAL_ERROR', '服务器内部错误，请稍后再试'));
  });

}

export const routeNotFound = (method: string, url: string): ErrorBody =>
  body('ROUTE_NOT_FOUND', `接口不存在：${method} ${url.split('?')[0] ?? ''}`);
