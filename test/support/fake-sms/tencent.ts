import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  answerScript, digits, header, hmacSha256, listen, MAINLAND_MOBILE, requestId, sendJson, sha256Hex,
  type FakeSmsBehaviour, type FakeSmsServer,
} from './common.js';

export interface FakeTencentOptions {
  secretId: string;
  secretKey: string;
  behaviour?: FakeSmsBehaviour;
}

export interface FakeTencentReceived {
  to: string;
  templateId: string;
  params: string[];
  idempotencyKey: string | undefined;
}

const AUTH = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

const reply = (res: ServerResponse, response: Record<string, unknown>): void =>
  sendJson(res, 200, { Response: { ...response, RequestId: requestId() } });
const error = (res: ServerResponse, code: string, message: string): void => reply(res, { Error: { Code: code, Message: message } });

/** Recomputes TC3-HMAC-SHA256 from what arrived; returns an error code/message or undefined when valid. */
function checkSignature(req: IncomingMessage, body: Buffer, o: FakeTencentOptions): [string, string] | undefined {
  const m = AUTH.exec(header(req, 'authorization') ?? '');
  if (!m) return ['AuthFailure.InvalidAuthorization', 'Authorization 头格式不正确。'];
  const [, id, date, service, signedHeaders = '', signature] = m;
  if (id !== o.secretId) return ['AuthFailure.SecretIdNotFound', 'The SecretId is not found, please ensure that your SecretId is correct.'];
  const ts = Number(header(req, 'x-tc-timestamp'));
  if (!Number.isInteger(ts)) return ['MissingParameter', 'The request is missing a required parameter `X-TC-Timestamp`.'];
  if (Math.abs(ts - Date.now() / 1000) > 300) return ['AuthFailure.SignatureExpire', 'Signature expired. Timestamp and server time cannot differ by more than 5 minutes.'];
  const names = signedHeaders.split(';');
  if (service !== 'sms' || date !== new Date(ts * 1000).toISOString().slice(0, 10) || !names.includes('content-type') || !names.includes('host')) {
    return ['AuthFailure.SignatureFailure', 'The provided credentials could not be validated. Please check your signature is correct.'];
  }
  const canonicalHeaders = names.map((h) => `${h}:${(header(req, h) ?? '').trim().toLowerCase()}\n`).join('');
  const url = new URL(req.url ?? '/', 'http://fake');
  const canonical = `${req.method ?? ''}\n${url.pathname}\n${url.search.slice(1)}\n${canonicalHeaders}\n${signedHeaders}\n${sha256Hex(body)}`;
  const toSign = `TC3-HMAC-SHA256\n${ts}\n${date}/${service}/tc3_request\n${sha256Hex(canonical)}`;
  const key = hmacSha256(hmacSha256(hmacSha256(`TC3${o.secretKey}`, date), service), 'tc3_request');
  if (hmacSha256(key, toSign).toString('hex') !== signature) {
    return ['AuthFailure.SignatureFailure', 'The provided credentials could not be validated. Please check your signature is correct.'];
  }
  return undefined;
}

interface SendSmsBody {
  PhoneNumberSet: string[];
  SmsSdkAppId: string;
  SignName: string;
  TemplateId: string;
  TemplateParamSet: string[];
  SessionContext: string | undefined;
}

function parseBody(body: Buffer): SendSmsBody | string {
  let j: unknown;
  try {
    j = JSON.parse(body.toString('utf8'));
  } catch {
    return 'body';
  }
  if (typeof j !== 'object' || j === null) return 'body';
  const r = j as Record<string, unknown>;
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
  if (!strings(r.PhoneNumberSet) || r.PhoneNumberSet.length === 0) return 'PhoneNumberSet';
  for (const k of ['SmsSdkAppId', 'SignName', 'TemplateId'] as const) if (typeof r[k] !== 'string' || r[k] === '') return k;
  const params = r.TemplateParamSet ?? [];
  if (!strings(params)) return 'TemplateParamSet';
  const ctx = typeof r.SessionContext === 'string' ? r.SessionContext : undefined;
  return { PhoneNumberSet: r.PhoneNumberSet, SmsSdkAppId: String(r.SmsSdkAppId), SignName: String(r.SignName), TemplateId: String(r.TemplateId), TemplateParamSet: params, SessionContext: ctx };
}

/** A Tencent Cloud SMS SendSms (2021-01-11) endpoint that checks TC3 signatures and records accepted messages. */
export async function startFakeTencent(o: FakeTencentOptions): Promise<FakeSmsServer<FakeTencentReceived>> {
  const next = answerScript(o.behaviour);
  const received: FakeTencentReceived[] = [];
  const sent = new Map<string, string>();

  const server = await listen((req, res, body) => {
    if (req.method !== 'POST') return error(res, 'UnsupportedOperation', 'This fake accepts POST requests only.');
    const bad = checkSignature(req, body, o);
    if (bad) return error(res, ...bad);
    if (header(req, 'x-tc-action') !== 'SendSms') return error(res, 'InvalidAction', `The action \`${header(req, 'x-tc-action') ?? ''}\` is invalid.`);
    if (header(req, 'x-tc-version') !== '2021-01-11') return error(res, 'NoSuchVersion', 'The requested version does not exist.');
    if (!header(req, 'x-tc-region')) return error(res, 'MissingParameter', 'The request is missing a required parameter `Region`.');
    if (!(header(req, 'content-type') ?? '').startsWith('application/json')) return error(res, 'InvalidParameter', 'Content-Type must be application/json.');
    const b = parseBody(body);
    if (typeof b === 'string') return error(res, 'MissingParameter', `The request is missing a required parameter \`${b}\`.`);

    const phone = b.PhoneNumberSet[0] ?? '';
    const ctx = b.SessionContext;
    const status = (code: string, message: string, serial = '', fee = 0) =>
      reply(res, { SendStatusSet: [{ SerialNo: serial, PhoneNumber: phone, Fee: fee, SessionContext: ctx ?? '', Code: code, Message: message, IsoCode: 'CN' }] });
    const earlier = ctx === undefined ? undefined : sent.get(ctx);
    if (earlier) return status('Ok', 'send success', earlier, 1);

    const to = phone.replace(/^\+86/, '');
    const answer = MAINLAND_MOBILE.test(to) ? next() : 'invalid_number';
    switch (answer) {
      case 'hang':
        return; // never answer: the client must time out
      case 'server_error':
        res.writeHead(502, { 'Content-Type': 'text/html' });
        return void res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      case 'throttle':
        return error(res, 'RequestLimitExceeded', '请求的次数超过了频率限制。');
      case 'limit_exceeded':
        return status('LimitExceeded.PhoneNumberThirtySecondLimit', '单个手机号30秒内下发短信条数超过设定的上限');
      case 'invalid_number':
        return status('InvalidParameterValue.IncorrectPhoneNumber', '手机号格式错误');
      case 'template_invalid':
        return error(res, 'FailedOperation.TemplateIncorrectOrUnapproved', '模板未审批或请求的内容与审核通过的模板内容不匹配。');
      case 'sign_invalid':
        return error(res, 'FailedOperation.SignatureIncorrectOrUnapproved', '签名未审批或格式错误。');
      case 'ok': {
        const serial = `2640:${digits(28)}`;
        if (ctx !== undefined) sent.set(ctx, serial);
        received.push({ to, templateId: b.TemplateId, params: b.TemplateParamSet, idempotencyKey: ctx });
        return status('Ok', 'send success', serial, 1);
      }
    }
  });
  return { ...server, received };
}
