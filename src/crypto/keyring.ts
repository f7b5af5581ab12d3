import { createHmac, randomBytes } from 'node:crypto';
import { KeyMaterialInvalid } from './errors.js';

/**
 * The personal-data keys: numbered versions of a 32-byte master key (the newest one, `current`,
 * seals new values; the older ones still open what they sealed until `keys rotate` re-seals it),
 * and one separate 32-byte key for the keyed SM3 search hashes.
 *
 * Each master key is split into an SM4 key and an HMAC-SM3 key by HMAC-SM3 with distinct labels,
 * so encryption and authentication never share a key.
 */
export interface KeyVersion {
  id: number;
  /** 16 bytes: SM4-CBC. */
  enc: Buffer;
  /** 32 bytes: HMAC-SM3 over the envelope. */
  mac: Buffer;
}

export interface Keyring {
  current: number;
  versions: ReadonlyMap<number, KeyVersion>;
  /** 32 bytes: HMAC-SM3 search hashes (mobile numbers, delivery addresses). */
  search: Buffer;
}

/** What a key file (or PERSONAL_DATA_KEYS) holds: base64 master keys by version. */
export interface KeyMaterial {
  current: number;
  keys: Record<string, string>;
  search: string;
}

const label = (master: Buffer, what: string) => createHmac('sm3', master).update(`zhengming personal data v1 ${what}`).digest();

export function deriveKeyVersion(id: number, master: Buffer): KeyVersion {
  return { id, enc: label(master, 'sm4-cbc').subarray(0, 16), mac: label(master, 'hmac-sm3') };
}

const maxKeyId = 999_999;

function decodeKey(where: string, name: string, value: unknown): Buffer {
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) throw new KeyMaterialInvalid(where, `${name} 应为 base64 编码的 32 字节密钥`);
  const bytes = Buffer.from(value, value.includes('-') || value.includes('_') ? 'base64url' : 'base64');
  if (bytes.length !== 32) throw new KeyMaterialInvalid(where, `${name} 应为 32 字节（现为 ${bytes.length} 字节）`);
  return bytes;
}

/** Validates key material (from a key file or PERSONAL_DATA_KEYS) and derives the keyring. */
export function keyringFrom(material: unknown, where: string): Keyring {
  if (material === null || typeof material !== 'object' || Array.isArray(material)) throw new KeyMaterialInvalid(where, '应为 JSON 对象 {"current":1,"keys":{"1":"…"},"search":"…"}');
  const m = material as Record<string, unknown>;
  const current = m['current'];
  const keys = m['keys'];
  if (typeof current !== 'number' || !Number.isInteger(current) || current < 1 || current > maxKeyId) throw new KeyMaterialInvalid(where, 'current 应为正整数版本号');
  if (keys === null || typeof keys !== 'object' || Array.isArray(keys)) throw new KeyMaterialInvalid(where, 'keys 应为 {"版本号": "base64 密钥"}');
  const versions = new Map<number, KeyVersion>();
  for (const [name, value] of Object.entries(keys)) {
    if (!/^[1-9]\d{0,5}$/.test(name)) throw new KeyMaterialInvalid(where, `密钥版本号 "${name}" 应为正整数`);
    const id = Number(name);
    versions.set(id, deriveKeyVersion(id, decodeKey(where, `keys.${name}`, value)));
  }
  if (!versions.has(current)) throw new KeyMaterialInvalid(where, `current 版本 ${current} 不在 keys 中`);
  for (const [a, va] of versions) for (const [b, vb] of versions) if (a < b && va.enc.equals(vb.enc)) throw new KeyMaterialInvalid(where, `版本 ${a} 与 ${b} 是同一个密钥`);
  return { current, versions, search: decodeKey(where, 'search', m['search']) };
}

/** Parses the JSON text of a key file or of PERSONAL_DATA_KEYS. */
export function parseKeyMaterial(text: string, where: string): Keyring {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new KeyMaterialInvalid(where, '不是合法的 JSON');
  }
  return keyringFrom(parsed, where);
}

const fresh = () => randomBytes(32).toString('base64');

/** Material for a new deployment: version 1 and a search key, both random. */
export const newKeyMaterial = (): KeyMaterial => ({ current: 1, keys: { '1': fresh() }, search: fresh() });

/** The same material with one more version (the next number), which becomes current. */
export function withNewVersion(material: KeyMaterial): KeyMaterial {
  const next = Math.max(0, ...Object.keys(material.keys).map(Number)) + 1;
  return { ...material, current: next, keys: { ...material.keys, [String(next)]: fresh() } };
}

/** The same material without `id` (never the current version). */
export function withoutVersion(material: KeyMaterial, id: number): KeyMaterial {
  const keys = Object.fromEntries(Object.entries(material.keys).filter(([k]) => Number(k) !== id));
  return { ...material, keys };
}
