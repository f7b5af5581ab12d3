import { AliyunSmsSender } from './aliyun.js';
import { isRecord, SmsConfigError, type SmsHttpDeps, type SmsTemplates } from './common.js';
import { LogSmsSender } from './log-sms.js';
import { TencentSmsSender } from './tencent.js';
import type { SmsSender } from './types.js';

export { SmsConfigError, type SmsTemplateMapping, type SmsTemplates } from './common.js';

export type SmsProvider = 'log' | 'aliyun' | 'tencent';
const PROVIDERS: readonly SmsProvider[] = ['log', 'aliyun', 'tencent'];

export interface SmsConfig {
  provider: SmsProvider;
  endpoint: string | undefined;
  accessKeyId: string | undefined;
  accessKeySecret: string | undefined;
  signName: string | undefined;
  sdkAppId: string | undefined;
  region: string | undefined;
  templates: SmsTemplates;
}

export interface SmsSenderDeps extends SmsHttpDeps {
  /** Where the log sender appends its lines, e.g. `path.join(DATA_DIR, 'outbox.log')`. */
  logFile: string;
}

const opt = (v: string | undefined): string | undefined => (v?.trim() ? v.trim() : undefined);

/**
 * Reads the SMS settings from the environment. Throws `SmsConfigError` for an unknown
 * provider or a malformed `SMS_TEMPLATES`; missing credentials are reported by `createSmsSender`.
 */
export function parseSmsConfig(env: Record<string, string | undefined>): SmsConfig {
  const raw = opt(env.SMS_PROVIDER)?.toLowerCase() ?? 'log';
  const provider = PROVIDERS.find((p) => p === raw);
  if (!provider) throw new SmsConfigError(`短信配置错误：SMS_PROVIDER 取值“${raw}”无效，应为 log、aliyun 或 tencent`);
  return {
    provider,
    endpoint: opt(env.SMS_ENDPOINT),
    accessKeyId: opt(env.SMS_ACCESS_KEY_ID),
    accessKeySecret: opt(env.SMS_ACCESS_KEY_SECRET),
    signName: opt(env.SMS_SIGN_NAME),
    sdkAppId: opt(env.SMS_SDK_APP_ID),
    region: opt(env.SMS_REGION),
    templates: parseTemplates(opt(env.SMS_TEMPLATES)),
  };
}

export function parseTemplates(raw: string | undefined): SmsTemplates {
  if (raw === undefined) return {};
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new SmsConfigError('短信配置错误：SMS_TEMPLATES 不是合法的 JSON');
  }
  if (!isRecord(json)) throw new SmsConfigError('短信配置错误：SMS_TEMPLATES 应为对象 {"模板名": {"id": "…", "params": […]}}');
  const out: SmsTemplates = {};
  for (const [name, entry] of Object.entries(json)) {
    const id = isRecord(entry) ? entry.id : undefined;
    const params = isRecord(entry) ? (entry.params ?? []) : undefined;
    if (typeof id !== 'string' || !id.trim()) throw new SmsConfigError(`短信配置错误：SMS_TEMPLATES 中“${name}”缺少服务商模板 id`);
    if (!Array.isArray(params) || !params.every((p): p is string => typeof p === 'string')) {
      throw new SmsConfigError(`短信配置错误：SMS_TEMPLATES 中“${name}”的 params 应为字符串数组`);
    }
    out[name] = { id: id.trim(), params };
  }
  return out;
}

/** The sender for the configured provider; throws `SmsConfigError` when its credentials are incomplete. */
export function createSmsSender(config: SmsConfig, deps: SmsSenderDeps): SmsSender {
  const { logFile, ...http } = deps;
  switch (config.provider) {
    case 'log':
      return new LogSmsSender(logFile, http.clock);
    case 'aliyun':
      return new AliyunSmsSender({
        ...http,
        accessKeyId: config.accessKeyId,
        accessKeySecret: config.accessKeySecret,
        signName: config.signName,
        templates: config.templates,
        endpoint: config.endpoint,
        regionId: config.region,
      });
    case 'tencent':
      return new TencentSmsSender({
        ...http,
        secretId: config.accessKeyId,
        secretKey: config.accessKeySecret,
        sdkAppId: config.sdkAppId,
        signName: config.signName,
        templates: config.templates,
        endpoint: config.endpoint,
        region: config.region,
      });
  }
}
