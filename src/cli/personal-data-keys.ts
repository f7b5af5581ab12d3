import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { KeyMaterialInvalid, PersonalDataCryptoError } from '../crypto/errors.js';
import { keyringFrom, newKeyMaterial, parseKeyMaterial, type KeyMaterial, type Keyring } from '../crypto/keyring.js';
import { ConfigError, type Config } from '../config.js';
import type { Db } from '../db/client.js';
import { installPersonalDataKeys, openValue } from '../db/personal-data/keys.js';
import { sealedSamples } from '../db/personal-data/reencrypt.js';

/**
 * Where this process's personal-data keys come from, by the configuration:
 * - PERSONAL_DATA_KEY_FILE: a JSON key file outside the database, readable by its owner only;
 * - PERSONAL_DATA_KEYS: the same JSON in the environment (rotation then is by hand);
 * - neither, on the embedded database (the demo): DATA_DIR/personal-data-keys.json, generated on
 *   first start; on PostgreSQL: refused, since keys generated beside one process would not be
 *   the keys of the others (and a lost key loses the data).
 */
export type KeySource = { kind: 'file'; path: string; mayCreate: boolean } | { kind: 'config'; text: string };

export const demoKeyFile = (dataDir: string) => path.join(dataDir, 'personal-data-keys.json');

export function keySourceOf(config: Config, databaseKind: 'pglite' | 'postgres'): KeySource {
  const { keyFile, keys } = config.personalData;
  if (keyFile !== undefined && keys !== undefined) throw new ConfigError('配置错误：PERSONAL_DATA_KEY_FILE 与 PERSONAL_DATA_KEYS 只能设置其一 (set one of them, not both)');
  if (keys !== undefined) return { kind: 'config', text: keys };
  if (keyFile !== undefined) return { kind: 'file', path: keyFile, mayCreate: false };
  if (databaseKind === 'pglite') return { kind: 'file', path: demoKeyFile(config.dataDir), mayCreate: true };
  throw new ConfigError(
    [
      '配置错误：使用 PostgreSQL 时必须配置个人信息加密密钥 (PostgreSQL needs the personal-data keys):',
      '  PERSONAL_DATA_KEY_FILE=/etc/zhengming/personal-data-keys.json   （先运行 zhengming keys init 生成，权限 0600）',
      '  或 PERSONAL_DATA_KEYS=\'{"current":1,"keys":{"1":"<32字节 base64>"},"search":"<32字节 base64>"}\'',
    ].join('\n'),
  );
}

/** Reads and checks a key file: owner-only permissions, valid JSON material. */
export function readKeyFile(file: string): { material: KeyMaterial; keyring: Keyring } {
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch {
    throw new ConfigError(`配置错误：个人信息密钥文件 ${file} 不存在 (key file missing)；请运行 zhengming keys init 生成`);
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new ConfigError(
      `配置错误：个人信息密钥文件 ${file} 的权限为 ${(mode & 0o777).toString(8).padStart(4, '0')}，组用户或其他用户可读 (key file is group/world accessible)；请执行 chmod 600 ${file}`,
    );
  }
  const text = readFileSync(file, 'utf8');
  try {
    const keyring = parseKeyMaterial(text, file);
    return { material: JSON.parse(text) as KeyMaterial, keyring };
  } catch (err) {
    if (err instanceof KeyMaterialInvalid) throw new ConfigError(`配置错误：${err.message}`);
    throw err;
  }
}

/** Writes a key file atomically (a 0600 temporary file renamed over it). */
export function writeKeyFile(file: string, material: KeyMaterial): void {
  keyringFrom(material, file);
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(material, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  renameSync(tmp, file);
}

/** Creates a key file with fresh keys; false when it already exists (it is never overwritten). */
export function createKeyFile(file: string): boolean {
  if (existsSync(file)) return false;
  writeKeyFile(file, newKeyMaterial());
  return true;
}

function keyringOf(source: KeySource): Keyring {
  if (source.kind === 'file') return readKeyFile(source.path).keyring;
  try {
    return parseKeyMaterial(source.text, 'PERSONAL_DATA_KEYS');
  } catch (err) {
    if (err instanceof KeyMaterialInvalid) throw new ConfigError(`配置错误：${err.message}`);
    throw err;
  }
}

/**
 * Loads the keys for this process and installs them for the repositories. A key file is read
 * again when a value names a version this process has not seen (another process rotated).
 */
export function loadPersonalDataKeys(config: Config, databaseKind: 'pglite' | 'postgres', say: (line: string) => void = console.log): { source: KeySource; keyring: Keyring } {
  const source = keySourceOf(config, databaseKind);
  if (source.kind === 'file' && source.mayCreate && createKeyFile(source.path)) {
    say(`个人信息加密密钥 personal-data keys: generated ${source.path} (0600). Keep a copy outside DATA_DIR: without it the mobile numbers, emails and 身份证号 cannot be read.`);
  }
  const keyring = keyringOf(source);
  installPersonalDataKeys(keyring, source.kind === 'file' ? () => readKeyFile(source.path).keyring : undefined);
  return { source, keyring };
}

/**
 * Opens one stored value of each place with the loaded keys, so a wrong or incomplete key file
 * stops the start with a clear message instead of failing request after request.
 */
export async function verifyKeysOpenData(db: Db): Promise<void> {
  for (const sample of await sealedSamples(db)) {
    try {
      openValue(sample.purpose, sample.value);
    } catch (err) {
      if (!(err instanceof PersonalDataCryptoError)) throw err;
      throw new ConfigError(`配置错误：个人信息密钥打不开数据库中的数据 (the configured personal-data keys do not open ${sample.place}): ${err.message}`);
    }
  }
}
