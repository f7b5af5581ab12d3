import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrationsFolder, type Database, type Db, type Schema } from '../client.js';
import { rowsOf } from './catalog.js';

export interface MigrationEntry {
  tag: string;
  /** drizzle's folderMillis, stored as `created_at`: what identifies an applied migration. */
  createdAt: number;
  /** SHA-256 of the SQL file, as drizzle records it. */
  hash: string;
}

interface Journal {
  entries: { idx: number; when: number; tag: string; breakpoints: boolean }[];
}

const readJournal = (folder: string): Journal => JSON.parse(readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as Journal;

/** The migrations this program ships, in order. */
export function codeMigrations(): MigrationEntry[] {
  const journal = readJournal(migrationsFolder);
  const files = readMigrationFiles({ migrationsFolder });
  return journal.entries.map((e, i) => ({ tag: e.tag, createdAt: e.when, hash: files[i]!.hash }));
}

/** What `drizzle.__drizzle_migrations` says was applied, oldest first (none on a fresh database). */
export async function appliedMigrations(db: Db): Promise<{ createdAt: number; hash: string }[]> {
  const [exists] = await rowsOf<{ t: string | null }>(db, sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`);
  if (exists?.t === null || exists?.t === undefined) return [];
  const rows = await rowsOf<{ created_at: string | number; hash: string }>(db, sql`select created_at, hash from drizzle.__drizzle_migrations order by created_at, id`);
  return rows.map((r) => ({ createdAt: Number(r.created_at), hash: r.hash }));
}

/**
 * Applies this program's migrations up to and including the first `count` ones: a restore loads
 * rows into the schema they were dumped from, then migrates the rest like any upgrade. drizzle's
 * migrator reads a folder, so the prefix is copied to a temporary one.
 */
export async function migrateFirst(database: Database, count: number): Promise<void> {
  const journal = readJournal(migrationsFolder);
  if (count >= journal.entries.length) return database.migrate();
  const dir = mkdtempSync(path.join(tmpdir(), 'zm-migrations-'));
  try {
    mkdirSync(path.join(dir, 'meta'));
    const entries = journal.entries.slice(0, count);
    writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
    for (const e of entries) copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
    // The handle is the driver's own drizzle instance (client.ts only widens its type).
    if (database.kind === 'pglite') await migratePglite(database.db as unknown as PgliteDatabase<Schema>, { migrationsFolder: dir });
    else await migratePg(database.db as unknown as NodePgDatabase<Schema>, { migrationsFolder: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
