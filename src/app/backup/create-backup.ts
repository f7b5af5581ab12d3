import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.js';
import {
  catalogTables,
  schemaTableNames,
  sequenceStates,
  serverVersion,
  setCanonicalTextOutput,
  tableRowValues,
  type CatalogTable,
} from '../../db/backup/catalog.js';
import { appliedMigrations, codeMigrations } from '../../db/backup/migrations.js';
import { BackupRefused } from '../../domain/backup/errors.js';
import {
  backupFormat,
  backupFormatVersion,
  envelopeKeyIds,
  type AuditChainState,
  type BackupHeader,
  type BackupTrailer,
  type ConfigurationHints,
} from '../../domain/backup/format.js';
import { foreignKeyOrder } from '../../domain/backup/table-order.js';
import { recordAudit } from '../audit/record.js';
import { verifyChain } from '../audit/chain.js';
import { trySealAuditChain } from '../audit/sealer.js';
import type { Clock } from '../context.js';

/** Where the lines go: one call per line (without its newline). */
export interface BackupSink {
  write(line: string): Promise<void>;
}

/** Writes the file around `produce` and only keeps it when `produce` finishes (src/backup/file.ts). */
export type BackupOutput = <T>(produce: (sink: BackupSink) => Promise<T>) => Promise<{ value: T; sha256: string; bytes: number }>;

export interface BackupInput {
  kind: 'pglite' | 'postgres';
  configuration: ConfigurationHints;
  secretsNotIncluded: Record<string, boolean>;
  output: BackupOutput;
}

export interface BackupSummary {
  createdAt: string;
  tables: { name: string; rows: number }[];
  rows: number;
  auditChain: AuditChainState;
  personalDataKeyIds: number[];
  /** SHA-256 of the file as written (gzip bytes): note it down to check a copy later. */
  fileSha256: string;
  bytes: number;
  /** Why the backup could not be recorded in the audit log (null: it was). */
  notAudited: string | null;
}

/**
 * `zhengming backup`: every table of the schema, in foreign-key order, from one REPEATABLE READ
 * read-only snapshot, streamed table by table through a cursor; then the sequences, the audit
 * chain as verified in that snapshot, and the manifest's counts and SHA-256s. The source must be
 * at exactly this program's schema; a table the program does not know stops the backup (it would
 * otherwise be silently missing). The backup itself is recorded in the audit log afterwards.
 */
export async function createBackup(app: { db: Db; clock: Clock }, input: BackupInput): Promise<BackupSummary> {
  const createdAt = app.clock.now().toISOString();
  // What has committed is chained first (unless another process is sealing: it does); events
  // not sealed by then are copied as they are and sealed where the backup is restored. A read-only
  // standby cannot seal: its primary does, and the backup copies what it has.
  await trySealAuditChain(app.db).catch(() => 0);
  const written = await input.output((sink) =>
    app.db.transaction(
      async (tx) => {
        await setCanonicalTextOutput(tx);
        const tables = await tablesToCopy(tx);
        const content = createHash('sha256');
        const emit = async (line: string) => {
          content.update(line + '\n');
          await sink.write(line);
        };
        const header: BackupHeader = {
          format: backupFormat,
          formatVersion: backupFormatVersion,
          createdAt,
          source: { kind: input.kind, serverVersion: await serverVersion(tx) },
          migrations: codeMigrations(),
          tables: tables.map((t) => ({ name: t.name, primaryKey: t.primaryKey, columns: t.columns.map((c) => ({ name: c.name, type: c.type })) })),
          configuration: input.configuration,
          secretsNotIncluded: input.secretsNotIncluded,
        };
        await emit(JSON.stringify(header));
        const counts: BackupTrailer['tables'] = {};
        const keyIds = new Set<number>();
        for (const table of tables) {
          await emit(JSON.stringify({ table: table.name }));
          const hash = createHash('sha256');
          let rows = 0;
          for await (const batch of tableRowValues(tx, table, table.columns.map((c) => c.name))) {
            for (const row of batch) {
              const line = JSON.stringify(row);
              hash.update(line + '\n');
              envelopeKeyIds(line, keyIds);
              await emit(line);
              rows += 1;
            }
          }
          counts[table.name] = { rows, sha256: hash.digest('hex') };
        }
        // Read last: sequences are not transactional, so a value read after the rows is at least
        // every value those rows used.
        const sequences = await sequenceStates(tx);
        const chain = await verifyChain(tx);
        const auditChain: AuditChainState = { ok: chain.ok, checked: chain.checked, headId: chain.head.id, headHash: chain.head.hash };
        const trailer: BackupTrailer = { tables: counts, sequences, auditChain, personalDataKeyIds: [...keyIds].sort((a, b) => a - b), contentSha256: content.digest('hex') };
        await sink.write(JSON.stringify({ trailer }));
        return { counts, trailer, order: tables.map((t) => t.name) };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    ),
  );
  const { counts, trailer, order } = written.value;
  const tables = order.map((name) => ({ name, rows: counts[name]!.rows }));
  const rows = tables.reduce((n, t) => n + t.rows, 0);
  // The file is complete and good by now: a database that cannot take the event (a read-only
  // standby) does not undo it, it is only reported.
  const audited = await recordAudit(app.db, app.clock, { ip: null, userAgent: 'cli' }, {
    action: 'backup_create',
    result: 'success',
    actor: { id: null, username: 'system' },
    details: { createdAt, sha256: written.sha256, bytes: written.bytes, tables: tables.length, rows, auditHeadId: trailer.auditChain.headId },
  }).then(
    () => null,
    (err: unknown) => (err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err)),
  );
  return { createdAt, tables, rows, auditChain: trailer.auditChain, personalDataKeyIds: trailer.personalDataKeyIds, fileSha256: written.sha256, bytes: written.bytes, notAudited: audited };
}

/** The schema's tables as the catalog has them, checked against the program's, in load order. */
async function tablesToCopy(tx: Db): Promise<CatalogTable[]> {
  const applied = (await appliedMigrations(tx)).map((m) => m.createdAt);
  const shipped = codeMigrations().map((m) => m.createdAt);
  if (applied.length !== shipped.length || applied.some((c, i) => c !== shipped[i]))
    throw new BackupRefused(
      'BACKUP_SOURCE_NOT_MIGRATED',
      `数据库结构版本（已执行 ${applied.length} 个迁移）与本程序（${shipped.length} 个迁移）不一致：请先用与数据库相同版本的程序运行 zhengming migrate，再备份`,
    );
  const catalog = await catalogTables(tx);
  const known = new Set(schemaTableNames());
  const unknown = catalog.filter((t) => !known.has(t.name)).map((t) => t.name);
  if (unknown.length > 0)
    throw new BackupRefused('BACKUP_UNKNOWN_TABLE', `数据库中有本程序不认识的表：${unknown.join(', ')}。备份会漏掉它们，已停止（请确认是否有人手工建表）`, { tables: unknown });
  const missing = [...known].filter((n) => !catalog.some((t) => t.name === n));
  if (missing.length > 0) throw new BackupRefused('BACKUP_SOURCE_NOT_MIGRATED', `数据库缺少表：${missing.join(', ')}：请先运行 zhengming migrate`);
  const noKey = catalog.filter((t) => t.primaryKey.length === 0).map((t) => t.name);
  if (noKey.length > 0) throw new BackupRefused('BACKUP_SCHEMA_MISMATCH', `表 ${noKey.join(', ')} 没有主键，无法按确定的顺序备份与校验`);
  const byName = new Map(catalog.map((t) => [t.name, t]));
  return foreignKeyOrder(catalog).map((name) => byName.get(name)!);
}
