import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** A database handle or a transaction: repositories accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Embedded PGlite in `dataDir/pgdata` (or in memory, or loaded from a dump for tests). */
export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob }): Promise<Database> {
  let dir: string | undefined;
  if (options.dataDir !== undefined) {
    mkdirSync(options.dataDir, { recursive: true });
    dir = path.join(options.dataDir, 'pgdata');
  }
  const client = await PGlite.create({
    // Public search's trigram indexes (migration 0010_search_trigram).
    extensions: { pg_trgm },
    ...(dir === undefined ? {} : { dataDir: dir }),
    ...(options.loadDataDir === undefined ? {} : { loadDataDir: options.loadDataDir }),
  });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(drizzlePglite(client, { schema }), { migrationsFolder }),
    close: () => client.close(),
  };
}

/** The advisory lock key migrations run under (any constant distinct from the audit chain's). */
const migrationLockKey = 0x5a4d4d47; // 'ZMMG'

/**
 * An idle pooled connection that PostgreSQL closes (a restart, a failover, an administrator's
 * pg_terminate_backend, DROP DATABASE … FORCE) is dropped from the pool, which opens a new one when
 * needed; without a listener its error would end the process.
 */
const warnIdleConnectionLost = (err: Error): void => {
  console.warn(`PostgreSQL closed an idle pooled connection (the pool will reconnect): ${err.message}`);
};

export async function openPostgres(url: string, poolSize = 10, onIdleError: (err: Error) => void = warnIdleConnectionLost): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', onIdleError);
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    migrate: async () => {
      // Several processes may start at once (api, worker, dns…): one migrates, the others wait
      // for it on a session-level advisory lock and then find nothing left to apply.
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [migrationLockKey]);
        try {
          await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
        } finally {
          await client.query('select pg_advisory_unlock($1)', [migrationLockKey]);
        }
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

export function openDatabase(config: { databaseUrl: string | undefined; dataDir: string }): Promise<Database> {
  return config.databaseUrl === undefined
    ? openPglite({ dataDir: config.dataDir })
    : openPostgres(config.databaseUrl);
}
