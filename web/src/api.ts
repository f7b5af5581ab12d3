/**
 * JSON fetch wrapper for the console API.
 * - same-origin cookies carry the session;
 * - every non-GET request carries `X-CSRF-Token` (the token from the current session);
 * - errors `{ error: { code, message, field?, details? } }` become an `ApiError`;
 * - a 401 on anything but the session probe (and the anonymous login/reset calls) ends the
 *   session on the client, which sends the user to the login page.
 */

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly field: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(status: number, code: string, message: string, field?: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.details = details;
  }
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;
let onPasswordChangeRequired: (() => void) | null = null;

export const setCsrfToken = (token: string | null): void => {
  csrfToken = token;
};

/** A session that must first change its password or pass 二次验证: the session is probed again
 * and the console shows that step. */
const restrictionCodes = new Set(['PASSWORD_CHANGE_REQUIRED', 'SECOND_FACTOR_REQUIRED', 'SECOND_FACTOR_ENROLMENT_REQUIRED']);

/** Installed by the session provider. */
export const setAuthHandlers = (h: { unauthorized: () => void; passwordChangeRequired: () => void } | null): void => {
  onUnauthorized = h?.unauthorized ?? null;
  onPasswordChangeRequired = h?.passwordChangeRequired ?? null;
};

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  /** Do not treat a 401 as "session ended" (session probe, login, password reset). */
  anonymous?: boolean;
  signal?: AbortSignal;
}

const toQuery = (q: RequestOptions['query']): string => {
  if (!q) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};

const httpMessage = (status: number): string => {
  if (status === 401) return '未登录或会话已过期，请重新登录';
  if (status === 403) return '没有权限执行此操作';
  if (status === 404) return '请求的内容不存在';
  if (status === 413) return '提交的内容过大';
  if (status === 429) return '操作过于频繁，请稍后再试';
  if (status >= 500) return `服务暂时不可用（${status}），请稍后再试`;
  return `请求失败（${status}）`;
};

async function parseError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON (proxy error page…) */
  }
  const e = (body as { error?: { code?: unknown; message?: unknown; field?: unknown; details?: unknown } } | null)?.error;
  if (e && typeof e.message === 'string') {
    return new ApiError(
      res.status,
      typeof e.code === 'string' ? e.code : `HTTP_${res.status}`,
      e.message,
      typeof e.field === 'string' ? e.field : undefined,
      e.details && typeof e.details === 'object' ? (e.details as Record<string, unknown>) : undefined,
    );
  }
  return new ApiError(res.status, `HTTP_${res.status}`, httpMessage(res.status));
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (opts.signal) init.signal = opts.signal;
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  // No Content-Type without a body: Fastify rejects an empty body declared as JSON.
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(path + toQuery(opts.query), init);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  if (!res.ok) {
    const error = await parseError(res);
    if (res.status === 401 && !opts.anonymous) onUnauthorized?.();
    if (restrictionCodes.has(error.code)) onPasswordChangeRequired?.();
    throw error;
  }
  if (res.status === 204 || res.status === 205) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal) =>
    request<T>(path, { query, ...(signal ? { signal } : {}) }),
  post: <T = void>(path: string, body?: unknown, extra: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    request<T>(path, { method: 'POST', body, ...extra }),
  patch: <T>(path: string, body: unknown) => request<T>(path, { method: 'PATCH', body }),
  put: <T>(path: string, body: unknown) => request<T>(path, { method: 'PUT', body }),
};

/** The message to show a person for any thrown value. */
export const errorMessage = (err: unknown): string =>
  err instanceof ApiError ? err.message : err instanceof Error && err.message ? err.message : '操作失败，请稍后再试';

export const isAbort = (err: unknown): boolean => err instanceof DOMException && err.name === 'AbortError';
