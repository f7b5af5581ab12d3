import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { readSnapshot, type CopyLines } from '../../src/db/snapshot.js';
import { cloneTestDatabase } from '../support/db.js';

/**
 * `readSnapshot` (db/snapshot.ts), which the zone build reads through: a read-only snapshot on
 * both databases, and on PostgreSQL the COPY channel, whose rows must come whole and exact, and
 * which must leave its connection usable whatever stops it.
 */
const onPostgres = inject('testDb') === 'postgres';
let database: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  const clone = await cloneTestDatabase();
  database = clone.database;
  drop = clone.drop;
});
afterAll(async () => drop?.());

async function all(copyLines: CopyLines | null, query: ReturnType<typeof sql>): Promise<(string | null)[]> {
  if (copyLines === null) throw new Error('no COPY channel');
  const out: (string | null)[] = [];
  for await (const chunk of copyLines(query)) out.push(...chunk);
  return out;
}

/** `p`, or a failure after `ms` (a connection left in COPY hangs its transaction forever). */
function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** Rows with what COPY's text format escapes, 汉字 (split across chunks somewhere), and NULLs. */
const awkward = sql.raw(`SELECT CASE WHEN i % 1000 = 0 THEN NULL
  ELSE i || ' 网站验证 C:\\N\\t "zm" ' || chr(9) || 'tab' || chr(10) || 'newline' || chr(13) || repeat('汉', i % 7) END
  FROM generate_series(1, 200000) i`);
const expected = (i: number) => (i % 1000 === 0 ? null : `${i} 网站验证 C:\\N\\t "zm" \ttab\nnewline\r${'汉'.repeat(i % 7)}`);

describe('readSnapshot', () => {
  it('is read-only: a write inside it is refused', async () => {
    const refused = await readSnapshot(database.db, (tx) => tx.execute(sql`CREATE TABLE snapshot_probe (x int)`)).then(
      () => null,
      (e: unknown) => (e instanceof Error && e.cause instanceof Error ? e.cause.message : String(e)),
    );
    expect(refused).toMatch(/read-only transaction/);
  });

  it('offers the COPY channel on PostgreSQL only', async () => {
    const offered = await readSnapshot(database.db, async (_tx, copyLines) => copyLines !== null);
    expect(offered).toBe(onPostgres);
  });
});

describe.runIf(onPostgres)('readSnapshot’s COPY channel (PostgreSQL)', () => {
  it('gives every row exactly, in order: escapes, NULLs, and multi-byte characters across chunk boundaries', async () => {
    const rows = await readSnapshot(database.db, (_tx, copyLines) => all(copyLines, awkward));
    expect(rows.length).toBe(200_000);
    const wrong = rows.findIndex((r, k) => r !== expected(k + 1));
    expect(wrong).toBe(-1);
  });

  it('reads in the snapshot: rows committed meanwhile by another connection are not seen', async () => {
    await database.db.execute(sql`CREATE TABLE snapshot_rows (x int)`);
    await database.db.execute(sql`INSERT INTO snapshot_rows VALUES (1)`);
    const rows = await readSnapshot(database.db, async (tx, copyLines) => {
      await tx.execute(sql`SELECT 1 FROM snapshot_rows`); // the snapshot is taken here
      await database.db.execute(sql`INSERT INTO snapshot_rows VALUES (2)`);
      return all(copyLines, sql.raw('SELECT x::text FROM snapshot_rows ORDER BY x'));
    });
    expect(rows).toEqual(['1']);
  });

  it('refuses a query with parameters before sending anything', async () => {
    await expect(readSnapshot(database.db, (_tx, copyLines) => all(copyLines, sql`SELECT ${'x'}::text`))).rejects.toThrow(/no parameters/);
  });

  it('a consumer that stops after the first chunk gets its own error, and the database goes on answering', { timeout: 60_000 }, async () => {
    const stop = new Error('the consumer stops');
    await expect(
      within(
        20_000,
        readSnapshot(database.db, async (_tx, copyLines) => {
          if (copyLines === null) throw new Error('no COPY channel');
          for await (const _ of copyLines(awkward)) throw stop;
        }),
      ),
    ).rejects.toBe(stop);
    const rows = await within(20_000, readSnapshot(database.db, (_tx, copyLines) => all(copyLines, awkward)));
    expect(rows.length).toBe(200_000);
  });

  it('a query that fails half-way rejects with the database’s error, and the next read works', async () => {
    const failing = sql.raw('SELECT (100 / (150000 - i))::text FROM generate_series(1, 200000) i');
    await expect(within(20_000, readSnapshot(database.db, (_tx, copyLines) => all(copyLines, failing)))).rejects.toThrow(/division by zero/);
    expect(await within(20_000, readSnapshot(database.db, (_tx, copyLines) => all(copyLines, sql.raw(`SELECT 'still here'`))))).toEqual(['still here']);
  });
});
