import { createHash, type Hash } from 'node:crypto';
import { BackupRefused } from './errors.js';
import { backupFormat, backupFormatVersion, backupHeaderSchema, backupTrailerSchema, type BackupHeader, type BackupTrailer, type HeaderTable, type RowValues } from './format.js';

export type BackupEvent =
  | { kind: 'header'; header: BackupHeader }
  | { kind: 'rows'; table: HeaderTable; rows: RowValues[] }
  | { kind: 'table-end'; table: HeaderTable; rows: number; sha256: string }
  | { kind: 'trailer'; trailer: BackupTrailer };

const corrupt = (line: number, what: string) => new BackupRefused('BACKUP_CORRUPT', `备份文件已损坏：第 ${line} 行${what}`, { line });

function parseJson(text: string, line: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw corrupt(line, '不是合法的 JSON');
  }
}

const isRow = (v: unknown, width: number): v is RowValues =>
  Array.isArray(v) && v.length === width && v.every((x) => x === null || typeof x === 'string');

function readHeader(text: string): BackupHeader {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BackupRefused('BACKUP_NOT_A_BACKUP', '这不是正名的备份文件（开头不是备份文件头）');
  }
  const v = value as { format?: unknown; formatVersion?: unknown } | null;
  if (v === null || typeof v !== 'object' || v.format !== backupFormat) throw new BackupRefused('BACKUP_NOT_A_BACKUP', '这不是正名的备份文件（文件头 format 不是 zhengming-backup）');
  if (v.formatVersion !== backupFormatVersion)
    throw new BackupRefused('BACKUP_FORMAT_UNSUPPORTED', `备份文件格式版本 ${String(v.formatVersion)} 不受支持（本程序支持版本 ${backupFormatVersion}）：请用更新的程序恢复`);
  const parsed = backupHeaderSchema.safeParse(value);
  if (!parsed.success) throw corrupt(1, `（文件头）不符合格式：${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`);
  const names = new Set(parsed.data.tables.map((t) => t.name));
  if (names.size !== parsed.data.tables.length) throw corrupt(1, '（文件头）表名重复');
  return parsed.data;
}

/**
 * Reads a backup's lines and checks them as it goes: the header, each table's section in the
 * header's order, every row's shape, and at the end each table's row count and SHA-256 and the
 * whole content's SHA-256 against the trailer. Rows are handed out in batches before the trailer
 * is reached, so a consumer that writes them must do so in a transaction it rolls back when this
 * throws. A file that ends before its trailer is `BACKUP_TRUNCATED`; anything after it is corrupt.
 */
export async function* readBackup(lines: AsyncIterable<string>, batch = { rows: 1000, chars: 4_000_000 }): AsyncGenerator<BackupEvent> {
  const content = createHash('sha256');
  let header: BackupHeader | null = null;
  let tableIndex = -1;
  let tableHash: Hash | null = null;
  let tableRows = 0;
  let pending: RowValues[] = [];
  let pendingChars = 0;
  const seen = new Map<string, { rows: number; sha256: string }>();
  let trailer: BackupTrailer | null = null;
  let lineNo = 0;

  const current = (): HeaderTable | undefined => (header === null ? undefined : header.tables[tableIndex]);
  function* flush(): Generator<BackupEvent> {
    const table = current();
    if (table !== undefined && pending.length > 0) yield { kind: 'rows', table, rows: pending };
    pending = [];
    pendingChars = 0;
  }
  function* endTable(): Generator<BackupEvent> {
    const table = current();
    if (table === undefined || tableHash === null) return;
    yield* flush();
    const sha256 = tableHash.digest('hex');
    seen.set(table.name, { rows: tableRows, sha256 });
    yield { kind: 'table-end', table, rows: tableRows, sha256 };
    tableHash = null;
  }

  for await (const text of lines) {
    lineNo += 1;
    if (trailer !== null) throw corrupt(lineNo, '出现在文件尾之后');
    if (header === null) {
      header = readHeader(text);
      content.update(text + '\n');
      yield { kind: 'header', header };
      continue;
    }
    if (text.startsWith('[')) {
      const table = current();
      if (table === undefined || tableHash === null) throw corrupt(lineNo, '是数据行，但不在任何表的段落中');
      const row = parseJson(text, lineNo);
      if (!isRow(row, table.columns.length)) throw corrupt(lineNo, `不是表 ${table.name} 的一行（应为 ${table.columns.length} 个文本或 null）`);
      tableHash.update(text + '\n');
      content.update(text + '\n');
      tableRows += 1;
      pending.push(row);
      pendingChars += text.length;
      if (pending.length >= batch.rows || pendingChars >= batch.chars) yield* flush();
      continue;
    }
    const marker = parseJson(text, lineNo) as { table?: unknown; trailer?: unknown } | null;
    if (marker !== null && typeof marker === 'object' && typeof marker.table === 'string' && Object.keys(marker).length === 1) {
      yield* endTable();
      tableIndex += 1;
      const expected = current();
      if (expected === undefined || expected.name !== marker.table) throw corrupt(lineNo, `是表 ${marker.table} 的开头，应为 ${expected?.name ?? '文件尾'}`);
      tableHash = createHash('sha256');
      tableRows = 0;
      content.update(text + '\n');
      continue;
    }
    if (marker !== null && typeof marker === 'object' && 'trailer' in marker && Object.keys(marker).length === 1) {
      yield* endTable();
      if (tableIndex !== header.tables.length - 1) throw corrupt(lineNo, `（文件尾）之前缺少表 ${header.tables[tableIndex + 1]?.name ?? ''} 的数据`);
      const parsed = backupTrailerSchema.safeParse(marker.trailer);
      if (!parsed.success) throw corrupt(lineNo, `（文件尾）不符合格式：${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`);
      trailer = parsed.data;
      checkAgainstTrailer(header, trailer, seen, content.digest('hex'));
      yield { kind: 'trailer', trailer };
      continue;
    }
    throw corrupt(lineNo, '既不是数据行，也不是表头或文件尾');
  }
  if (header === null) throw new BackupRefused('BACKUP_TRUNCATED', '备份文件是空的');
  if (trailer === null) throw new BackupRefused('BACKUP_TRUNCATED', `备份文件不完整：在第 ${lineNo} 行后结束，缺少文件尾（复制或传输被中断？）`);
}

function checkAgainstTrailer(header: BackupHeader, trailer: BackupTrailer, seen: Map<string, { rows: number; sha256: string }>, contentSha256: string): void {
  const listed = Object.keys(trailer.tables);
  if (listed.length !== header.tables.length || header.tables.some((t) => trailer.tables[t.name] === undefined))
    throw new BackupRefused('BACKUP_HASH_MISMATCH', '备份文件尾列出的表与文件头不一致');
  for (const t of header.tables) {
    const expected = trailer.tables[t.name]!;
    const actual = seen.get(t.name)!;
    if (expected.rows !== actual.rows || expected.sha256 !== actual.sha256)
      throw new BackupRefused('BACKUP_HASH_MISMATCH', `表 ${t.name} 的数据与备份清单不符（清单 ${expected.rows} 行 SHA-256 ${expected.sha256.slice(0, 12)}…，文件中 ${actual.rows} 行 ${actual.sha256.slice(0, 12)}…）：文件被改动或损坏`, {
        table: t.name,
      });
  }
  if (trailer.contentSha256 !== contentSha256) throw new BackupRefused('BACKUP_HASH_MISMATCH', '备份文件内容的 SHA-256 与文件尾记录的不符：文件头或表结构被改动');
}
