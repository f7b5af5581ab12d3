import {
  callProvider, fail, isRecord, mapTemplate, parseJsonObject, providerKey, requireSetting, statusFailure, str,
  type FetchLike, type SmsFailure, type SmsHttpDeps, type SmsTemplates,
} from './common.js';
import { tc3Sign } from './tc3.js';
import type { SmsMessage, SmsResult, SmsSender } from './types.js';

export interface TencentSmsOptions extends SmsHttpDeps {
  secretId: string | undefined;
  secretKey: string | undefined;
  sdkAppId: string | undefined;
  signName: string | undefined;
  templates: SmsTemplates;
  endpoint?: string | undefined;
  region?: string | undefined;
}

export const TENCENT_DEFAULT_ENDPOINT = 'https://sms.tencentcloudapi.com/';
/** SessionContext must stay under 512 bytes; we keep it plain and short (longer keys are hashed). */
export const TENCENT_SESSION_CONTEXT_MAX = 128;
const CONTENT_TYPE = 'application/json; charset=utf-8';
const CONFIG = '短信配置错误';

/** Tencent Cloud SMS SendSms (API 3.0, version 2021-01-11) signed with TC3-HMAC-SHA256. */
export class TencentSmsSender implements SmsSender {
  readonly name = 'tencent';
  private readonly secretId: string;
  private readonly secretKey: string;
  private readonly sdkAppId: string;
  private readonly signName: string;
  private readonly endpoint: string;
  private readonly region: string;
  private readonly templates: SmsTemplates;
  private readonly fetchFn: FetchLike;
  private readonly now: () => Date;
  private readonly timeoutMs: number;

  constructor(o: TencentSmsOptions) {
    this.secretId = requireSetting(o.secretId, 'SMS_ACCESS_KEY_ID');
    this.secretKey = requireSetting(o.secretKey, 'SMS_ACCESS_KEY_SECRET');
    this.sdkAppId = requireSetting(o.sdkAppId, 'SMS_SDK_APP_ID');
    this.signName = requireSetting(o.signName, 'SMS_SIGN_NAME');
    this.endpoint = o.endpoint?.trim() || TENCENT_DEFAULT_ENDPOINT;
    this.region = o.region?.trim() || 'ap-guangzhou';
    this.templates = o.templates;
    this.fetchFn = o.fetch ?? fetch;
    const clock = o.clock;
    this.now = clock ? () => clock.now() : () => new Date();
    this.timeoutMs = o.timeoutMs ?? 10_000;
  }

  async send(m: SmsMessage): Promise<SmsResult> {
    const t = mapTemplate(this.templates, m);
    if (!t.ok) return t;
    const payload = JSON.stringify({
      PhoneNumberSet: [m.to.startsWith('+') ? m.to : `+86${m.to}`],
      SmsSdkAppId: this.sdkAppId,
      SignName: this.signName,
      TemplateId: t.id,
      TemplateParamSet: t.values,
      SessionContext: providerKey(m.idempotencyKey, TENCENT_SESSION_CONTEXT_MAX),
    });
    const host = new URL(this.endpoint).host;
    const timestamp = Math.floor(this.now().getTime() / 1000);
    const signed = tc3Sign({ secretId: this.secretId, secretKey: this.secretKey, service: 'sms', host, contentType: CONTENT_TYPE, payload, timestamp });
    const headers = {
      Authorization: signed.authorization,
      'Content-Type': CONTENT_TYPE,
      Host: host,
      'X-TC-Action': 'SendSms',
      'X-TC-Version': '2021-01-11',
      'X-TC-Timestamp': String(timestamp),
      'X-TC-Region': this.region,
    };
    const answer = await callProvider(this.fetchFn, this.endpoint, { method: 'POST', headers, body: payload }, this.timeoutMs, '腾讯云');
    return answer.ok ? interpretTencent(answer.status, answer.body) : answer.failure;
  }
}

/** Maps a Tencent SendSms answer to our result (request errors in `Response.Error`, per-number ones in `SendStatusSet`). */
export function interpretTencent(status: number, body: string): SmsResult {
  if (status >= 500) return statusFailure(status, '腾讯云');
  const response = parseJsonObject(body)?.Response;
  if (!isRecord(response)) return statusFailure(status, '腾讯云');
  const error = response.Error;
  if (isRecord(error)) return classifyTencent(str(error.Code) ?? 'UnknownError', str(error.Message));
  const first: unknown = Array.isArray(response.SendStatusSet) ? response.SendStatusSet[0] : undefined;
  if (!isRecord(first)) return statusFailure(status, '腾讯云');
  const code = str(first.Code) ?? 'UnknownError';
  if (code === 'Ok') {
    const serial = str(first.SerialNo);
    return serial ? { ok: true, providerMessageId: serial } : fail('BAD_RESPONSE', '腾讯云短信已受理但未返回 SerialNo', false);
  }
  return classifyTencent(code, str(first.Message));
}

export function classifyTencent(code: string, message: string | undefined): SmsFailure {
  const detail = message ?? code;
  if (code === 'RequestLimitExceeded' || code.startsWith('RequestLimitExceeded.') || code.startsWith('LimitExceeded.')) {
    return fail(code, `发送过于频繁，触发腾讯云短信频率限制（${detail}），稍后重试`, true);
  }
  if (code === 'InternalError' || code.startsWith('InternalError.')) {
    return fail(code, `腾讯云短信服务内部错误（${detail}），稍后重试`, true);
  }
  if (code === 'InvalidParameterValue.IncorrectPhoneNumber') return fail(code, '手机号码格式错误', false);
  if (code === 'AuthFailure.SignatureExpire') {
    return fail(code, `${CONFIG}：腾讯云签名已过期，请检查服务器时钟`, false);
  }
  if (code.startsWith('AuthFailure.')) {
    return fail(code, `${CONFIG}：腾讯云鉴权失败（${detail}），请检查 SMS_ACCESS_KEY_ID 与 SMS_ACCESS_KEY_SECRET`, false);
  }
  if (code === 'FailedOperation.TemplateIncorrectOrUnapproved') {
    return fail(code, `${CONFIG}：腾讯云模板不存在、未审核通过或变量不匹配，请检查 SMS_TEMPLATES`, false);
  }
  if (code === 'FailedOperation.SignatureIncorrectOrUnapproved') {
    return fail(code, `${CONFIG}：腾讯云短信签名未审核通过或格式错误，请检查 SMS_SIGN_NAME`, false);
  }
  return fail(code, `腾讯云短信拒绝发送：${detail}`, false);
}
