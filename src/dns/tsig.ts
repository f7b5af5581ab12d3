/**
 * TSIG (RFC 8945) with HMAC-SHA256: verifying a signed request, signing its response(s) — a zone
 * transfer signs every message, each chained to the previous MAC (§5.3.1) — and signing a request
 * we send (NOTIFY). Works on raw messages: the TSIG RR is the last additional record.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface TsigKey {
  /** Key name, lower case, no trailing dot (e.g. `zhengming-xfr`). */
  name: string;
  algorithm: 'hmac-sha256';
  secret: Buffer;
}

export const TsigError = { BADSIG: 16, BADKEY: 17, BADTIME: 18, BADTRUNC: 22 } as const;

const typeTSIG = 250;
const classANY = 255;
const algorithmName = 'hmac-sha256';
export const defaultFudge = 300;

/** The fields of a TSIG RR (RFC 8945 §4.2) and where it starts in the message. */
export interface TsigRecord {
  start: number;
  keyName: string;
  algorithm: string;
  timeSigned: number;
  fudge: number;
  mac: Buffer;
  originalId: number;
  error: number;
  otherData: Buffer;
}

export type TsigCheck =
  | { status: 'unsigned' }
  | { status: 'ok'; key: TsigKey; mac: Buffer; record: TsigRecord }
  /** `key` is set when the response can (and must) be signed (BADTIME). */
  | { status: 'error'; error: number; record: TsigRecord; key?: TsigKey };

/** Parses "name:hmac-sha256:base64" (the DNS_TSIG_KEY setting); throws a readable Error. */
export function parseTsigKey(spec: string): TsigKey {
  const [name, algorithm, secret, ...rest] = spec.split(':');
  if (name === undefined || algorithm === undefined || secret === undefined || rest.length > 0 || !/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.?$/.test(name)) {
    throw new Error('DNS_TSIG_KEY must look like name:hmac-sha256:base64secret');
  }
  if (algorithm.toLowerCase() !== algorithmName) throw new Error('DNS_TSIG_KEY: only hmac-sha256 is supported');
  const bytes = Buffer.from(secret, 'base64');
  if (bytes.length < 16) throw new Error('DNS_TSIG_KEY: the secret must be at least 16 bytes (base64)');
  return { name: name.replace(/\.$/, '').toLowerCase(), algorithm: 'hmac-sha256', secret: bytes };
}

// --- reading -----------------------------------------------------------------------------------

/** Offset just past the (possibly compressed) name at `at`; throws on malformed input. */
function skipName(buf: Buffer, at: number): number {
  let i = at;
  for (;;) {
    const len = buf[i];
    if (len === undefined) throw new RangeError('truncated name');
    if ((len & 0xc0) === 0xc0) return i + 2;
    if (len === 0) return i + 1;
    i += len + 1;
  }
}

/** A name written without compression (as TSIG requires), lower-cased, no trailing dot. */
function readPlainName(buf: Buffer, at: number): { name: string; next: number } {
  const labels: string[] = [];
  let i = at;
  for (;;) {
    const len = buf[i];
    if (len === undefined || (len & 0xc0) !== 0) throw new RangeError('bad TSIG name');
    if (len === 0) return { name: labels.join('.').toLowerCase(), next: i + 1 };
    labels.push(buf.toString('latin1', i + 1, i + 1 + len));
    i += len + 1;
  }
}

const read48 = (buf: Buffer, at: number) => buf.readUInt16BE(at) * 2 ** 32 + buf.readUInt32BE(at + 2);

/** The TSIG RR of `msg`, if its last additional record is one; throws RangeError on a bad message. */
export function findTsig(msg: Buffer): TsigRecord | null {
  const counts = [msg.readUInt16BE(4), msg.readUInt16BE(6), msg.readUInt16BE(8), msg.readUInt16BE(10)] as const;
  if (counts[3] === 0) return null;
  let i = 12;
  for (let q = 0; q < counts[0]; q++) i = skipName(msg, i) + 4;
  const rrs = counts[1] + counts[2] + counts[3];
  let last = i;
  for (let r = 0; r < rrs; r++) {
    last = i;
    i = skipName(msg, i);
    if (i + 10 > msg.length) throw new RangeError('truncated RR');
    i += 10 + msg.readUInt16BE(i + 8);
  }
  const nameEnd = skipName(msg, last);
  if (msg.readUInt16BE(nameEnd) !== typeTSIG) return null;
  const key = readPlainName(msg, last);
  let p = nameEnd + 10;
  const alg = readPlainName(msg, p);
  p = alg.next;
  const timeSigned = read48(msg, p);
  const fudge = msg.readUInt16BE(p + 6);
  const macSize = msg.readUInt16BE(p + 8);
  const mac = msg.subarray(p + 10, p + 10 + macSize);
  p += 10 + macSize;
  const originalId = msg.readUInt16BE(p);
  const error = msg.readUInt16BE(p + 2);
  const otherLen = msg.readUInt16BE(p + 4);
  const otherData = msg.subarray(p + 6, p + 6 + otherLen);
  if (p + 6 + otherLen > msg.length) throw new RangeError('truncated TSIG');
  return { start: last, keyName: key.name, algorithm: alg.name, timeSigned, fudge, mac: Buffer.from(mac), originalId, error, otherData: Buffer.from(otherData) };
}

// --- digests -----------------------------------------------------------------------------------

function plainName(name: string): Buffer {
  const parts = name.replace(/\.$/, '').toLowerCase().split('.').filter((l) => l !== '');
  const out: Buffer[] = [];
  for (const l of parts) out.push(Buffer.from([l.length]), Buffer.from(l, 'latin1'));
  out.push(Buffer.from([0]));
  return Buffer.concat(out);
}

const u16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n, 0);
  return b;
};
const u48 = (n: number) => {
  const b = Buffer.alloc(6);
  b.writeUInt16BE(Math.floor(n / 2 ** 32), 0);
  b.writeUInt32BE(n % 2 ** 32, 2);
  return b;
};
const withLength = (mac: Buffer) => Buffer.concat([u16(mac.length), mac]);

/** The message as signed: without the TSIG RR, ARCOUNT one less, the original id. */
function unsignedPart(msg: Buffer, tsig: TsigRecord): Buffer {
  const m = Buffer.from(msg.subarray(0, tsig.start));
  m.writeUInt16BE(tsig.originalId, 0);
  m.writeUInt16BE(m.readUInt16BE(10) - 1, 10);
  return m;
}

interface Variables {
  timeSigned: number;
  fudge: number;
  error: number;
  otherData: Buffer;
}

function variables(key: TsigKey, v: Variables): Buffer {
  return Buffer.concat([plainName(key.name), u16(classANY), Buffer.alloc(4), plainName(algorithmName), u48(v.timeSigned), u16(v.fudge), u16(v.error), u16(v.otherData.length), v.otherData]);
}

function hmac(key: TsigKey, parts: Buffer[]): Buffer {
  const h = createHmac('sha256', key.secret);
  for (const p of parts) h.update(p);
  return h.digest();
}

/** The TSIG RR of a message whose original id is `id`. */
function tsigRecord(id: number, key: TsigKey, mac: Buffer, v: Variables): Buffer {
  const rdata = Buffer.concat([plainName(algorithmName), u48(v.timeSigned), u16(v.fudge), withLength(mac), u16(id), u16(v.error), u16(v.otherData.length), v.otherData]);
  return Buffer.concat([plainName(key.name), u16(typeTSIG), u16(classANY), Buffer.alloc(4), u16(rdata.length), rdata]);
}

/** Appends a TSIG RR to `msg` (its ARCOUNT + 1). */
function appendTsig(msg: Buffer, key: TsigKey, mac: Buffer, v: Variables): Buffer {
  const out = Buffer.concat([msg, tsigRecord(msg.readUInt16BE(0), key, mac, v)]);
  out.writeUInt16BE(msg.readUInt16BE(10) + 1, 10);
  return out;
}

/** Bytes a TSIG RR with `key` adds to a message. */
export const tsigSize = (key: TsigKey) => plainName(key.name).length + 10 + plainName(algorithmName).length + 16 + 32 + 6 + 6;

// --- verify and sign ---------------------------------------------------------------------------

/** Checks the TSIG of a request against the known keys at `nowSeconds`. */
export function verifyRequest(msg: Buffer, keys: readonly TsigKey[], nowSeconds: number): TsigCheck {
  const record = findTsig(msg);
  if (record === null) return { status: 'unsigned' };
  const key = keys.find((k) => k.name === record.keyName);
  if (key === undefined || record.algorithm !== algorithmName) return { status: 'error', error: TsigError.BADKEY, record };
  const expected = hmac(key, [unsignedPart(msg, record), variables(key, record)]);
  // RFC 8945 §5.2.2.1: a truncated MAC must keep at least half the hash (and 10 bytes); we take full MACs only.
  if (record.mac.length !== expected.length || !timingSafeEqual(record.mac, expected)) return { status: 'error', error: TsigError.BADSIG, record };
  if (Math.abs(nowSeconds - record.timeSigned) > record.fudge) return { status: 'error', error: TsigError.BADTIME, record, key };
  return { status: 'ok', key, mac: record.mac, record };
}

/**
 * Signs the messages of one response in order: the first covers the request's MAC, each later
 * one the previous response MAC and the timers only (RFC 8945 §5.3.1).
 */
export class ResponseSigner {
  private prior: Buffer;
  private first = true;
  constructor(
    private readonly key: TsigKey,
    requestMac: Buffer,
    private readonly nowSeconds: () => number,
    private readonly error = 0,
    private readonly otherData: Buffer = Buffer.alloc(0),
  ) {
    this.prior = requestMac;
  }

  sign(msg: Buffer): Buffer {
    const { mac, v } = this.next([msg]);
    return appendTsig(msg, this.key, mac, v);
  }

  /**
   * The same signature as `sign(Buffer.concat(parts))`, as parts: the first part (which holds the
   * header) copied with ARCOUNT + 1, the others as they are, then the TSIG RR. A transfer's
   * cached message bodies are signed and sent without being copied.
   */
  signParts(parts: readonly Buffer[]): Buffer[] {
    const [head, ...rest] = parts;
    if (head === undefined || head.length < 12) throw new Error('signParts: the first part must hold the header');
    const { mac, v } = this.next(parts);
    const header = Buffer.from(head);
    header.writeUInt16BE(head.readUInt16BE(10) + 1, 10);
    return [header, ...rest, tsigRecord(head.readUInt16BE(0), this.key, mac, v)];
  }

  /** The MAC of the next message of the response (`parts` joined), chained to the one before. */
  private next(parts: readonly Buffer[]): { mac: Buffer; v: Variables } {
    const v: Variables = { timeSigned: Math.floor(this.nowSeconds()), fudge: defaultFudge, error: this.error, otherData: this.otherData };
    const mac = this.first
      ? hmac(this.key, [withLength(this.prior), ...parts, variables(this.key, v)])
      : hmac(this.key, [withLength(this.prior), ...parts, u48(v.timeSigned), u16(v.fudge)]);
    this.first = false;
    this.prior = mac;
    return { mac, v };
  }
}

/** A TSIG error response's RR with no MAC (BADKEY, BADSIG: RFC 8945 §5.3.2). */
export function appendUnsignedTsigError(msg: Buffer, record: TsigRecord, error: number): Buffer {
  const pseudoKey: TsigKey = { name: record.keyName, algorithm: 'hmac-sha256', secret: Buffer.alloc(0) };
  return appendTsig(msg, pseudoKey, Buffer.alloc(0), { timeSigned: record.timeSigned, fudge: record.fudge, error, otherData: Buffer.alloc(0) });
}

/** Signs a request we send (NOTIFY); returns the message and its MAC. */
export function signRequest(msg: Buffer, key: TsigKey, nowSeconds: number): { message: Buffer; mac: Buffer } {
  const v: Variables = { timeSigned: Math.floor(nowSeconds), fudge: defaultFudge, error: 0, otherData: Buffer.alloc(0) };
  const mac = hmac(key, [msg, variables(key, v)]);
  return { message: appendTsig(msg, key, mac, v), mac };
}

/** Verifies a response to a request we signed (one message). */
export function verifyResponse(msg: Buffer, key: TsigKey, requestMac: Buffer): boolean {
  const record = findTsig(msg);
  if (record === null || record.keyName !== key.name || record.mac.length === 0) return false;
  const expected = hmac(key, [withLength(requestMac), unsignedPart(msg, record), variables(key, record)]);
  return record.mac.length === expected.length && timingSafeEqual(record.mac, expected);
}
