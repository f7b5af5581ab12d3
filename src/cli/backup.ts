import { existsSync } from 'node:fs';
import { restoreBackup } from '../app/backup/restore-backup.js';
import { createBackup } from '../app/backup/create-backup.js';
import { systemClock } from '../app/context.js';
import { backupFileLines, backupFileOutput, fileSha256 } from '../backup/file.js';
import { parseKeyMaterial } from '../crypto/keyring.js';
import type { Config } from '../config.js';
import { openDatabase } from '../db/client.js';
import { BackupRefused } from '../domain/backup/errors.js';
import type { ConfigurationHints } from '../domain/backup/format.js';
import { keySourceOf, readKeyFile } from './personal-data-keys.js';

/** The settings a restored system must be given the same way (none of them secret). */
export function configurationHints(config: Config): ConfigurationHints {
  return {
    DNS_SOA_MNAME: config.zone.mname,
    DNS_SOA_RNAME: config.zone.rname,
    DNS_NS: config.zone.ns.join(','),
    EDGE_IPV4: config.edge.ipv4.join(','),
    EDGE_IPV6: config.edge.ipv6.join(','),
    PUBLIC_HOST: config.publicHost,
    CONSOLE_URL: config.consoleUrl,
    SUPPORT_HOTLINE: config.supportHotline,
    DNS_TRANSFER_ALLOW: config.dnsTransferAllow.join(','),
    DNS_NOTIFY: config.dnsNotify.join(','),
    AUDIT_RETENTION_DAYS: String(config.auditRetentionDays),
    SITECHECK_ALLOW_ADDRESSES: config.siteCheck.allowAddresses.join(','),
    ...(config.smtp === null ? {} : { SMTP_HOST: config.smtp.host, SMTP_PORT: String(config.smtp.port), SMTP_SECURITY: config.smtp.security, SMTP_FROM: config.smtp.from }),
  };
}

/** Secrets are never written to a backup; the manifest only says which ones were set. */
function secretsNotIncluded(config: Config): Record<string, boolean> {
  const set = (name: string) => (config.env[name] ?? '') !== '';
  return {
    PERSONAL_DATA_KEY_FILE: set('PERSONAL_DATA_KEY_FILE') || set('PERSONAL_DATA_KEYS'),
    DNS_TSIG_KEY: set('DNS_TSIG_KEY'),
    SMTP_USER: set('SMTP_USER'),
    SMTP_PASSWORD: set('SMTP_PASSWORD'),
    'SMS_*': Object.keys(config.env).some((k) => k.startsWith('SMS_') && set(k)),
  };
}

/**
 * The sealed fields were copied as they were: they open only with the key versions that sealed
 * them. Said after the restore (it does not need them), before anyone starts the system without.
 */
function keyWarnings(config: Config, kind: 'pglite' | 'postgres', needed: number[]): string[] {
  if (needed.length === 0) return [];
  try {
    const source = keySourceOf(config, kind);
    if (source.kind === 'file' && source.mayCreate && !existsSync(source.path))
      return [`个人信息密钥文件 ${source.path} 不存在：启动时会生成新密钥，打不开恢复的数据。请先把备份时的密钥文件（版本 ${needed.join(', ')}）放到这里`];
    const keyring = source.kind === 'file' ? readKeyFile(source.path).keyring : parseKeyMaterial(source.text, 'PERSONAL_DATA_KEYS');
    const missing = needed.filter((id) => !keyring.versions.has(id));
    return missing.length === 0 ? [] : [`当前的个人信息密钥缺少版本 ${missing.join(', ')}：这些加密字段打不开，请换用备份时的密钥文件`];
  } catch (err) {
    return [`个人信息密钥未就绪（${err instanceof Error ? err.message.split('\n')[0] : String(err)}）：数据需要版本 ${needed.join(', ')}`];
  }
}

function refused(err: unknown): number {
  if (!(err instanceof BackupRefused)) throw err;
  console.error(`失败 [${err.code}] ${err.message}`);
  return 1;
}

const where = (config: Config) => (config.databaseUrl === undefined ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)');

/**
 * `zhengming backup --out FILE`: the whole database as one gzip'd file (see domain/backup/format.ts).
 * On the embedded database, stop `npm start` first: one process per DATA_DIR.
 */
export async function backupCommand(config: Config, out: string): Promise<number> {
  const database = await openDatabase(config);
  try {
    const s = await createBackup(
      { db: database.db, clock: systemClock },
      { kind: database.kind, configuration: configurationHints(config), secretsNotIncluded: secretsNotIncluded(config), output: backupFileOutput(out) },
    );
    const lines = [
      `备份完成 backup written: ${out}`,
      `  from:        ${where(config)} at ${s.createdAt}`,
      `  tables/rows: ${s.tables.length} tables, ${s.rows} rows`,
      `  audit chain: ${s.auditChain.ok ? '完整 OK' : '已断开 BROKEN (backed up as it is; run zhengming audit verify)'}, head id ${s.auditChain.headId ?? '-'} sm3 ${s.auditChain.headHash}`,
      `  file:        ${s.bytes} bytes, sha256 ${s.fileSha256}   (note it down: restore prints it again)`,
    ];
    if (s.notAudited !== null) lines.push(`  注意 the backup could not be recorded in the audit log (${s.notAudited}); record it in the operations log`);
    if (s.personalDataKeyIds.length > 0)
      lines.push(`  个人信息密钥 personal-data key versions needed: ${s.personalDataKeyIds.join(', ')} — the key file is NOT in the backup; keep it with the backup, separately`);
    console.log(lines.join('\n'));
    return 0;
  } catch (err) {
    return refused(err);
  } finally {
    await database.close();
  }
}

/** `zhengming restore --from FILE`: into the configured database, which must be empty. */
export async function restoreCommand(config: Config, from: string): Promise<number> {
  const database = await openDatabase(config);
  try {
    const started = Date.now();
    // Only for the crash test: hold inside the load transaction after this table, to be killed there.
    const pauseAfter = config.env['RESTORE_TEST_PAUSE_AFTER'];
    const progress = async ({ table, rows }: { table: string; rows: number }) => {
      console.error(`  已载入 loaded ${table}: ${rows} rows (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      if (table === pauseAfter) {
        console.log(`paused after ${table}`);
        await new Promise((resolve) => setTimeout(resolve, 60_000));
      }
    };
    const s = await restoreBackup(database, systemClock, { open: () => backupFileLines(from), configuration: configurationHints(config), progress });
    const lines = [
      `恢复完成 restored into ${where(config)}: ${from} (sha256 ${await fileSha256(from)})`,
      `  backup of:   ${s.header.source.kind} at ${s.header.createdAt}`,
      `  tables/rows: ${s.tables.length} tables, ${s.rows} rows; counts and SHA-256 of every table checked`,
      `  audit chain: ${s.trailer.auditChain.ok ? '完整 OK' : '已断开 BROKEN (as it was in the backup)'}, head id ${s.trailer.auditChain.headId ?? '-'} sm3 ${s.trailer.auditChain.headHash}; the restore is recorded after it`,
      `  schema:      ${s.backupMigrations} migrations from the backup${s.migrationsAfter > 0 ? `, then ${s.migrationsAfter} newer ones applied` : ''}`,
      '  配置提示 configuration at backup time (set the same, or the zones and badges differ):',
      ...Object.entries(s.header.configuration).map(([k, v]) => `    ${k}=${v}`),
      `  不在备份中的密钥 secrets not in the backup (set at backup time): ${Object.entries(s.header.secretsNotIncluded).filter(([, v]) => v).map(([k]) => k).join(', ') || 'none'}`,
    ];
    if (s.trailer.personalDataKeyIds.length > 0) lines.push(`  个人信息密钥 the data needs personal-data key versions ${s.trailer.personalDataKeyIds.join(', ')} (PERSONAL_DATA_KEY_FILE)`);
    for (const w of [...s.warnings, ...keyWarnings(config, database.kind, s.trailer.personalDataKeyIds)]) lines.push(`  注意 ${w}`);
    console.log(lines.join('\n'));
    return 0;
  } catch (err) {
    return refused(err);
  } finally {
    await database.close();
  }
}
