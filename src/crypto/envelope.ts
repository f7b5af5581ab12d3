import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { SealedValueMalformed, SealedValueTampered, UnknownKeyVersion } from './errors.js';
import type { Keyring, KeyVersion } from './keyring.js';
import { hmacSm3, sm4CbcDecrypt, sm4CbcEncrypt } from './sm4-cbc-hmac.js';

/**
 * Personal data at rest: SM4-CBC (GB/T 32907) with a random IV, then HMAC-SM3 (GB/T 32905) over
 * everything that identifies the value (encrypt-then-MAC). The text envelope
 *
 *     sm4:<key id>:<base64url(IV ‖ ciphertext ‖ MAC)>
 *
 * fits a text column or a JSON string. The MAC covers the key id and a `purpose` (the column or
 * field, e.g. `users.mobile`), so a ciphertext moved to another column or relabelled with another
 * key id does not open. Node 20 has no SM4-GCM, hence CBC + HMAC.
 */
const prefix = 'sm4:';
const ivBytes = 16;
const macBytes = 32;
const envelopePattern = /^sm4:([1-9]\d{0,5}):([A-Za-z0-9_-]+)$/;

const macOf = (key: KeyVersion, purpose: string, iv: Buffer, ciphertext: Buffer) => hmacSm3(key, [`zm-pd-v1\0${key.id}\0${purpose}\0`, iv, ciphertext]);

/** Whether a stored value is an envelope (rather than a clear value written before encryption). */
export const isSealed = (value: string): boolean => value.startsWith(prefix);

/** The key version an envelope was sealed with; null for a clear value. */
export function keyIdOf(value: string): number | null {
  const m = envelopePattern.exec(value);
  return m === null ? null : Number(m[1]);
}

export function seal(keyring: Keyring, purpose: string, plain: string): string {
  const key = keyring.versions.get(keyring.current);
  if (key === undefined) throw new UnknownKeyVersion(keyring.current);
  const iv = randomBytes(ivBytes);
  const ciphertext = sm4CbcEncrypt(key, iv, Buffer.from(plain, 'utf8'));
  return `${prefix}${key.id}:${Buffer.concat([iv, ciphertext, macOf(key, purpose, iv, ciphertext)]).toString('base64url')}`;
}

/**
 * Opens an envelope sealed for `purpose`.
 * @throws SealedValueMalformed  not an envelope, or too short
 * @throws UnknownKeyVersion     its key id is not in the keyring
 * @throws SealedValueTampered   the MAC does not match (changed bytes, other purpose, wrong key)
 */
export function open(keyring: Keyring, purpose: string, envelope: string): string {
  const m = envelopePattern.exec(envelope);
  if (m === null) throw new SealedValueMalformed();
  const id = Number(m[1]);
  const bytes = Buffer.from(m[2] ?? '', 'base64url');
  const bodyLength = bytes.length - ivBytes - macBytes;
  if (bodyLength < 16 || bodyLength % 16 !== 0) throw new SealedValueMalformed();
  const key = keyring.versions.get(id);
  if (key === undefined) throw new UnknownKeyVersion(id);
  const iv = bytes.subarray(0, ivBytes);
  const ciphertext = bytes.subarray(ivBytes, ivBytes + bodyLength);
  const mac = bytes.subarray(ivBytes + bodyLength);
  if (!timingSafeEqual(mac, macOf(key, purpose, iv, ciphertext))) throw new SealedValueTampered(id);
  return sm4CbcDecrypt(key, iv, ciphertext).toString('utf8');
}

/**
 * The keyed search hash (HMAC-SM3 with the search key, hex): equal values give equal hashes, so
 * an index finds them, but without the key nobody can test a guessed mobile number against it.
 */
export const searchHash = (keyring: Keyring, kind: 'mobile' | 'email' | 'address', value: string): string =>
  createHmac('sm3', keyring.search).update(`zm-search-v1\0${kind}\0${value}`).digest('hex');
