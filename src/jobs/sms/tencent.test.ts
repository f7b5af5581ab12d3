import { afterEach, describe, it, expect } from 'vitest';
import { createHash, createHmac } from 'node:crypto';
import { startFakeTencent, type FakeSmsBehaviour } from '../../../test/support/fake-sms/index.js';
import type { FetchLike } from './common.js';
import { interpretTencent, TencentSmsSender } from './tencent.js';
import type { SmsMessage } from './types.js';

const templates = { login_code: { id: '1234567', params: ['code', 'minutes'] } };
const msg = (over: Partial<SmsMessage> = {}): SmsMessage => ({
  to: '13800000001',
  template: 'login_code',
  params: { minutes: '5', code: '482913' },
  text: '您的验证码为482913，5分钟内有效',
  idempotencyKey: 'notif-1',
  ...over,
});

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function setup(behaviour?: FakeSmsBehaviour, secretKey = 'k3y', timeoutMs?: number) {
  const fake = await startFakeTencent({ secretId: 'AKIDtest', secretKey: 'k3y', ...(behaviour ? { behaviour } : {}) });
  closers.push(fake.close);
  const sender = new TencentSmsSender({
    secretId: 'AKIDtest', secretKey, sdkAppId: '1400006666', signName: '正名', templates, endpoint: fake.url, ...(timeoutMs ? { timeoutMs } : {}),
  });
  return { fake, sender };
}

describe('TencentSmsSender against the fake SMS API', () => {
  it('sends and returns the SerialNo; TemplateParamSet follows the configured order', async () => {
    const { fake, sender } = await setup();
    expect(await sender.send(msg())).toMatchObject({ ok: true, providerMessageId: expect.stringMatching(/^2640:\d{28}$/) });
    expect(fake.received).toEqual([{ to: '13800000001', templateId: '1234567', params: ['482913', '5'], idempotencyKey: 'notif-1' }]);
  });

  it('is rejected by the fake with a tampered secret: not retryable, a configuration error', async () => {
    const { fake, sender } = await setup(undefined, 'wrong');
    const r = await sender.send(msg());
    expect(r).toMatchObject({ ok: false, retryable: false, code: 'AuthFailure.SignatureFailure', reason: expect.stringContaining('配置错误') });
    expect(fake.received).toEqual([]);
  });

  it('treats request and per-number limits as retryable, then succeeds', async () => {
    const { fake, sender } = await setup(['throttle', 'limit_exceeded', 'ok']);
    expect(await sender.send(msg())).toMatchObject({ ok: false, retryable: true, code: 'RequestLimitExceeded' });
    expect(await sender.send(msg())).toMatchObject({ ok: false, retryable: true, code: 'LimitExceeded.PhoneNumberThirtySecondLimit' });
    expect(await sender.send(msg())).toMatchObject({ ok: true });
    expect(fake.received).toHaveLength(1);
  });

  it('reports an invalid number (in SendStatusSet) as not retryable with a Chinese reason', async () => {
    const { sender } = await setup('invalid_number');
    const expected = { ok: false, retryable: false, code: 'InvalidParameterValue.IncorrectPhoneNumber', reason: '手机号码格式错误' };
    expect(await sender.send(msg())).toEqual(expected);
    expect(await sender.send(msg({ to: '1380000', idempotencyKey: 'notif-2' }))).toEqual(expected);
  });

  it('reports template and signature problems as not retryable configuration errors', async () => {
    const { sender } = await setup(['template_invalid', 'sign_invalid']);
    expect(await sender.send(msg())).toMatchObject({ retryable: false, code: 'FailedOperation.TemplateIncorrectOrUnapproved', reason: expect.stringContaining('配置错误') });
    expect(await sender.send(msg())).toMatchObject({ retryable: false, code: 'FailedOperation.SignatureIncorrectOrUnapproved', reason: expect.stringContaining('配置错误') });
  });

  it('treats HTTP 5xx, a closed port and a timeout as retryable', async () => {
    const { sender } = await setup('server_error');
    expect(await sender.send(msg())).toMatchObject({ ok: false, retryable: true, code: 'HTTP_502' });
    const slow = await setup('hang', 'k3y', 200);
    expect(await slow.sender.send(msg())).toMatchObject({ ok: false, retryable: true, code: 'NETWORK_ERROR' });
    const closed = await setup();
    await closed.fake.close();
    expect(await closed.sender.send(msg())).toMatchObject({ ok: false, retryable: true, code: 'NETWORK_ERROR' });
  });

  it('repeating an idempotency key gets the same SerialNo and is recorded once (fake dedup by SessionContext)', async () => {
    const { fake, sender } = await setup();
    const a = await sender.send(msg());
    const b = await sender.send(msg());
    const c = await sender.send(msg({ idempotencyKey: 'notif-2' }));
    expect(a.ok && c.ok).toBe(true);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(fake.received.map((x) => x.idempotencyKey)).toEqual(['notif-1', 'notif-2']);
  });

  it('does not call the provider for an unmapped template', async () => {
    const { fake, sender } = await setup();
    expect(await sender.send(msg({ template: 'nope' }))).toMatchObject({ ok: false, retryable: false, code: 'TEMPLATE_NOT_MAPPED' });
    expect(fake.requests()).toBe(0);
  });

  it('throws a configuration error when a setting is missing', () => {
    const base = { secretId: 'id', secretKey: 'key', sdkAppId: '1400006666', signName: '正名', templates };
    expect(() => new TencentSmsSender({ ...base, sdkAppId: undefined })).toThrow('短信配置不完整：缺少 SMS_SDK_APP_ID');
    expect(() => new TencentSmsSender({ ...base, secretKey: ' ' })).toThrow('短信配置不完整：缺少 SMS_ACCESS_KEY_SECRET');
  });
});

describe('TencentSmsSender request, fixed clock', () => {
  it('sends exactly the TC3-signed POST computed step by step', async () => {
    const calls: { url: string; headers: Record<string, string>; body: string | undefined }[] = [];
    const fetchStub: FetchLike = async (url, init) => {
      calls.push({ url, headers: init.headers, body: init.body });
      return { status: 200, text: async () => '{"Response":{"SendStatusSet":[{"SerialNo":"5000:1","Code":"Ok","Message":"send success"}],"RequestId":"r"}}' };
    };
    const sender = new TencentSmsSender({
      secretId: 'AKIDtest', secretKey: 'k3y', sdkAppId: '1400006666', signName: '正名', templates,
      endpoint: 'https://sms.tencentcloudapi.com/', fetch: fetchStub, clock: { now: () => new Date('2024-02-29T23:59:59.900Z') },
    });
    expect(await sender.send(msg())).toEqual({ ok: true, providerMessageId: '5000:1' });

    const body = '{"PhoneNumberSet":["+8613800000001"],"SmsSdkAppId":"1400006666","SignName":"正名","TemplateId":"1234567",' +
      '"TemplateParamSet":["482913","5"],"SessionContext":"notif-1"}';
    const hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
    const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();
    // Step 1: canonical request. Step 2: string to sign with the UTC date of 1709251199.
    const canonical = `POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:sms.tencentcloudapi.com\n\ncontent-type;host\n${hex(body)}`;
    const toSign = `TC3-HMAC-SHA256\n1709251199\n2024-02-29/sms/tc3_request\n${hex(canonical)}`;
    // Step 3: key chain TC3+secret → date → service → tc3_request, then hex HMAC of the string to sign.
    const signature = createHmac('sha256', hmac(hmac(hmac('TC3k3y', '2024-02-29'), 'sms'), 'tc3_request')).update(toSign).digest('hex');
    expect(calls).toEqual([{
      url: 'https://sms.tencentcloudapi.com/',
      body,
      headers: {
        Authorization: `TC3-HMAC-SHA256 Credential=AKIDtest/2024-02-29/sms/tc3_request, SignedHeaders=content-type;host, Signature=${signature}`,
        'Content-Type': 'application/json; charset=utf-8',
        Host: 'sms.tencentcloudapi.com',
        'X-TC-Action': 'SendSms',
        'X-TC-Version': '2021-01-11',
        'X-TC-Timestamp': '1709251199',
        'X-TC-Region': 'ap-guangzhou',
      },
    }]);
  });
});

describe('interpretTencent', () => {
  it('classifies top-level errors and passes unknown messages through, not retryable', () => {
    expect(interpretTencent(200, '{"Response":{"Error":{"Code":"AuthFailure.SecretIdNotFound","Message":"x"},"RequestId":"r"}}')).toMatchObject({ retryable: false, reason: expect.stringContaining('SMS_ACCESS_KEY_ID') });
    expect(interpretTencent(200, '{"Response":{"Error":{"Code":"InternalError.Timeout","Message":"超时"},"RequestId":"r"}}')).toMatchObject({ retryable: true });
    expect(interpretTencent(200, '{"Response":{"SendStatusSet":[{"Code":"FailedOperation.InsufficientBalanceInSmsPackage","Message":"套餐包余量不足"}]}}')).toEqual({
      ok: false, retryable: false, code: 'FailedOperation.InsufficientBalanceInSmsPackage', reason: '腾讯云短信拒绝发送：套餐包余量不足',
    });
  });
});
