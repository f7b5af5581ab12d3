import { afterEach, describe, it, expect } from 'vitest';
import { createHash, createHmac } from 'node:crypto';
import { startFakeAliyun, type FakeSmsBehaviour } from '../../../test/support/fake-sms/index.js';
import { AliyunSmsSender, interpretAliyun } from './aliyun.js';
import type { FetchLike } from './common.js';
import type { SmsMessage } from './types.js';

const templates = { application_returned: { id: 'SMS_123456', params: ['name', 'reason'] } };
const msg = (over: Partial<SmsMessage> = {}): SmsMessage => ({
  to: '13800000001',
  template: 'application_returned',
  params: { name: '张三', reason: '材料不全', unused: 'x' },
  text: '张三，您的申请已退回：材料不全',
  idempotencyKey: 'notif-1',
  ...over,
});

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function setup(behaviour?: FakeSmsBehaviour, secret = 's3cret', timeoutMs?: number) {
  const fake = await startFakeAliyun({ accessKeyId: 'LTAIkey', secret: 's3cret', ...(behaviour ? { behaviour } : {}) });
  closers.push(fake.close);
  const sender = new AliyunSmsSender({ accessKeyId: 'LTAIkey', accessKeySecret: secret, signName: '正名', templates, endpoint: fake.url, ...(timeoutMs ? { timeoutMs } : {}) });
  return { fake, sender };
}

describe('AliyunSmsSender against the fake Dysmsapi', () => {
  it('sends and returns the BizId; TemplateParam carries the mapped variables only', async () => {
    const { fake, sender } = await setup();
    const r = await sender.send(msg());
    expect(r).toMatchObject({ ok: true, providerMessageId: expect.stringMatching(/^\d{18}\^0$/) });
    expect(fake.received).toEqual([{ to: '13800000001', templateId: 'SMS_123456', params: { name: '张三', reason: '材料不全' }, idempotencyKey: 'notif-1' }]);
  });

  it('is rejected by the fake with a tampered secret: not retryable, a configuration error', async () => {
    const { fake, sender } = await setup(undefined, 'wrong');
    const r = await sender.send(msg());
    expect(r).toMatchObject({ ok: false, retryable: false, code: 'SignatureDoesNotMatch', reason: expect.stringContaining('配置错误') });
    expect(fake.received).toEqual([]);
  });

  it('treats throttling as retryable and succeeds on the next attempt', async () => {
    const { fake, sender } = await setup(['throttle', 'limit_exceeded', 'ok']);
    expect(await sender.send(msg())).toMatchObject({ ok: false, retryable: true, code: 'Throttling.User' });
    expect(await sender.send(msg())).toMatchObject({ ok: false, retryable: true, code: 'isv.BUSINESS_LIMIT_CONTROL' });
    expect(await sender.send(msg())).toMatchObject({ ok: true });
    expect(fake.received).toHaveLength(1);
  });

  it('reports an invalid number as not retryable with a Chinese reason', async () => {
    const { sender } = await setup('invalid_number');
    const expected = { ok: false, retryable: false, code: 'isv.MOBILE_NUMBER_ILLEGAL', reason: '手机号码格式错误' };
    expect(await sender.send(msg())).toEqual(expected);
    expect(await sender.send(msg({ to: '1380000', idempotencyKey: 'notif-2' }))).toEqual(expected);
  });

  it('reports template and signature problems as not retryable configuration errors', async () => {
    const { sender } = await setup(['template_invalid', 'sign_invalid']);
    expect(await sender.send(msg())).toMatchObject({ retryable: false, code: 'isv.SMS_TEMPLATE_ILLEGAL', reason: expect.stringContaining('SMS_TEMPLATES') });
    expect(await sender.send(msg())).toMatchObject({ retryable: false, code: 'isv.SMS_SIGNATURE_ILLEGAL', reason: expect.stringContaining('SMS_SIGN_NAME') });
  });

  it('treats HTTP 5xx, a closed port and a timeout as retryable', async () => {
    const { sender } = await setup('server_error');
    expect(await sender.send(msg())).toMatchObject({ ok: false, retryable: true, code: 'ServiceUnavailable' });
    const slow = await setup('hang', 's3cret', 200);
    expect(await slow.sender.send(msg())).toMatchObject({ ok: false, retryable: true, code: 'NETWORK_ERROR' });
    const closed = await setup();
    await closed.fake.close();
    expect(await closed.sender.send(msg())).toMatchObject({ ok: false, retryable: true, code: 'NETWORK_ERROR' });
  });

  it('repeating an idempotency key gets the same BizId and is recorded once (fake dedup by OutId)', async () => {
    const { fake, sender } = await setup();
    const long = `outbox:${'x'.repeat(100)}:第一条`;
    const a = await sender.send(msg({ idempotencyKey: long }));
    const b = await sender.send(msg({ idempotencyKey: long }));
    const c = await sender.send(msg({ idempotencyKey: 'notif-2' }));
    expect(a.ok && b.ok && c.ok).toBe(true);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(fake.received.map((x) => x.idempotencyKey)).toEqual([createHash('sha256').update(long).digest('hex'), 'notif-2']);
  });

  it('does not call the provider for an unmapped template or a missing variable', async () => {
    const { fake, sender } = await setup();
    expect(await sender.send(msg({ template: 'nope' }))).toMatchObject({ ok: false, retryable: false, code: 'TEMPLATE_NOT_MAPPED' });
    expect(await sender.send(msg({ params: { name: '张三' } }))).toMatchObject({ ok: false, retryable: false, code: 'TEMPLATE_PARAM_MISSING' });
    expect(fake.requests()).toBe(0);
  });

  it('throws a configuration error when a credential is missing', () => {
    expect(() => new AliyunSmsSender({ accessKeyId: '', accessKeySecret: 's', signName: 'n', templates })).toThrow('短信配置不完整：缺少 SMS_ACCESS_KEY_ID');
    expect(() => new AliyunSmsSender({ accessKeyId: 'k', accessKeySecret: undefined, signName: 'n', templates })).toThrow('缺少 SMS_ACCESS_KEY_SECRET');
  });
});

describe('AliyunSmsSender request, fixed clock and nonce', () => {
  it('sends exactly the signed GET computed step by step', async () => {
    const calls: string[] = [];
    const fetchStub: FetchLike = async (url) => {
      calls.push(url);
      return { status: 200, text: async () => '{"Message":"OK","RequestId":"R","BizId":"900619746936498440^0","Code":"OK"}' };
    };
    const sender = new AliyunSmsSender({
      accessKeyId: 'testId', accessKeySecret: 'testSecret', signName: '正名', templates, endpoint: 'https://sms.example/',
      fetch: fetchStub, clock: { now: () => new Date('2024-05-01T08:00:00.123Z') }, nonce: () => 'nonce-1',
    });
    const r = await sender.send(msg({ params: { name: 'A B*~', reason: '退回' } }));
    expect(r).toEqual({ ok: true, providerMessageId: '900619746936498440^0' });

    // Step 1: the parameters sorted by name, each side encoded (encodeURIComponent + !'()*), joined with & and =.
    const canonical = [
      'AccessKeyId=testId', 'Action=SendSms', 'Format=JSON', 'OutId=notif-1', 'PhoneNumbers=13800000001', 'RegionId=cn-hangzhou',
      'SignName=%E6%AD%A3%E5%90%8D', 'SignatureMethod=HMAC-SHA1', 'SignatureNonce=nonce-1', 'SignatureVersion=1.0',
      'TemplateCode=SMS_123456', 'TemplateParam=%7B%22name%22%3A%22A%20B%2A~%22%2C%22reason%22%3A%22%E9%80%80%E5%9B%9E%22%7D',
      'Timestamp=2024-05-01T08%3A00%3A00Z', 'Version=2017-05-25',
    ].join('&');
    // Step 2: string to sign = GET&%2F& + the canonical query encoded once more.
    const toSign = `GET&%2F&${encodeURIComponent(canonical)}`;
    // Step 3: HMAC-SHA1 keyed with secret + '&', base64, then encoded into the URL.
    const signature = createHmac('sha1', 'testSecret&').update(toSign).digest('base64');
    expect(calls).toEqual([`https://sms.example/?${canonical}&Signature=${encodeURIComponent(signature)}`]);
  });
});

describe('interpretAliyun', () => {
  it('passes the provider Message for other codes, not retryable', () => {
    expect(interpretAliyun(200, '{"Code":"isv.AMOUNT_NOT_ENOUGH","Message":"账户余额不足"}')).toEqual({
      ok: false, retryable: false, code: 'isv.AMOUNT_NOT_ENOUGH', reason: '阿里云短信拒绝发送：账户余额不足',
    });
  });
  it('retries a 5xx without a JSON body, not an unreadable 4xx', () => {
    expect(interpretAliyun(502, '<html>Bad Gateway</html>')).toMatchObject({ retryable: true, code: 'HTTP_502' });
    expect(interpretAliyun(404, 'not found')).toMatchObject({ retryable: false, code: 'BAD_RESPONSE' });
  });
});
