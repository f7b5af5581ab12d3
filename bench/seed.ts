/**
 * The national data set (issue 10, scale): 1,000,000 units in the real provinces, 1,000,000
 * domains under .政务/.公益 with websites, 3,000,000 DNS records, 10,000,000 applications over the
 * years with their revisions, history, review decisions and the last year's audit events, in a
 * PostgreSQL database of its own, for bench/scale.ts and anyone measuring at national size.
 *
 *   npx tsx bench/seed.ts --database zm_national [--scale 1.0] [--per-unit 10]
 *
 * `--scale 0.01` gives 10,000 units and 100,000 applications in seconds. `--finish` completes a
 * load that was stopped during the applications (counts, indexes, ANALYZE) and keeps its rows. The database is dropped
 * and created again, migrated with the project's migrations, loaded with the large tables'
 * secondary indexes dropped and foreign-key triggers off (session_replication_role = replica: the
 * rows are consistent by construction), the indexes rebuilt, then ANALYZEd. Prints each step's
 * time. Needs PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL, else 127.0.0.1:5432 as postgres).
 *
 * Personal fields are sealed with the benchmark's keys (bench/seed/personal.ts; PERSONAL_DATA_KEYS
 * overrides them). Placeholders, said plainly: the seeded audit events' hashes are not an SM3
 * chain (the chain verifier reports them; new events chain on after them); no historical
 * notifications are written.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openPostgres } from '../src/db/client.js';
import { finishNational, seedNational } from './seed/national.js';
import { installBenchKeys } from './seed/personal.js';

const { values } = parseArgs({
  options: { database: { type: 'string', default: 'zm_national' }, scale: { type: 'string', default: '1' }, 'per-unit': { type: 'string', default: '10' }, finish: { type: 'boolean', default: false } },
});
const dbName = values.database;
if (!/^[a-z_][a-z0-9_]{0,62}$/.test(dbName)) throw new Error('--database: lower-case letters, digits and _');
const unitCount = Math.max(100, Math.round(1_000_000 * Number(values.scale)));
const perUnit = Number(values['per-unit']);
const base = process.env['BENCH_DATABASE_URL'] ?? process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const url = new URL(base);
url.pathname = `/${dbName}`;

installBenchKeys();
const started = performance.now();
let lap = started;
const step = (what: string) => {
  const now = performance.now();
  console.log(`${what.padEnd(58)} ${((now - lap) / 1000).toFixed(1).padStart(7)} s`);
  lap = now;
};

if (values.finish) {
  // A load stopped part way (by hand, or out of time): keep what is there, finish it.
  await finishNational(url.toString(), step);
} else {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const database = await openPostgres(url.toString(), 2);
  await database.migrate();
  await database.close();
  step(`database ${dbName} created and migrated`);
  await seedNational(url.toString(), { units: unitCount, perUnit }, step);
}

const c = new pg.Client({ connectionString: url.toString() });
await c.connect();
const counts = await c.query<{ t: string; n: string }>(
  `SELECT relname AS t, n_live_tup AS n FROM pg_stat_user_tables WHERE relname = ANY($1) ORDER BY n_live_tup DESC`,
  [['applications', 'application_revisions', 'application_history', 'review_decisions', 'audit_events', 'dns_records', 'units', 'users', 'domains', 'websites']],
);
for (const r of counts.rows) console.log(`  ${r.t.padEnd(24)} ${Number(r.n).toLocaleString('en').padStart(12)}`);
const size = await c.query<{ s: string }>(`SELECT pg_size_pretty(pg_database_size(current_database())) AS s`);
await c.end();
console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s, database ${size.rows[0]?.s}`);
