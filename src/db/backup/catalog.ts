import { is, sql, type SQL } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../client.js';
import * as schema from '../schema/index.js';

/** A table as the catalog describes it: what a backup copies and a restore checks. */
export interface CatalogTable {
  name: string;
  /** The primary key's columns in key order (empty: the table has none). */
  primaryKey: string[];
  /** Stored columns in their order (generated columns are recomputed, never copied). */
  columns: { name: string; type: string; collatable: boolean; identityAlways: boolean }[];
  /** Tables this one's foreign keys point to. */
  references: string[];
}

export const rowsOf = async <T>(db: Db, query: SQL): Promise<T[]> => ((await db.execute(query)) as unknown as { rows: T[] }).rows;

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The tables the program's drizzle schema declares: a backup holds exactly these. */
export function schemaTableNames(): string[] {
  const names: string[] = [];
  for (const value of Object.values(schema) as unknown[]) if (is(value, PgTable)) names.push(getTableConfig(value).name);
  return names.sort();
}

/**
 * The ordinary tables of the `public` schema with their stored columns, primary key and foreign
 * keys (migrations' hand-written constraints included), read from the catalog.
 */
export async function catalogTables(db: Db): Promise<CatalogTable[]> {
  const columns = await rowsOf<{ table: string; column: string; type: string; collatable: boolean; identity_always: boolean }>(
    db,
    sql`select c.relname as "table", a.attname as "column", format_type(a.atttypid, a.atttypmod) as type,
               a.attcollation <> 0 as collatable, a.attidentity = 'a' as identity_always
        from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
        order by c.relname, a.attnum`,
  );
  const keys = await rowsOf<{ table: string; column: string }>(
    db,
    sql`select c.relname as "table", a.attname as "column"
        from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
        cross join lateral unnest(i.indkey::int2[]) with ordinality as k(attnum, ord)
        join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
        where n.nspname = 'public' and i.indisprimary
        order by c.relname, k.ord`,
  );
  const refs = await rowsOf<{ table: string; referenced: string }>(
    db,
    sql`select distinct c.relname as "table", r.relname as referenced
        from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class r on r.oid = k.confrelid
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and k.contype = 'f'`,
  );
  const tables = new Map<string, CatalogTable>();
  for (const c of columns) {
    let t = tables.get(c.table);
    if (t === undefined) tables.set(c.table, (t = { name: c.table, primaryKey: [], columns: [], references: [] }));
    t.columns.push({ name: c.column, type: c.type, collatable: c.collatable, identityAlways: c.identity_always });
  }
  for (const k of keys) tables.get(k.table)?.primaryKey.push(k.column);
  for (const r of refs) tables.get(r.table)?.references.push(r.referenced);
  return [...tables.values()];
}

/** Value text exactly as a backup stores it: no time zone or date style of the session leaks in. */
export async function setCanonicalTextOutput(tx: Db): Promise<void> {
  await tx.execute(sql`set local timezone = 'UTC'`);
  await tx.execute(sql`set local datestyle = 'ISO, YMD'`);
  await tx.execute(sql`set local intervalstyle = 'iso_8601'`);
  await tx.execute(sql`set local extra_float_digits = 1`);
  await tx.execute(sql`set local bytea_output = 'hex'`);
}

/**
 * Every row of a table as its columns' text values, in primary-key order (byte order for text
 * keys, so PGlite and PostgreSQL agree whatever their collation), in batches from one cursor:
 * a large table is never held in memory. Call inside a transaction.
 */
export async function* tableRowValues(tx: Db, table: CatalogTable, columns: string[], batch = 2000): AsyncGenerator<(string | null)[][]> {
  if (table.primaryKey.length === 0) throw new Error(`table ${table.name} has no primary key`);
  const select = columns.map((c, i) => `${quoteIdent(c)}::text as c${i}`).join(', ');
  const order = table.primaryKey
    .map((name) => `${quoteIdent(name)}${table.columns.find((c) => c.name === name)?.collatable === true ? ' collate "C"' : ''}`)
    .join(', ');
  const cursor = `zm_backup_${table.name}`.slice(0, 60);
  await tx.execute(sql.raw(`declare ${cursor} no scroll cursor for select ${select} from ${quoteIdent(table.name)} order by ${order}`));
  try {
    for (;;) {
      const rows = await rowsOf<Record<string, string | null>>(tx, sql.raw(`fetch ${batch} from ${cursor}`));
      if (rows.length === 0) return;
      yield rows.map((r) => columns.map((_, i) => r[`c${i}`] ?? null));
    }
  } finally {
    await tx.execute(sql.raw(`close ${cursor}`));
  }
}

/** Inserts rows given as text values (a backup's rows), cast by the target's own column types. */
export async function insertRowValues(tx: Db, table: CatalogTable, columns: string[], rows: (string | null)[][]): Promise<void> {
  if (rows.length === 0) return;
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const casts = columns.map((name, i) => `(r->>${i})::${byName.get(name)!.type}`).join(', ');
  const overriding = columns.some((c) => byName.get(c)?.identityAlways === true) ? ' overriding system value' : '';
  await tx.execute(
    sql`${sql.raw(`insert into ${quoteIdent(table.name)} (${columns.map(quoteIdent).join(', ')})${overriding} select ${casts} from json_array_elements(`)}${JSON.stringify(rows)}${sql.raw('::json) as r')}`,
  );
}

/** The sequences of the `public` schema (serial columns' and the numbering ones) and their state. */
export async function sequenceStates(tx: Db): Promise<{ name: string; lastValue: string; isCalled: boolean }[]> {
  const names = await rowsOf<{ name: string }>(
    tx,
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'S' order by c.relname`,
  );
  const out: { name: string; lastValue: string; isCalled: boolean }[] = [];
  for (const { name } of names) {
    const [s] = await rowsOf<{ last_value: string; is_called: boolean }>(tx, sql.raw(`select last_value::text as last_value, is_called from public.${quoteIdent(name)}`));
    if (s !== undefined) out.push({ name, lastValue: s.last_value, isCalled: s.is_called });
  }
  return out;
}

export async function setSequence(tx: Db, s: { name: string; lastValue: string; isCalled: boolean }): Promise<void> {
  await tx.execute(sql`select setval(${`public.${quoteIdent(s.name)}`}::regclass, ${s.lastValue}::bigint, ${s.isCalled})`);
}

/** Tables of `public` that hold at least one row. */
export async function nonEmptyTables(tx: Db, names: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const name of names) {
    const [r] = await rowsOf<{ any: boolean }>(tx, sql.raw(`select exists (select 1 from public.${quoteIdent(name)}) as any`));
    if (r?.any === true) out.push(name);
  }
  return out;
}

/**
 * The enabled user triggers that fire on INSERT (e.g. the application_counts bookkeeping of
 * migration 0015): a restore copies every table as it was, derived ones included, so these are off
 * while the rows go in (inside the load transaction: a rollback turns them back on). Triggers on
 * UPDATE, DELETE and TRUNCATE — the audit log's guards — stay on throughout.
 */
export async function insertTriggers(tx: Db): Promise<{ table: string; trigger: string }[]> {
  return rowsOf<{ table: string; trigger: string }>(
    tx,
    sql`select c.relname as "table", t.tgname as "trigger"
        from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and not t.tgisinternal and (t.tgtype & 4) <> 0 and t.tgenabled <> 'D'
        order by 1, 2`,
  );
}

export async function setTrigger(tx: Db, t: { table: string; trigger: string }, enabled: boolean): Promise<void> {
  await tx.execute(sql.raw(`alter table public.${quoteIdent(t.table)} ${enabled ? 'enable' : 'disable'} trigger ${quoteIdent(t.trigger)}`));
}

/** No one else writes while the rows go in (and the emptiness check stays true until commit). */
export async function lockTables(tx: Db, names: string[]): Promise<void> {
  if (names.length === 0) return;
  await tx.execute(sql.raw(`lock table ${names.map((n) => `public.${quoteIdent(n)}`).join(', ')} in access exclusive mode`));
}

export async function serverVersion(db: Db): Promise<string> {
  const [r] = await rowsOf<{ v: string }>(db, sql`select version() as v`);
  return r?.v ?? '';
}
