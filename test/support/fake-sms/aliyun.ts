import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerScript, digits, listen, MAINLAND_MOBILE, requestId, sendJson, type FakeSmsBehaviour, type FakeSmsServer } from './common.js';

export interface FakeAliyunOptions {
  accessKeyId: string;
  secret: string;
  behaviour?: FakeSmsBehaviour;
}

export interface FakeAliyunReceived {
  to: string;
  templateId: string;
  params: Record<string, string>;
  idempotencyKey: string | undefined;
}

const HOST_ID = 'dysmsapi.aliyuncs.com';
const REQUIRED = ['AccessKeyId', 'Action', 'Format', 'SignatureMethod', 'SignatureNonce', 'SignatureVersion', 'Timestamp', 'Version', 'Signature', 'PhoneNumbers', 'SignName', 'TemplateCode'];

/** Aliyun's encoding, written independently of the adapter: encodeURIComponent plus `!'()*`. */
function popEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function expectedSignature(method: string, params: Map<string, string>, secret: string): string {
  const keys = [...params.keys()].filter((k) => k !== 'Signature').sort();
  const canonical = keys.map((k) => `${popEncode(k)}=${popEncode(params.get(k) ?? '')}`).join('&');
  const toSign = `${method}&${popEncode('/')}&${popEncode(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(toSign, 'utf8').digest('base64');
}

function collectParams(req: IncomingMessage, body: Buffer): Map<string, string> {
  const params = new Map(new URL(req.url ?? '/', 'http://fake').searchParams);
  if (req.method === 'POST' && (req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.set(k, v);
  }
  return params;
}

const err = (res: ServerResponse, status: number, code: string, message: string): void =>
  sendJson(res, status, { RequestId: requestId(), HostId: HOST_ID, Code: code, Message: message, Recommend: `https://api.aliyun.com/troubleshoot?q=${code}` });

/** A Dysmsapi SendSms endpoint that checks signatures like Aliyun does and records accepted messages. */
export async function startFakeAliyun(o: FakeAliyunOptions): Promise<FakeSmsServer<FakeAliyunReceived>> {
  const next = answerScript(o.behaviour);
  const received: FakeAliyunReceived[] = [];
  const sent = new Map<string, string>();
  const nonces = new Set<string>();

  const server = await listen((req, res, body) => {
    const p = collectParams(req, body);
    const missing = REQUIRED.find((k) => !p.get(k));
    if (missing) return err(res, 400, `Missing${missing}`, `${missing} is mandatory for this action.`);
    if (p.get('AccessKeyId') !== o.accessKeyId) return err(res, 404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    if (p.get('SignatureMethod') !== 'HMAC-SHA1' || p.get('SignatureVersion') !== '1.0') {
      return err(res, 400, 'InvalidSignatureMethod', 'Specified signature method is not supported.');
    }
    if (p.get('Signature') !== expectedSignature(req.method ?? 'GET', p, o.secret)) {
      return err(res, 400, 'SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
    }
    const ts = p.get('Timestamp') ?? '';
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(ts)) return err(res, 400, 'InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.');
    if (Math.abs(Date.parse(ts) - Date.now()) > 15 * 60_000) return err(res, 400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
    const nonce = p.get('SignatureNonce') ?? '';
    if (nonces.has(nonce)) return err(res, 400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    nonces.add(nonce);
    if (p.get('Action') !== 'SendSms') return err(res, 400, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
    if (p.get('Version') !== '2017-05-25') return err(res, 400, 'InvalidVersion', 'Specified parameter Version is not valid.');
    if (p.get('Format') !== 'JSON') return err(res, 400, 'InvalidParameter', 'The specified parameter "Format" is not valid (this fake speaks JSON only).');

    const outId = p.get('OutId');
    const earlier = outId === undefined ? undefined : sent.get(outId);
    if (earlier) return sendJson(res, 200, { Message: 'OK', RequestId: requestId(), BizId: earlier, Code: 'OK' });

    let params: Record<string, string> = {};
    const rawParams = p.get('TemplateParam');
    if (rawParams !== undefined) {
      try {
        params = JSON.parse(rawParams) as Record<string, string>;
      } catch {
        return sendJson(res, 200, { Code: 'isv.INVALID_JSON_PARAM', Message: 'JSON参数不合法，只接受字符串值', RequestId: requestId() });
      }
    }
    const to = p.get('PhoneNumbers') ?? '';
    const answer = MAINLAND_MOBILE.test(to) ? next() : 'invalid_number';
    const biz = (code: string, message: string): void => sendJson(res, 200, { Code: code, Message: message, RequestId: requestId() });
    switch (answer) {
      case 'hang':
        return; // never answer: the client must time out
      case 'server_error':
        return err(res, 503, 'ServiceUnavailable', 'The request has failed due to a temporary failure of the server.');
      case 'throttle':
        return err(res, 400, 'Throttling.User', 'Request was denied due to user flow control.');
      case 'limit_exceeded':
        return biz('isv.BUSINESS_LIMIT_CONTROL', '触发分钟级流控Permits:1');
      case 'invalid_number':
        return biz('isv.MOBILE_NUMBER_ILLEGAL', '非法手机号');
      case 'template_invalid':
        return biz('isv.SMS_TEMPLATE_ILLEGAL', '该账号下找不到对应模板');
      case 'sign_invalid':
        return biz('isv.SMS_SIGNATURE_ILLEGAL', '该账号下找不到对应签名');
      case 'ok': {
        const bizId = `${digits(18)}^0`;
        if (outId !== undefined) sent.set(outId, bizId);
        received.push({ to, templateId: p.get('TemplateCode') ?? '', params, idempotencyKey: outId });
        return sendJson(res, 200, { Message: 'OK', RequestId: requestId(), BizId: bizId, Code: 'OK' });
      }
    }
  });
  return { ...server, received };
}
