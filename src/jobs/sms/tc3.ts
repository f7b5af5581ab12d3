import { createHmac } from 'node:crypto';
import { sha256Hex } from './common.js';

export interface Tc3Input {
  secretId: string;
  secretKey: string;
  service: string;
  host: string;
  contentType: string;
  payload: string;
  /** Unix seconds, the value of X-TC-Timestamp. */
  timestamp: number;
}

export interface Tc3Signed {
  date: string;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  authorization: string;
}

const hmac = (key: string | Buffer, msg: string): Buffer => createHmac('sha256', key).update(msg, 'utf8').digest();

/** TC3-HMAC-SHA256 for a POST to `/` signing `content-type;host`. */
export function tc3Sign(i: Tc3Input): Tc3Signed {
  const date = new Date(i.timestamp * 1000).toISOString().slice(0, 10);
  const signedHeaders = 'content-type;host';
  const canonicalHeaders = `content-type:${i.contentType.trim().toLowerCase()}\nhost:${i.host.trim().toLowerCase()}\n`;
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256Hex(Buffer.from(i.payload, 'utf8'))].join('\n');
  const scope = `${date}/${i.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(i.timestamp), scope, sha256Hex(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(`TC3${i.secretKey}`, date), i.service), 'tc3_request');
  const signature = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  const authorization = `TC3-HMAC-SHA256 Credential=${i.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { date, canonicalRequest, stringToSign, signature, authorization };
}
