/**
 * One GET of one URL, connected to an address the checker chose and judged: the name is only
 * used for the Host header, SNI and the certificate's name check, never resolved again here
 * (the socket's `lookup` answers with the pinned address). No cookies, no credentials, no
 * compression asked for, the body read up to the cap, connect and total deadlines.
 */
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { judgeAddress } from '../domain/sitecheck/address.js';
import type { TlsObservation } from '../domain/sitecheck/types.js';
import type { SiteCheckSettings } from './settings.js';

export class FetchFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface RawResponse {
  status: number;
  location: string | null;
  contentType: string | null;
  contentEncoding: string | null;
  body: Buffer;
  truncated: boolean;
  tls: TlsObservation | null;
}

const socketErrors: Record<string, string> = {
  ECONNREFUSED: '连接被拒绝',
  ECONNRESET: '连接被重置',
  ETIMEDOUT: '连接超时',
  EHOSTUNREACH: '主机不可达',
  ENETUNREACH: '网络不可达',
  EPIPE: '连接中断',
  HPE_INVALID_CONSTANT: '响应不是有效的HTTP',
  HPE_HEADER_OVERFLOW: '响应头过大',
  ERR_SSL_WRONG_VERSION_NUMBER: 'TLS握手失败（该端口可能不是HTTPS）',
};

function failureOf(err: unknown): FetchFailure {
  if (err instanceof FetchFailure) return err;
  const code = typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : 'EUNKNOWN';
  const known = socketErrors[code] ?? (code.startsWith('ERR_SSL') || code === 'EPROTO' ? 'TLS握手失败' : code.startsWith('HPE_') ? '响应格式错误' : undefined);
  return new FetchFailure(code, known ?? `访问失败（${code}）`);
}

const dateOf = (s: string | undefined) => {
  if (s === undefined) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
};
const nameOf = (o: Record<string, string | string[] | undefined> | undefined): string | null => {
  if (o === undefined) return null;
  const pick = (k: string) => {
    const v = o[k];
    return Array.isArray(v) ? v[0] : v;
  };
  return pick('CN') ?? pick('O') ?? null;
};

function tlsOf(socket: TLSSocket): TlsObservation {
  const cert = socket.getPeerCertificate();
  const empty = cert === null || Object.keys(cert).length === 0;
  const error = socket.authorized ? null : socket.authorizationError === undefined ? 'UNKNOWN' : String(socket.authorizationError);
  return {
    valid: socket.authorized,
    error,
    subject: empty ? null : nameOf(cert.subject as unknown as Record<string, string>),
    issuer: empty ? null : nameOf(cert.issuer as unknown as Record<string, string>),
    validFrom: empty ? null : dateOf(cert.valid_from),
    validTo: empty ? null : dateOf(cert.valid_to),
  };
}

export interface HopTarget {
  url: URL;
  /** The judged address to connect to. */
  address: string;
  port: number;
}

/** GET `url` from `address`; resolves with the response (body capped) or rejects with a FetchFailure. */
export function requestOnce(settings: SiteCheckSettings, hop: HopTarget, deadline: number): Promise<RawResponse> {
  const host = hop.url.hostname.replace(/^\[|\]$/g, '');
  const family = hop.address.includes(':') ? 6 : 4;
  const lookup: LookupFunction = (_name, options, cb) => {
    if (options.all === true) (cb as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: hop.address, family }]);
    else cb(null, hop.address, family);
  };
  const https_ = hop.url.protocol === 'https:';
  const options: https.RequestOptions = {
    method: 'GET',
    host,
    port: hop.port,
    path: `${hop.url.pathname}${hop.url.search}`,
    agent: false,
    lookup,
    headers: {
      'User-Agent': settings.userAgent,
      Accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
      'Accept-Language': 'zh-CN,zh;q=0.9',
      'Accept-Encoding': 'identity',
      Connection: 'close',
    },
    ...(https_ ? { rejectUnauthorized: false, ca: settings.ca, ...(isIP(host) === 0 ? { servername: host } : {}) } : {}),
  };
  // The last gate before a socket: whatever path led here, a refused address is never connected to.
  const verdict = judgeAddress(hop.address, settings.allow);
  if (!verdict.allowed) return Promise.reject(new FetchFailure('ADDRESS_REFUSED', `${hop.address} 不是公网地址（${verdict.reason ?? ''}），不予访问`));
  settings.onConnect?.({ host, address: hop.address, port: hop.port });

  return new Promise<RawResponse>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(total);
      fn();
    };
    const req = (https_ ? https : http).request(options);
    const abort = (failure: FetchFailure) => {
      finish(() => reject(failure));
      req.destroy();
    };
    const total = setTimeout(() => abort(new FetchFailure('TIMEOUT', `访问超时（超过 ${Math.round(settings.totalTimeoutMs / 1000)} 秒）`)), Math.max(0, deadline - Date.now()));
    req.once('socket', (socket) => {
      const connect = setTimeout(() => abort(new FetchFailure('CONNECT_TIMEOUT', `连接超时（${Math.round(settings.connectTimeoutMs / 1000)} 秒内未连上）`)), settings.connectTimeoutMs);
      socket.once('connect', () => clearTimeout(connect));
      socket.once('close', () => clearTimeout(connect));
    });
    req.once('error', (err) => finish(() => reject(failureOf(err))));
    req.once('response', (res) => {
      const header = (k: string) => {
        const v = res.headers[k];
        return v === undefined ? null : Array.isArray(v) ? (v[0] ?? null) : v;
      };
      const tls = https_ ? tlsOf(res.socket as TLSSocket) : null;
      const base = { status: res.statusCode ?? 0, location: header('location'), contentType: header('content-type'), contentEncoding: header('content-encoding'), tls };
      const chunks: Buffer[] = [];
      let bytes = 0;
      const redirect = base.status >= 300 && base.status < 400 && base.location !== null;
      if (redirect) {
        finish(() => resolve({ ...base, body: Buffer.alloc(0), truncated: false }));
        res.destroy();
        return;
      }
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        const room = settings.maxBodyBytes - bytes;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          finish(() => resolve({ ...base, body: Buffer.concat(chunks), truncated: true }));
          res.destroy();
          return;
        }
        chunks.push(chunk);
        bytes += chunk.length;
      });
      res.once('end', () => finish(() => resolve({ ...base, body: Buffer.concat(chunks), truncated: false })));
      res.once('error', (err) => finish(() => reject(failureOf(err))));
      res.once('close', () => finish(() => reject(new FetchFailure('INCOMPLETE', '响应未完整接收（连接提前关闭）'))));
    });
    req.end();
  });
}
