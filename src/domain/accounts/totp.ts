import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Role } from '../types.js';

/**
 * TOTP (RFC 6238 over RFC 4226 HOTP), as authenticator apps expect it by default: HMAC-SHA-1,
 * 6 digits, 30-second steps from the Unix epoch. A code is accepted for the current step and one
 * step either side (clock drift), and never for a step at or before the last one the user spent:
 * a code works once.
 */
export const totpDefaults = { algorithm: 'sha1', digits: 6, periodSeconds: 30, window: 1 } as const;
export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

/** Reviewers, admins and auditors must have a second factor; a 经办人 may turn one on. */
export const secondFactorRequired = (role: Role): boolean => role !== 'handler';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32, upper case, without padding (what otpauth:// URIs carry). */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const b of bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += alphabet[(buffer << (5 - bits)) & 31];
  return out;
}

/** Decodes base32, tolerating lower case, spaces and padding as people type them; null if invalid. */
export function base32Decode(text: string): Buffer | null {
  const clean = text.replace(/[\s=-]/g, '').toUpperCase();
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of clean) {
    const v = alphabet.indexOf(ch);
    if (v < 0) return null;
    buffer = ((buffer << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The time step a moment falls in. */
export const totpStep = (at: Date, periodSeconds: number = totpDefaults.periodSeconds): number =>
  Math.floor(at.getTime() / 1000 / periodSeconds);

/** HOTP (RFC 4226) for one counter value, as a zero-padded decimal string. */
export function hotp(key: Uint8Array, counter: number, digits: number = totpDefaults.digits, algorithm: TotpAlgorithm = 'sha1'): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(msg).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return (binary % 10 ** digits).toString().padStart(digits, '0');
}

/** The code for the step `at` falls in. */
export const totpCode = (
  key: Uint8Array,
  at: Date,
  opts: { digits?: number; periodSeconds?: number; algorithm?: TotpAlgorithm } = {},
): string => hotp(key, totpStep(at, opts.periodSeconds), opts.digits, opts.algorithm);

export type TotpVerdict = { ok: true; step: number } | { ok: false; reason: 'malformed' | 'wrong' | 'reused' };

/**
 * Checks a typed code against the steps now−window … now+window. A match on a step at or before
 * `lastStep` (already spent, or older than one spent) is `reused`.
 */
export function verifyTotp(base32Secret: string, code: string, now: Date, lastStep: number | null, window: number = totpDefaults.window): TotpVerdict {
  const key = base32Decode(base32Secret);
  const typed = code.replace(/\s/g, '');
  if (key === null || key.length === 0 || !/^\d{6}$/.test(typed)) return { ok: false, reason: 'malformed' };
  const current = totpStep(now);
  let matched: number | null = null;
  for (let step = current - window; step <= current + window; step++) {
    // Compare every candidate (no early exit) in constant time.
    if (timingSafeEqual(Buffer.from(hotp(key, step)), Buffer.from(typed)) && matched === null) matched = step;
  }
  if (matched === null) return { ok: false, reason: 'wrong' };
  if (lastStep !== null && matched <= lastStep) return { ok: false, reason: 'reused' };
  return { ok: true, step: matched };
}

/** The otpauth:// URI an authenticator app reads from the QR code (Key Uri Format). */
export function otpauthUri(issuer: string, account: string, base32Secret: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const q = new URLSearchParams({ secret: base32Secret, issuer, algorithm: 'SHA1', digits: '6', period: '30' });
  return `otpauth://totp/${label}?${q.toString().replace(/\+/g, '%20')}`;
}
