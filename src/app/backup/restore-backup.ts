import type { Database, Db } from '../../db/client.js';
import {
  catalogTables,
  insertRowValues,
  insertTriggers,
  lockTables,
  nonEmptyTables,
  sequenceStates,
  setCanonicalTextOutput,
  setSequence,
  setTrigger,
  type CatalogTable,
} from '../../db/backup/catalog.js';
import { appliedMigrations, codeMigrations, migrateFirst } from '../../db/backup/migrations.js';
import { BackupRefused } from '../../domain/backup/errors.js';
import type { BackupHeader, BackupTrailer, ConfigurationHints } from '../../domain/backup/format.js';
import { readBackup } from '../../domain/backup/reader.js';
import { recordAudit } from '../audit/record.js';
import type { Clock } from '../context.js';
import { checkRestoredData } from './check-restored.js';

export interface RestoreInput {
  /** The file's lines, from the start, each time it is called: the file is read once whole to
   * check it before anything is written, and again to load it. */
  open: () => AsyncIterable<string>;
  /** The configuration in force now, to point out settings that differ from the backup's. */
  configuration?: ConfigurationHints;
  /** Told after each table's rows are in (still inside the load transaction). */
  progress?: (loaded: { table: string; rows: number }) => Promise<void> | void;
}

export interface RestoreSummary {
  header: BackupHeader;
  trailer: BackupTrailer;
  tables: { name: string; rows: number }[];
  rows: number;
  /** Migrations the backup was taken at, and the ones applied on top of it afterwards. */
  backupMigrations: number;
  migrationsAfter: number;
  warnings: string[];
}

/**
 * `zhengming restore`: into an EMPTY database only. The whole file is checked first (structure,
 * every table's count and SHA-256, the content hash), then the database is migrated to the
 * backup's schema version, then every row goes in within ONE transaction that also sets the
 * sequences, reads every table back against the manifest and re-verifies the audit hash chain;
 * any difference rolls it all back. INSERT triggers are off during the load (derived tables such
 * as application_counts are copied, not recomputed). Only then are later migrations applied and
 * the restore itself appended to the audit chain (after the commit: a crash in between leaves a
 * complete restore without that one event). Audit rows are plain INSERTs (the log's triggers
 * guard UPDATE, DELETE and TRUNCATE, and its CHECK wants the hashes they carry), so they keep
 * their hashes and the chain proves they are the rows that were backed up.
 */
export async function restoreBackup(target: Database, clock: Clock, input: RestoreInput): Promise<RestoreSummary> {
  const { header, trailer } = await checkWholeFile(input.open);
  const warnings = [...schemaWarnings(header), ...configurationWarnings(header.configuration, input.configuration)];
  if (!trailer.auditChain.ok) warnings.push('备份时审计日志哈希链已断开：按原样恢复，断点仍可用 zhengming audit verify 查看');
  await checkTargetBeforeMigrating(target.db, header);
  await migrateFirst(target, header.migrations.length);

  await target.db.transaction(async (tx) => {
    await setCanonicalTextOutput(tx);
    const tables = matchingCatalog(await catalogTables(tx), header);
    await lockTables(tx, header.tables.map((t) => t.name));
    const filled = await nonEmptyTables(tx, header.tables.map((t) => t.name));
    if (filled.length > 0) throw notEmpty(filled);
    const triggers = await insertTriggers(tx);
    for (const trigger of triggers) await setTrigger(tx, trigger, false);
    for await (const event of readBackup(input.open())) {
      if (event.kind === 'header' && JSON.stringify(event.header) !== JSON.stringify(header))
        throw new BackupRefused('BACKUP_CORRUPT', '备份文件在恢复过程中被改动（两次读取的文件头不同）：已全部撤销');
      if (event.kind === 'rows') await insertRowValues(tx, tables.get(event.table.name)!, event.table.columns.map((c) => c.name), event.rows);
      if (event.kind === 'table-end') await input.progress?.({ table: event.table.name, rows: event.rows });
    }
    for (const trigger of triggers) await setTrigger(tx, trigger, true);
    const sequences = await sequenceStates(tx);
    const names = new Set(sequences.map((s) => s.name));
    const missing = trailer.sequences.filter((s) => !names.has(s.name)).map((s) => s.name);
    if (missing.length > 0 || sequences.length !== trailer.sequences.length)
      throw new BackupRefused('BACKUP_SCHEMA_MISMATCH', `目标数据库的序列与备份不一致（缺少：${missing.join(', ') || '无'}）`);
    for (const s of trailer.sequences) await setSequence(tx, s);
    await checkRestoredData(tx, header, trailer, tables);
  });

  const codeCount = codeMigrations().length;
  if (codeCount > header.migrations.length) await target.migrate();
  const tables = header.tables.map((t) => ({ name: t.name, rows: trailer.tables[t.name]!.rows }));
  const rows = tables.reduce((n, t) => n + t.rows, 0);
  await recordAudit(target.db, clock, { ip: null, userAgent: 'cli' }, {
    action: 'backup_restore',
    result: 'success',
    actor: { id: null, username: 'system' },
    details: { backupCreatedAt: header.createdAt, sourceKind: header.source.kind, contentSha256: trailer.contentSha256, tables: tables.length, rows, auditHeadId: trailer.auditChain.headId },
  });
  return { header, trailer, tables, rows, backupMigrations: header.migrations.length, migrationsAfter: codeCount - header.migrations.length, warnings };
}

/** Reads the file through once, every check included, without touching any database. */
async function checkWholeFile(open: () => AsyncIterable<string>): Promise<{ header: BackupHeader; trailer: BackupTrailer }> {
  let header: BackupHeader | null = null;
  let trailer: BackupTrailer | null = null;
  for await (const event of readBackup(open())) {
    if (event.kind === 'header') {
      header = event.header;
      checkSchemaVersion(header);
    } else if (event.kind === 'trailer') trailer = event.trailer;
  }
  if (header === null || trailer === null) throw new BackupRefused('BACKUP_TRUNCATED', '备份文件不完整');
  return { header, trailer };
}

/** The backup's migrations must be this program's first ones: a newer schema cannot be loaded. */
function checkSchemaVersion(header: BackupHeader): void {
  const code = codeMigrations();
  const unknown = header.migrations.filter((m) => !code.some((c) => c.createdAt === m.createdAt));
  if (unknown.length > 0)
    throw new BackupRefused(
      'BACKUP_SCHEMA_NEWER',
      `备份来自更新版本的程序（数据库迁移 ${unknown.map((m) => m.tag).join(', ')} 本程序没有）：请用不低于备份时版本的程序恢复`,
      { migrations: unknown.map((m) => m.tag) },
    );
  header.migrations.forEach((m, i) => {
    if (code[i]?.createdAt !== m.createdAt)
      throw new BackupRefused('BACKUP_SCHEMA_MISMATCH', `备份的数据库迁移顺序与本程序不同（第 ${i + 1} 个为 ${m.tag}，本程序为 ${code[i]?.tag ?? '无'}）`);
  });
}

function schemaWarnings(header: BackupHeader): string[] {
  const code = codeMigrations();
  return header.migrations
    .filter((m, i) => code[i] !== undefined && code[i]!.hash !== m.hash)
    .map((m) => `迁移 ${m.tag} 的文件内容与备份时不同（SHA-256 不一致）：按本程序的版本执行`);
}

function configurationWarnings(backup: ConfigurationHints, now: ConfigurationHints | undefined): string[] {
  if (now === undefined) return [];
  return Object.entries(backup)
    .filter(([k, v]) => now[k] !== undefined && now[k] !== v)
    .map(([k, v]) => `${k}: 备份时为 "${v}"，当前配置为 "${now[k]}"（区域文件和网站标识会随之不同）`);
}

const notEmpty = (tables: string[]) =>
  new BackupRefused('BACKUP_TARGET_NOT_EMPTY', `目标数据库不是空的（表 ${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ' 等' : ''} 有数据）：只能恢复到一个新建的空数据库`, { tables });

/** Before migrating: no rows anywhere, no foreign tables, and no schema newer than the backup's. */
async function checkTargetBeforeMigrating(db: Db, header: BackupHeader): Promise<void> {
  const catalog = await catalogTables(db);
  const filled = await nonEmptyTables(db, catalog.map((t) => t.name));
  if (filled.length > 0) throw notEmpty(filled);
  const applied = await appliedMigrations(db);
  if (applied.length === 0 && catalog.length > 0)
    throw new BackupRefused('BACKUP_TARGET_NOT_EMPTY', `目标数据库已有不是本系统迁移建立的表（${catalog.slice(0, 5).map((t) => t.name).join(', ')}）：只能恢复到一个新建的空数据库`);
  const ahead = applied.length > header.migrations.length || applied.some((m, i) => header.migrations[i]?.createdAt !== m.createdAt);
  if (ahead)
    throw new BackupRefused('BACKUP_TARGET_NEWER', `目标数据库的结构（${applied.length} 个迁移）比备份（${header.migrations.length} 个迁移）新或不同：请恢复到一个新建的空数据库`);
}

/** At the backup's schema version the target must have exactly the backup's tables and columns. */
function matchingCatalog(catalog: CatalogTable[], header: BackupHeader): Map<string, CatalogTable> {
  const byName = new Map(catalog.map((t) => [t.name, t]));
  const problems: string[] = [];
  for (const t of header.tables) {
    const c = byName.get(t.name);
    if (c === undefined) {
      problems.push(`缺少表 ${t.name}`);
      continue;
    }
    const types = new Map(c.columns.map((x) => [x.name, x.type]));
    for (const col of t.columns) if (types.get(col.name) !== col.type) problems.push(`${t.name}.${col.name}（备份 ${col.type}，目标 ${types.get(col.name) ?? '无此列'}）`);
    if (c.columns.length !== t.columns.length) problems.push(`表 ${t.name} 的列数不同`);
    if (c.primaryKey.join(',') !== t.primaryKey.join(',')) problems.push(`表 ${t.name} 的主键不同`);
  }
  for (const c of catalog) if (!header.tables.some((t) => t.name === c.name)) problems.push(`备份中没有表 ${c.name}`);
  if (problems.length > 0) throw new BackupRefused('BACKUP_SCHEMA_MISMATCH', `目标数据库的结构与备份不一致：${problems.slice(0, 8).join('；')}`, { problems });
  return byName;
}
