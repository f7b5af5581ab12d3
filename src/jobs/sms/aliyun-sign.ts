import { createHmac } from 'node:crypto';

const UNRESERVED = /^[A-Za-z0-9\-_.~]$/;

/**
 * RFC 3986 percent-encoding as Aliyun's RPC signature wants it: every UTF-8 byte outside
 * `A-Z a-z 0-9 - _ . ~` becomes `%XX` (upper-case hex), so space → `%20`, `*` → `%2A`, `~` stays.
 */
export function percentEncode(s: string): string {
  let out = '';
  for (const ch of s) {
    if (UNRESERVED.test(ch)) {
      out += ch;
      continue;
    }
    for (const byte of Buffer.from(ch, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** `k=v&…` with keys in byte order, both sides percent-encoded; a `Signature` param is left out. */
export function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k] ?? '')}`)
    .join('&');
}

export function aliyunStringToSign(method: 'GET' | 'POST', params: Record<string, string>): string {
  return `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
}

/** Base64 HMAC-SHA1 of the string to sign, keyed with `secret + '&'`. */
export function aliyunSignature(method: 'GET' | 'POST', params: Record<string, string>, secret: string): string {
  return createHmac('sha1', `${secret}&`).update(aliyunStringToSign(method, params), 'utf8').digest('base64');
}

/** The query string to send: the canonical query plus its `Signature`. */
export function signedQuery(method: 'GET' | 'POST', params: Record<string, string>, secret: string): string {
  return `${canonicalQuery(params)}&Signature=${percentEncode(aliyunSignature(method, params, secret))}`;
}

/** ISO 8601 in UTC without milliseconds: `YYYY-MM-DDThh:mm:ssZ`. */
export function aliyunTimestamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
