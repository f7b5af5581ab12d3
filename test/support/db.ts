import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openPglite, openPostgres, type Database } from '../../src/db/client.js';
import { adminUrl } from './global-setup.js';

/** A fresh copy of the migrated template database for one test file, and how to drop it. */
export async function cloneTestDatabase(): Promise<{ database: Database; url: string | null; drop(): Promise<void> }> {
  if (inject('testDb') === 'pglite') {
    const dump = new Blob([readFileSync(inject('template'))]);
    const database = await openPglite({ loadDataDir: dump });
    return { database, url: null, drop: () => database.close() };
  }
  const base = inject('postgresUrl');
  // The parent's pid keeps every file's database findable by the global teardown.
  const name = `zm_t_${process.ppid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('template')}`);
  } finally {
    await admin.end();
  }
  const url = adminUrl(base, name);
  const database = await openPostgres(url, 5);
  return {
    database,
    url,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
