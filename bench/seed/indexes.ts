/**
 * The large tables' secondary indexes are dropped before the load and built again after it:
 * building a b-tree once from sorted input is far cheaper than growing it a row at a time. The
 * definitions are read from the migrated database, so the rebuilt indexes are the migrations'.
 */
import type pg from 'pg';

export const largeTables = ['units', 'users', 'domains', 'websites', 'dns_records', 'applications', 'application_revisions', 'application_history', 'review_decisions', 'audit_events'];

/** Drops them, keeping their definitions in `bench_dropped_indexes` for `rebuildIndexes`. */
export async function dropSecondaryIndexes(c: pg.Client): Promise<void> {
  await c.query(`CREATE TABLE IF NOT EXISTS bench_dropped_indexes (name text PRIMARY KEY, def text NOT NULL)`);
  const res = await c.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)`,
    [largeTables],
  );
  for (const r of res.rows) {
    await c.query(`INSERT INTO bench_dropped_indexes (name, def) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [r.name, r.def]);
    await c.query(`DROP INDEX "${r.name}"`);
  }
}

/** Builds the dropped indexes still missing on two connections (the machine's cores); returns how many. */
export async function rebuildIndexes(clients: pg.Client[], report: (def: string, ms: number) => void): Promise<number> {
  const first = clients[0];
  if (first === undefined) return 0;
  const missing = await first.query<{ def: string }>(
    `SELECT d.def FROM bench_dropped_indexes d WHERE NOT EXISTS (SELECT 1 FROM pg_indexes i WHERE i.schemaname = 'public' AND i.indexname = d.name)`,
  );
  const queue = missing.rows.map((r) => r.def);
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
  return missing.rows.length;
}
