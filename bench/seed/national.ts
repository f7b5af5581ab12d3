/**
 * The national data set into a migrated, empty database (bench/seed.ts, and the query-plan test at
 * a small size): regions, units with their 经办人, domains, websites, staff, DNS records, then the
 * applications with revisions, history, decisions and audit events, set-based; the large tables'
 * secondary indexes are dropped for the load and rebuilt, then VACUUM ANALYZE. `step` is told each
 * part as it ends. Personal fields are sealed with the keys installed in this process.
 */
import pg from 'pg';
import { hashPassword } from '../../src/app/auth/password-hashing.js';
import { applicationsBatchSql } from './applications.js';
import { insertDnsRecords, insertZones } from './dns.js';
import { dropSecondaryIndexes, rebuildIndexes } from './indexes.js';
import { insertColumns, insertOrganisations, insertRegions } from './organisations.js';
import { allPaths } from './paths.js';
import { nationalRegions } from './regions.js';
import { benchPassword, insertStaff } from './staff.js';
import { benchIdFunction, makeUnits } from './units.js';

export interface NationalSize {
  units: number;
  /** Applications a unit, over the years. */
  perUnit: number;
}

export async function seedNational(url: string, size: NationalSize, step: (what: string) => void = () => undefined): Promise<void> {
  const unitCount = size.units;
  const perUnit = size.perUnit;
  const c = new pg.Client({ connectionString: url.toString() });
  await c.connect();
  await c.query(`SET session_replication_role = replica`);
  await c.query(`SET synchronous_commit = off`);
  await c.query(benchIdFunction);
  await dropSecondaryIndexes(c);
  const now = new Date();
  const passwordHash = await hashPassword(benchPassword);

  const regions = nationalRegions();
  await insertRegions(c, regions);
  step(`regions: ${regions.length}`);
  const units = makeUnits(unitCount, regions);
  step(`units made in Node (names, USCCs, Chinese domains): ${unitCount}`);
  await insertOrganisations(c, units, passwordHash, now);
  units.length = 0;
  step(`units, 经办人 users, domains, websites: ${unitCount} each`);
  await insertStaff(c, regions, passwordHash, now);
  step(`reviewers and staff: ${regions.length * 2 + 22}`);

  const batch = 20_000;
  for (let lo = 1; lo <= unitCount; lo += batch) await insertDnsRecords(c, lo, Math.min(unitCount, lo + batch - 1), now);
  await insertZones(c, now);
  step(`dns_records: ${unitCount * 3}`);

  await c.query(`CREATE TABLE bench_paths (status text, chain_len int, revs int, seq int, event text, from_status text, to_status text, step text, revision int, actor text)`);
  await insertColumns(
    c,
    'bench_paths',
    [['status', 'text'], ['chain_len', 'int'], ['revs', 'int'], ['seq', 'int'], ['event', 'text'], ['from_status', 'text'], ['to_status', 'text'], ['step', 'text'], ['revision', 'int'], ['actor', 'text']],
    allPaths().map((p) => [p.status, p.chainLen, p.revs, p.seq, p.event, p.from, p.to, p.step, p.revision, p.actor]),
  );
  let applications = 0;
  let events = 0;
  const appBatch = Math.max(1, Math.floor(200_000 / perUnit));
  for (let lo = 1; lo <= unitCount; lo += appBatch) {
    const r = await c.query<{ applications: string; events: string }>(applicationsBatchSql, [lo, Math.min(unitCount, lo + appBatch - 1), perUnit, now]);
    applications += Number(r.rows[0]?.applications ?? 0);
    events += Number(r.rows[0]?.events ?? 0);
    if ((lo - 1) % (appBatch * 10) === 0) process.stdout.write(`  … ${applications} applications\r`);
  }
  step(`applications ${applications}, history ${events} (+ revisions, decisions, audit)`);
  await c.end();
  await finishNational(url, step);
}

/**
 * The end of a load, also for one that was stopped part way (`bench/seed.ts --finish`): the
 * application number sequence past the seeded numbers, the counts the trigger keeps (the load ran
 * with triggers off), the dropped indexes built again, VACUUM ANALYZE.
 */
export async function finishNational(url: string, step: (what: string) => void = () => undefined): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`SELECT setval('application_number_seq', greatest((SELECT count(*) FROM applications), 1) + 1)`);
  await c.query(`DELETE FROM application_counts`);
  await c.query(`INSERT INTO application_counts (region_path, status, type, unit_type, in_center, n)
    SELECT region_path, status, type, unit_type, chain ? 'center', count(*) FROM applications GROUP BY 1, 2, 3, 4, 5`);
  await c.query(`DELETE FROM application_province_counts`);
  await c.query(`INSERT INTO application_province_counts (province, status, type, unit_type, in_center, shard, n)
    SELECT split_part(region_path, '/', 1), status, type, unit_type, in_center, 0, sum(n) FROM application_counts GROUP BY 1, 2, 3, 4, 5`);
  step('application number sequence and application_counts');
  const others = [1, 2].map(() => new pg.Client({ connectionString: url }));
  await Promise.all(others.map((o) => o.connect()));
  const rebuilt = await rebuildIndexes(others, (def, ms) => {
    if (ms > 2000) console.log(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${/INDEX (\S+)/.exec(def)?.[1] ?? def}`);
  });
  await Promise.all(others.map((o) => o.end()));
  step(`secondary indexes rebuilt: ${rebuilt}`);
  await c.query('VACUUM ANALYZE');
  step('VACUUM ANALYZE');
  await c.end();
}
