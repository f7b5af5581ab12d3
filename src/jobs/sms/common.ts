import { createHash } from 'node:crypto';
import type { SmsMessage, SmsResult } from './types.js';

/** Thrown at construction/parse time when the SMS settings cannot work. */
export class SmsConfigError extends Error {
  override name = 'SmsConfigError';
}

export type SmsFailure = Extract<SmsResult, { ok: false }>;

/** One of our templates as registered at the provider: its code/id and the ordered variable names. */
export interface SmsTemplateMapping {
  id: string;
  params: string[];
}
export type SmsTemplates = Record<string, SmsTemplateMapping>;

/** The subset of `fetch` the adapters use (the global `fetch` fits; tests may pass a stub). */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<{ status: number; text(): Promise<string> }>;

/** Injectable edges of the HTTP adapters. */
export interface SmsHttpDeps {
  fetch?: FetchLike;
  clock?: { now(): Date };
  nonce?: () => string;
  timeoutMs?: number;
}

export function fail(code: string, reason: string, retryable: boolean): SmsFailure {
  return { ok: false, retryable, code, reason };
}

export function requireSetting(value: string | undefined, envName: string): string {
  const v = value?.trim();
  if (!v) throw new SmsConfigError(`短信配置不完整：缺少 ${envName}`);
  return v;
}

export function sha256Hex(s: string | Buffer): string {
  return createHash('sha256').update(s).digest('hex');
}

/**
 * The idempotency key as the provider can take it: kept as-is when short and plain,
 * otherwise replaced by a stable SHA-256 hex prefix of at most `max` characters.
 */
export function providerKey(key: string, max: number): string {
  if (key.length <= max && /^[A-Za-z0-9_.:-]+$/.test(key)) return key;
  return sha256Hex(key).slice(0, Math.min(64, max));
}

export interface MappedTemplate {
  ok: true;
  id: string;
  names: string[];
  values: string[];
}

/** Looks up the provider template for a message and collects its variables in the configured order. */
export function mapTemplate(templates: SmsTemplates, m: SmsMessage): MappedTemplate | SmsFailure {
  const t = Object.hasOwn(templates, m.template) ? templates[m.template] : undefined;
  if (!t) return fail('TEMPLATE_NOT_MAPPED', `短信模板“${m.template}”未在 SMS_TEMPLATES 中配置服务商模板，无法发送`, false);
  const values: string[] = [];
  for (const name of t.params) {
    const v = m.params[name];
    if (v === undefined) return fail('TEMPLATE_PARAM_MISSING', `短信模板“${m.template}”缺少变量“${name}”，无法发送`, false);
    values.push(v);
  }
  return { ok: true, id: t.id, names: [...t.params], values };
}

export type HttpAnswer = { ok: true; status: number; body: string } | { ok: false; failure: SmsFailure };

/** One HTTP exchange; network errors and timeouts become a retryable failure instead of a throw. */
export async function callProvider(
  fetchFn: FetchLike,
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
  timeoutMs: number,
  providerLabel: string,
): Promise<HttpAnswer> {
  try {
    const res = await fetchFn(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    return { ok: true, status: res.status, body: await res.text() };
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return { ok: false, failure: fail('NETWORK_ERROR', `无法连接${providerLabel}短信服务（网络错误或超时），稍后重试：${detail}`, true) };
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseJsonObject(body: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(body);
    return isRecord(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** An answer without a usable provider code: 5xx/429 are worth retrying, anything else is not understood. */
export function statusFailure(status: number, providerLabel: string): SmsFailure {
  if (status >= 500 || status === 429) {
    return fail(`HTTP_${status}`, `${providerLabel}短信服务暂时不可用（HTTP ${status}），稍后重试`, true);
  }
  return fail('BAD_RESPONSE', `${providerLabel}短信服务返回了无法识别的应答（HTTP ${status}）`, status < 400);
}
