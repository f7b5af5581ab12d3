// `npm test`: dependencies, type check, the console build, then the suites:
//   unit (pure code) · medium on PGlite · medium on PostgreSQL · e2e in Chromium.
// In CI (CI=true) a suite whose tool or service is missing fails; locally it is skipped with a
// loud notice, never silently. The last line is the total: "tests: N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { ensureDebianPackages } from './deps.mjs';

const root = path.resolve(import.meta.dirname, '..');
const ci = process.env.CI === 'true' || process.env.CI === '1';
const results = path.join(root, '.test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) problems.push(`${label} failed (exit ${r.status})`);
  return r.status === 0;
}

function vitest(label, env) {
  const out = path.join(results, `${label.replace(/\W+/g, '-')}.json`);
  run(label, 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], env);
  if (!existsSync(out)) {
    problems.push(`${label}: no results written`);
    return;
  }
  const r = JSON.parse(readFileSync(out, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + r.numTodoTests;
  if (r.numTotalTests === 0) problems.push(`${label}: ran no test`);
}

function unavailable(what, why) {
  const line = `${what} unavailable: ${why}`;
  if (ci) problems.push(line);
  else console.warn(`\n⚠ SKIPPED ${line} (in CI this fails)`);
}

async function postgresReachable(url) {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch (e) {
    return String(e.message ?? e);
  }
}

const missing = ensureDebianPackages();

run('type check', 'npx', ['tsc', '-p', 'tsconfig.json']) && run('type check (web)', 'npx', ['tsc', '-p', 'web/tsconfig.json']);
run('console build', 'npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);

vitest('unit', { TEST_SUITE: 'unit' });
vitest('medium on PGlite', { TEST_SUITE: 'medium', TEST_DB: 'pglite' });

const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const reachable = await postgresReachable(pgUrl);
if (reachable === true) vitest('medium on PostgreSQL', { TEST_SUITE: 'medium', TEST_DB: 'postgres', TEST_DATABASE_URL: pgUrl });
else unavailable('medium on PostgreSQL', `cannot connect to ${pgUrl.replace(/:[^:@/]+@/, ':***@')}: ${reachable}`);

const chromium = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).stdout.trim();
if (chromium !== '' && !missing.includes('chromium')) vitest('e2e in Chromium', { TEST_SUITE: 'e2e', TEST_DB: 'pglite', CHROMIUM_PATH: chromium });
else unavailable('e2e in Chromium', `missing Debian packages: ${missing.join(' ') || 'chromium'}`);

if (problems.length > 0) console.error(`\n✗ ${problems.join('\n✗ ')}`);
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped > 0 ? `, ${totals.skipped} skipped` : ''}`);
process.exit(problems.length === 0 && totals.failed === 0 ? 0 : 1);
