import { recordAudit } from '../app/audit/record.js';
import { reencryptPersonalData } from '../app/personal-data/reencrypt-personal-data.js';
import { newKeyMaterial, withNewVersion, withoutVersion } from '../crypto/keyring.js';
import type { Config } from '../config.js';
import { personalDataKeyring } from '../db/personal-data/keys.js';
import { sealedValueCounts } from '../db/personal-data/reencrypt.js';
import type { ResealProgress } from '../db/personal-data/reencrypt.js';
import { createKeyFile, keySourceOf, loadPersonalDataKeys, readKeyFile, writeKeyFile } from './personal-data-keys.js';
import { consoleLog, openRuntime } from './runtime.js';

/**
 * `zhengming keys …`: the personal-data keys (SM4 + HMAC-SM3).
 * - init: a new key file at PERSONAL_DATA_KEY_FILE (never overwritten), or fresh JSON for PERSONAL_DATA_KEYS;
 * - status: the current version and, per place, how many values each version seals;
 * - rotate: a new version in the key file becomes current, then every value is re-sealed with it;
 * - reencrypt: re-seals what is not under the current version (resumes a stopped rotation, or
 *   follows a new version added to PERSONAL_DATA_KEYS by hand);
 * - retire ID: removes an old version from the key file once no value uses it.
 */
const kindOf = (config: Config) => (config.databaseUrl === undefined ? 'pglite' : 'postgres');

function printCounts(counts: { place: string; counts: Record<string, number> }[]): void {
  for (const c of counts) {
    const parts = Object.entries(c.counts).map(([k, n]) => `${k === 'clear' ? '未加密 clear' : `key ${k}`}: ${n}`);
    console.log(`  ${c.place.padEnd(32)} ${parts.length === 0 ? '-' : parts.join(', ')}`);
  }
}

const progress = (p: ResealProgress) => console.log(`  ${p.place}: ${p.rows} re-sealed so far`);

export function keysInit(config: Config): number {
  if (config.personalData.keys !== undefined) {
    console.log('密钥来自 PERSONAL_DATA_KEYS (keys come from the environment); nothing to create.');
    return 0;
  }
  if (config.personalData.keyFile === undefined && kindOf(config) === 'postgres') {
    console.log('# 新的个人信息密钥 (fresh keys) — put this in PERSONAL_DATA_KEYS, or set PERSONAL_DATA_KEY_FILE and run keys init again:');
    console.log(JSON.stringify(newKeyMaterial()));
    return 0;
  }
  const source = keySourceOf(config, kindOf(config));
  if (source.kind !== 'file') return 2;
  if (!createKeyFile(source.path)) {
    console.error(`${source.path} 已存在，不会覆盖 (exists; never overwritten)`);
    return 1;
  }
  console.log(`created ${source.path} (0600, key version 1). Back it up apart from the database.`);
  return 0;
}

export async function keysStatus(config: Config): Promise<number> {
  const { database } = await openRuntime(config, consoleLog);
  try {
    const keyring = personalDataKeyring();
    console.log(`current key version: ${keyring.current}; versions held: ${[...keyring.versions.keys()].join(', ')}`);
    printCounts(await sealedValueCounts(database.db));
    return 0;
  } finally {
    await database.close();
  }
}

export async function keysRotate(config: Config): Promise<number> {
  const source = keySourceOf(config, kindOf(config));
  if (source.kind !== 'file') {
    console.error(
      'keys rotate 需要密钥文件 (PERSONAL_DATA_KEY_FILE)。使用 PERSONAL_DATA_KEYS 时：加入一个新版本并设为 current，更新所有进程的配置，再运行 zhengming keys reencrypt。',
    );
    return 2;
  }
  const { database, app } = await openRuntime(config, consoleLog);
  try {
    const next = withNewVersion(readKeyFile(source.path).material);
    writeKeyFile(source.path, next);
    loadPersonalDataKeys(config, kindOf(config));
    console.log(`key version ${next.current} added to ${source.path} and made current; re-sealing…`);
    const { places } = await reencryptPersonalData(app, 'not_current', { action: 'personal_data_key_rotate', onBatch: progress });
    for (const p of places) console.log(`  ${p.place.padEnd(32)} ${p.rows} re-sealed`);
    console.log('done. Other processes switch to the new version when they first meet it (or at restart).');
    return 0;
  } finally {
    await database.close();
  }
}

export async function keysReencrypt(config: Config): Promise<number> {
  const { database, app } = await openRuntime(config, consoleLog);
  try {
    const { keyId, places } = await reencryptPersonalData(app, 'not_current', { onBatch: progress });
    console.log(`re-sealed with key version ${keyId}:`);
    for (const p of places) console.log(`  ${p.place.padEnd(32)} ${p.rows}`);
    return 0;
  } finally {
    await database.close();
  }
}

export async function keysRetire(config: Config, id: number): Promise<number> {
  const source = keySourceOf(config, kindOf(config));
  if (source.kind !== 'file') {
    console.error('keys retire 需要密钥文件 (PERSONAL_DATA_KEY_FILE)；使用 PERSONAL_DATA_KEYS 时请在配置中删除该版本。');
    return 2;
  }
  const { material } = readKeyFile(source.path);
  if (id === material.current) {
    console.error(`版本 ${id} 是当前密钥，不能停用 (the current version cannot be retired)`);
    return 1;
  }
  if (material.keys[String(id)] === undefined) {
    console.error(`密钥文件中没有版本 ${id} (no such version)`);
    return 1;
  }
  const { database, app } = await openRuntime(config, consoleLog);
  try {
    const counts = await sealedValueCounts(database.db);
    const inUse = counts.filter((c) => (c.counts[String(id)] ?? 0) > 0);
    if (inUse.length > 0) {
      console.error(`版本 ${id} 仍有数据在用，不能停用 (still in use); run zhengming keys reencrypt first:`);
      printCounts(inUse);
      return 1;
    }
    writeKeyFile(source.path, withoutVersion(material, id));
    await recordAudit(app.db, app.clock, { ip: null, userAgent: 'cli' }, {
      action: 'personal_data_key_retire',
      result: 'success',
      actor: { id: null, username: 'cli' },
      details: { keyId: id },
    });
    console.log(`key version ${id} removed from ${source.path}`);
    return 0;
  } finally {
    await database.close();
  }
}
