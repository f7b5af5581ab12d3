import { afterAll, describe, it, expect } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFakeAliyun, startFakeTencent } from '../../../test/support/fake-sms/index.js';
import { AliyunSmsSender } from './aliyun.js';
import { createSmsSender, parseSmsConfig, SmsConfigError } from './config.js';
import { LogSmsSender, logMessageId } from './log-sms.js';
import { TencentSmsSender } from './tencent.js';
import type { SmsMessage } from './types.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), 'zm-sms-'));
  dirs.push(d);
  return d;
}

const message: SmsMessage = { to: '13800000001', template: 'login_code', params: { code: '1234', minutes: '5' }, text: '验证码1234，5分钟内有效', idempotencyKey: 'k-1' };
const TEMPLATES = '{"login_code":{"id":"SMS_1","params":["code","minutes"]},"application_returned":{"id":"SMS_2"}}';

describe('parseSmsConfig', () => {
  it('defaults to the log provider with no templates', () => {
    expect(parseSmsConfig({})).toEqual({
      provider: 'log', endpoint: undefined, accessKeyId: undefined, accessKeySecret: undefined,
      signName: undefined, sdkAppId: undefined, region: undefined, templates: {},
    });
  });

  it('reads every setting and the template mapping', () => {
    const c = parseSmsConfig({
      SMS_PROVIDER: ' Tencent ', SMS_ENDPOINT: 'http://127.0.0.1:1/', SMS_ACCESS_KEY_ID: 'id', SMS_ACCESS_KEY_SECRET: 'secret',
      SMS_SIGN_NAME: '正名', SMS_SDK_APP_ID: '1400006666', SMS_REGION: 'ap-beijing', SMS_TEMPLATES: TEMPLATES,
    });
    expect(c).toMatchObject({ provider: 'tencent', endpoint: 'http://127.0.0.1:1/', sdkAppId: '1400006666', region: 'ap-beijing' });
    expect(c.templates).toEqual({ login_code: { id: 'SMS_1', params: ['code', 'minutes'] }, application_returned: { id: 'SMS_2', params: [] } });
  });

  it('rejects an unknown provider and malformed templates with clear messages', () => {
    expect(() => parseSmsConfig({ SMS_PROVIDER: 'huawei' })).toThrow(SmsConfigError);
    expect(() => parseSmsConfig({ SMS_PROVIDER: 'huawei' })).toThrow('SMS_PROVIDER');
    expect(() => parseSmsConfig({ SMS_TEMPLATES: '{oops' })).toThrow('SMS_TEMPLATES 不是合法的 JSON');
    expect(() => parseSmsConfig({ SMS_TEMPLATES: '[]' })).toThrow('SMS_TEMPLATES 应为对象');
    expect(() => parseSmsConfig({ SMS_TEMPLATES: '{"a":{"params":[]}}' })).toThrow('“a”缺少服务商模板 id');
    expect(() => parseSmsConfig({ SMS_TEMPLATES: '{"a":{"id":"1","params":[1]}}' })).toThrow('“a”的 params 应为字符串数组');
  });
});

describe('createSmsSender', () => {
  it('builds the log sender, which appends one JSON line per message', async () => {
    const file = path.join(await tempDir(), 'nested', 'outbox.log');
    const sender = createSmsSender(parseSmsConfig({}), { logFile: file, clock: { now: () => new Date('2024-01-01T00:00:00Z') } });
    expect(sender).toBeInstanceOf(LogSmsSender);
    const r1 = await sender.send(message);
    await sender.send({ ...message, idempotencyKey: 'k-2' });
    expect(r1).toEqual({ ok: true, providerMessageId: logMessageId('k-1') });
    expect(logMessageId('k-1')).toMatch(/^log-[0-9a-f]{16}$/);
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as unknown);
    expect(lines).toEqual([
      { at: '2024-01-01T00:00:00.000Z', to: '13800000001', template: 'login_code', text: '验证码1234，5分钟内有效', idempotencyKey: 'k-1' },
      { at: '2024-01-01T00:00:00.000Z', to: '13800000001', template: 'login_code', text: '验证码1234，5分钟内有效', idempotencyKey: 'k-2' },
    ]);
  });

  it('reports an unwritable log file as retryable', async () => {
    const dir = await tempDir();
    const r = await new LogSmsSender(dir).send(message); // a directory cannot be appended to
    expect(r).toMatchObject({ ok: false, retryable: true, code: 'LOG_WRITE_FAILED' });
  });

  it('throws at construction when aliyun or tencent credentials are missing', () => {
    const deps = { logFile: '/unused' };
    expect(() => createSmsSender(parseSmsConfig({ SMS_PROVIDER: 'aliyun' }), deps)).toThrow('短信配置不完整：缺少 SMS_ACCESS_KEY_ID');
    expect(() => createSmsSender(parseSmsConfig({ SMS_PROVIDER: 'aliyun', SMS_ACCESS_KEY_ID: 'a', SMS_ACCESS_KEY_SECRET: 'b' }), deps)).toThrow('缺少 SMS_SIGN_NAME');
    const tencent = { SMS_PROVIDER: 'tencent', SMS_ACCESS_KEY_ID: 'a', SMS_ACCESS_KEY_SECRET: 'b', SMS_SIGN_NAME: '正名' };
    expect(() => createSmsSender(parseSmsConfig(tencent), deps)).toThrow('短信配置不完整：缺少 SMS_SDK_APP_ID');
  });

  it('wires the configured provider end to end (endpoint override, templates)', async () => {
    const ali = await startFakeAliyun({ accessKeyId: 'a', secret: 'b' });
    const tc = await startFakeTencent({ secretId: 'a', secretKey: 'b' });
    try {
      const common = { SMS_ACCESS_KEY_ID: 'a', SMS_ACCESS_KEY_SECRET: 'b', SMS_SIGN_NAME: '正名', SMS_SDK_APP_ID: '1400006666', SMS_TEMPLATES: TEMPLATES };
      const a = createSmsSender(parseSmsConfig({ ...common, SMS_PROVIDER: 'aliyun', SMS_ENDPOINT: ali.url }), { logFile: '/unused' });
      const t = createSmsSender(parseSmsConfig({ ...common, SMS_PROVIDER: 'tencent', SMS_ENDPOINT: tc.url }), { logFile: '/unused' });
      expect(a).toBeInstanceOf(AliyunSmsSender);
      expect(t).toBeInstanceOf(TencentSmsSender);
      expect(await a.send(message)).toMatchObject({ ok: true });
      expect(await t.send(message)).toMatchObject({ ok: true });
      expect(ali.received).toEqual([{ to: '13800000001', templateId: 'SMS_1', params: { code: '1234', minutes: '5' }, idempotencyKey: 'k-1' }]);
      expect(tc.received).toEqual([{ to: '13800000001', templateId: 'SMS_1', params: ['1234', '5'], idempotencyKey: 'k-1' }]);
    } finally {
      await ali.close();
      await tc.close();
    }
  });
});
