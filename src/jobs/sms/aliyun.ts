import { randomUUID } from 'node:crypto';
import { aliyunTimestamp, signedQuery } from './aliyun-sign.js';
import {
  callProvider, fail, mapTemplate, parseJsonObject, providerKey, requireSetting, statusFailure, str,
  type FetchLike, type SmsHttpDeps, type SmsTemplates,
} from './common.js';
import type { SmsMessage, SmsResult, SmsSender } from './types.js';

export interface AliyunSmsOptions extends SmsHttpDeps {
  accessKeyId: string | undefined;
  accessKeySecret: string | undefined;
  signName: string | undefined;
  templates: SmsTemplates;
  endpoint?: string | undefined;
  regionId?: string | undefined;
}

export const ALIYUN_DEFAULT_ENDPOINT = 'https://dysmsapi.aliyuncs.com/';
/** OutId is a free-form tag; we keep it short and plain (longer keys are hashed). */
export const ALIYUN_OUT_ID_MAX = 64;

const CONFIG = '短信配置错误';
const KNOWN: Record<string, { retryable: boolean; reason: string }> = {
  'isv.BUSINESS_LIMIT_CONTROL': { retryable: true, reason: '发送过于频繁，触发阿里云短信业务限流，稍后重试' },
  'Throttling.User': { retryable: true, reason: '请求过于频繁，被阿里云限流，稍后重试' },
  'isv.MOBILE_NUMBER_ILLEGAL': { retryable: false, reason: '手机号码格式错误' },
  'isv.SMS_TEMPLATE_ILLEGAL': { retryable: false, reason: `${CONFIG}：阿里云模板不存在或未通过审核，请检查 SMS_TEMPLATES` },
  'isv.SMS_SIGNATURE_ILLEGAL': { retryable: false, reason: `${CONFIG}：阿里云短信签名不存在或未通过审核，请检查 SMS_SIGN_NAME` },
  SignatureDoesNotMatch: { retryable: false, reason: `${CONFIG}：阿里云签名校验失败，请检查 SMS_ACCESS_KEY_SECRET` },
  'InvalidAccessKeyId.NotFound': { retryable: false, reason: `${CONFIG}：阿里云 AccessKeyId 不存在，请检查 SMS_ACCESS_KEY_ID` },
};

/** Aliyun SMS (dysmsapi 2017-05-25, RPC style, signature v1 HMAC-SHA1) over GET. */
export class AliyunSmsSender implements SmsSender {
  readonly name = 'aliyun';
  private readonly accessKeyId: string;
  private readonly secret: string;
  private readonly signName: string;
  private readonly endpoint: string;
  private readonly regionId: string;
  private readonly templates: SmsTemplates;
  private readonly fetchFn: FetchLike;
  private readonly now: () => Date;
  private readonly nonce: () => string;
  private readonly timeoutMs: number;

  constructor(o: AliyunSmsOptions) {
    this.accessKeyId = requireSetting(o.accessKeyId, 'SMS_ACCESS_KEY_ID');
    this.secret = requireSetting(o.accessKeySecret, 'SMS_ACCESS_KEY_SECRET');
    this.signName = requireSetting(o.signName, 'SMS_SIGN_NAME');
    this.endpoint = o.endpoint?.trim() || ALIYUN_DEFAULT_ENDPOINT;
    this.regionId = o.regionId?.trim() || 'cn-hangzhou';
    this.templates = o.templates;
    this.fetchFn = o.fetch ?? fetch;
    const clock = o.clock;
    this.now = clock ? () => clock.now() : () => new Date();
    this.nonce = o.nonce ?? randomUUID;
    this.timeoutMs = o.timeoutMs ?? 10_000;
  }

  /** The request parameters (without `Signature`) for one message. */
  buildParams(m: SmsMessage, templateCode: string, vars: Record<string, string> | undefined): Record<string, string> {
    const p: Record<string, string> = {
      AccessKeyId: this.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      RegionId: this.regionId,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: this.nonce(),
      SignatureVersion: '1.0',
      Timestamp: aliyunTimestamp(this.now()),
      Version: '2017-05-25',
      PhoneNumbers: m.to,
      SignName: this.signName,
      TemplateCode: templateCode,
      OutId: providerKey(m.idempotencyKey, ALIYUN_OUT_ID_MAX),
    };
    if (vars) p.TemplateParam = JSON.stringify(vars);
    return p;
  }

  async send(m: SmsMessage): Promise<SmsResult> {
    const t = mapTemplate(this.templates, m);
    if (!t.ok) return t;
    const vars = t.names.length > 0 ? Object.fromEntries(t.names.map((n, i) => [n, t.values[i] ?? ''])) : undefined;
    const query = signedQuery('GET', this.buildParams(m, t.id, vars), this.secret);
    const url = `${this.endpoint}${this.endpoint.includes('?') ? '&' : '?'}${query}`;
    const answer = await callProvider(this.fetchFn, url, { method: 'GET', headers: { Accept: 'application/json' } }, this.timeoutMs, '阿里云');
    return answer.ok ? interpretAliyun(answer.status, answer.body) : answer.failure;
  }
}

/** Maps an Aliyun SendSms answer (status + JSON body) to our result. */
export function interpretAliyun(status: number, body: string): SmsResult {
  const json = parseJsonObject(body);
  const code = str(json?.Code);
  if (!code) return statusFailure(status, '阿里云');
  if (code === 'OK' && status < 300) {
    const bizId = str(json?.BizId);
    return bizId ? { ok: true, providerMessageId: bizId } : fail('BAD_RESPONSE', '阿里云短信已受理但未返回 BizId', false);
  }
  const known = KNOWN[code];
  if (known) return fail(code, known.reason, known.retryable);
  const message = str(json?.Message) ?? code;
  if (status >= 500) return fail(code, `阿里云短信服务暂时不可用（HTTP ${status}）：${message}，稍后重试`, true);
  return fail(code, `阿里云短信拒绝发送：${message}`, false);
}
