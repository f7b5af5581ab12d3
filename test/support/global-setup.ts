import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { openPglite, openPostgres } from '../../src/db/client.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testDb: 'pglite' | 'postgres';
    /** pglite: path of a dump of a migrated database; postgres: name of a migrated template database. */
    template: string;
    postgresUrl: string;
  }
}

export const adminUrl = (base: string, database: string) => {
  const u = new URL(base);
  u.pathname = `/${database}`;
  return u.toString();
};

/**
 * Migrates one database per run; each test file then gets its own copy of it (a PGlite loaded
 * from the dump, or `CREATE DATABASE … TEMPLATE` on PostgreSQL), so files run in parallel
 * without seeing each other's rows and nobody pays for migrations twice.
 */
export default async function setup(project: TestProject) {
  const kind = process.env['TEST_DB'] === 'postgres' ? 'postgres' : 'pglite';
  const postgresUrl = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  project.provide('testDb', kind);
  project.provide('postgresUrl', postgresUrl);
  if (kind === 'pglite') {
    const database = await openPglite({});
    await database.migrate();
    const client = (database.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client;
    const dump = await client.dumpDataDir('none');
    await database.close();
    const dir = path.resolve('test/.tmp');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `pglite-template-${process.pid}.tar`);
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    project.provide('template', file);
    return;
  }
  const template = `zm_tpl_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  const database = await openPostgres(adminUrl(postgresUrl, template), 1);
  await database.migrate();
  await database.close();
  project.provide('template', template);
  return async () => {
    const c = new pg.Client({ connectionString: postgresUrl });
    await c.connect();
    const leftovers = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`,
      [template, `zm_t_${process.pid}_%`],
    );
    for (const row of leftovers.rows) await c.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    await c.end();
  };
}
