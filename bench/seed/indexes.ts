/**
 * The large tables' secondary indexes are dropped before the load and built again after it:
 * building a b-tree once from sorted input is far cheaper than growing it a row at a time. The
 * definitions are read from the migrated database, so the rebuilt indexes are the migrations'.
 */
import type pg from 'pg';

export const largeTables = ['units', 'users', 'domains', 'websites', 'dns_records', 'applications', 'application_revisions', 'application_history', 'review_decisions', 'audit_events'];

export async function dropSecondaryIndexes(c: pg.Client): Promise<string[]> {
  const res = await c.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)`,
    [largeTables],
  );
  for (const r of res.rows) await c.query(`DROP INDEX "${r.name}"`);
  return res.rows.map((r) => r.def);
}

/** Builds the dropped indexes on two connections (the machine's cores), largest tables first. */
export async function rebuildIndexes(clients: pg.Client[], defs: string[], report: (def: string, ms: number) => void): Promise<void> {
  const queue = [...defs];
  await Promise.all(
    clients.map(async (c) => {
      await c.query(`SET maintenance_work_mem = '1GB'`);
      for (let def = queue.shift(); def !== undefined; def = queue.shift()) {
        const t = performance.now();
        await c.query(def);
        report(def, performance.now() - t);
      }
    }),
  );
}
