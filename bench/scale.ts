/**
 * The console's busiest paths at national scale (issue 10), over HTTP with real sessions, on the
 * database bench/seed.ts fills:
 *
 *   npx tsx bench/seed.ts --database zm_national            # once (minutes)
 *   npx tsx bench/scale.ts --database zm_national [--users 50] [--seconds 15] [--think-ms 1000] [--saturate] [--only a,b] [--api-processes N] [--worker] [--no-warmup]
 *
 * The API runs in a child process (bench/scale/server.ts, a pool of 20 connections; with
 * `--api-processes N`, N of them and the users spread over them, as behind nginx). 50 virtual
 * users, each logged in through the API (reviewers with their TOTP code), repeat one path at a
 * time: each request waits for its answer, then the user thinks 0.5–1.5 × `--think-ms` (people
 * reading a page) before the next. `--saturate` runs every path again without think time: the
 * throughput the machine has, and the latency when every user clicks at once. Before each path,
 * every user sends one request that is not measured (`--no-warmup` measures from the first).
 *
 * Who: the office reviewers of the 31 provinces (the largest office scopes; two accounts in 19 of
 * them), the 20 centre reviewers (several sessions each), 50 random 经办人. Targets: p95 ≤ 50 ms
 * for reads, ≤ 100 ms for a decision (and for login). Prints p50/p95/p99, requests per second
 * and the machine's load average (uptime) before and after each path.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openPostgres } from '../src/db/client.js';
import { drive, type PathResult } from './scale/load.js';
import { Session } from './scale/session.js';
import { installBenchKeys } from './seed/personal.js';
import { benchPassword, benchTotpSecret, centreReviewers } from './seed/staff.js';

const { values } = parseArgs({
  options: {
    database: { type: 'string', default: 'zm_national' },
    users: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '15' },
    'think-ms': { type: 'string', default: '1000' },
    'deep-pages': { type: 'string', default: '20' },
    saturate: { type: 'boolean', default: false },
    only: { type: 'string' },
    'api-processes': { type: 'string', default: '1' },
    worker: { type: 'boolean', default: false },
    'no-warmup': { type: 'boolean', default: false },
  },
});
const users = Number(values.users);
const warmup = !values['no-warmup'];
const seconds = Number(values.seconds);
const base = process.env['BENCH_DATABASE_URL'] ?? process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const url = new URL(base);
url.pathname = `/${values.database}`;
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

// The migrations first (on a database seeded before the latest ones: their indexes are built now).
const t0 = performance.now();
const database = await openPostgres(url.toString(), 2);
await database.migrate();
await database.close();
console.log(`migrated in ${((performance.now() - t0) / 1000).toFixed(1)} s; load average ${load()}`);

const keys = installBenchKeys();
// BENCH_API_NODE_ARGS: extra Node options for the API processes (`--cpu-prof --cpu-prof-dir=/tmp/prof`).
const nodeArgs = (process.env['BENCH_API_NODE_ARGS'] ?? '').split(' ').filter((a) => a !== '');
// Node itself with tsx's loader (not through npx), so each server is this process's own child.
// `--api-processes N`: N API processes (as `zhengming api@1…N` behind nginx), users spread over them.
const startApi = (): Promise<{ child: ReturnType<typeof spawn>; url: string }> => {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'bench/scale/server.ts'], { env: { ...process.env, BENCH_URL: url.toString(), BENCH_PORT: '0', PERSONAL_DATA_KEYS: keys }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => {
      const m = /listening (\d+)/.exec(b.toString());
      if (m !== null) resolve({ child, url: `http://127.0.0.1:${m[1]}` });
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
};
// `--worker`: the background work beside the API (bench/scale/worker.ts), as in a deployment: the
// reviewers' messages addressed and delivered to the log while the paths run.
const worker = values.worker
  ? await new Promise<ReturnType<typeof spawn>>((resolve, reject) => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'zm-bench-worker-'));
      const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'bench/scale/worker.ts'], {
        env: { ...process.env, BENCH_URL: url.toString(), PERSONAL_DATA_KEYS: keys, DATA_DIR: dataDir },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      child.stdout.on('data', (b: Buffer) => {
        const text = b.toString();
        if (text.includes('worker started')) resolve(child);
        if (text.includes('worker stopped')) console.log(text.trim());
      });
      child.once('exit', (code) => reject(new Error(`worker exited ${code}`)));
    })
  : null;
const servers = await Promise.all(Array.from({ length: Math.max(1, Number(values['api-processes'])) }, startApi));
const apiFor = (i: number) => servers[i % servers.length]!.url;
console.log(`${servers.length} API process(es)`);
const db = new pg.Client({ connectionString: url.toString() });
await db.connect();
if (worker !== null) {
  // Earlier runs without `--worker` left their decisions' messages waiting (each approval, an
  // arrival row for the centre's reviewers): delivered first, they are not this run's steady state.
  const tw = performance.now();
  const waiting = async () =>
    Number(
      (
        await db.query<{ n: string }>(
          `SELECT (SELECT count(*) FROM notification_fanouts WHERE last_error IS NULL) + (SELECT count(*) FROM notifications WHERE status IN ('pending', 'sending')) AS n`,
        )
      ).rows[0]?.n ?? 0,
    );
  const first = await waiting();
  for (let n = first; n > 0 && performance.now() - tw < 900_000; n = await waiting()) await new Promise((r) => setTimeout(r, 2000));
  console.log(`worker: ${first} waiting messages and arrival rows of earlier runs delivered in ${((performance.now() - tw) / 1000).toFixed(0)} s before measuring`);
}
const totp = { secret: benchTotpSecret, db };

// --- who --------------------------------------------------------------------------------------
const provinces = (await db.query<{ code: string }>(`SELECT code FROM regions WHERE level = 'province' ORDER BY code`)).rows.map((r) => r.code);
const maxUnit = Number((await db.query<{ n: string }>(`SELECT max(n) AS n FROM bench_units`)).rows[0]?.n ?? 0);
const offices = Array.from({ length: users }, (_, i) => ({ province: provinces[i % provinces.length]!, account: i < provinces.length ? 'a' : 'b', share: i < provinces.length ? 0 : 1, sharers: i + provinces.length < users || i >= provinces.length ? 2 : 1 }));
// 经办人 of units that have applications (a load stopped part way has them for the first units only).
const handlerUnits = (
  await db.query<{ n: number }>(
    `SELECT b.n FROM bench_units b WHERE b.n = ANY($1) AND EXISTS (SELECT 1 FROM applications a WHERE a.unit_id = b.unit_id) LIMIT $2`,
    [Array.from({ length: users * 20 }, () => 1 + Math.floor(Math.random() * maxUnit)), users],
  )
).rows.map((r) => r.n);

const ts = performance.now();
const officeSessions: Session[] = [];
for (const [i, o] of offices.entries()) {
  const s = new Session(apiFor(i), `bs${o.province}${o.account}`);
  await s.login(benchPassword, totp);
  officeSessions.push(s);
}
const centreSessions: Session[] = [];
for (let i = 0; i < users; i++) {
  const s = new Session(apiFor(i), `zx${String((i % centreReviewers) + 1).padStart(2, '0')}`);
  await s.login(benchPassword, totp);
  centreSessions.push(s);
}
const handlerSessions: Session[] = [];
for (const [i, n] of handlerUnits.entries()) {
  const s = new Session(apiFor(i), `jb${n}`);
  await s.login(benchPassword);
  handlerSessions.push(s);
}
console.log(`${officeSessions.length + centreSessions.length + handlerSessions.length} sessions logged in through the API in ${((performance.now() - ts) / 1000).toFixed(1)} s`);

// --- what each user works on ----------------------------------------------------------------------
interface QueuePage {
  items: { id: string; version: number }[];
  nextCursor: string | null;
}
const deepCursors: string[] = [];
for (const s of officeSessions) {
  let cursor: string | null = null;
  for (let p = 0; p < Number(values['deep-pages']); p++) {
    const page: QueuePage = await s.get<QueuePage>(`/api/review/queue?limit=50${cursor === null ? '' : `&cursor=${cursor}`}`);
    if (page.nextCursor === null) break;
    cursor = page.nextCursor;
  }
  deepCursors.push(cursor ?? '');
}
const handlerApps: string[][] = [];
for (const s of handlerSessions) handlerApps.push((await s.get<{ items: { id: string }[] }>('/api/applications')).items.map((a) => a.id));
const toApprove: { id: string; version: number }[][] = offices.map(() => []);
async function refill(u: number): Promise<void> {
  const o = offices[u]!;
  const page = await officeSessions[u]!.get<QueuePage>(`/api/review/queue?status=pending_office&limit=200&sort=submitted_desc`);
  toApprove[u] = page.items.filter((_, i) => i % o.sharers === o.share);
}
for (let u = 0; u < offices.length; u++) await refill(u);
const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString();

// --- the paths --------------------------------------------------------------------------------------
const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;
const paths: { name: string; target: number; route: string; op: (u: number) => Promise<void> }[] = [
  { name: '编办 queue: first page (待编办审核, province)', target: 50, route: '/api/review/queue', op: (u) => officeSessions[u]!.get('/api/review/queue?status=pending_office&limit=50') },
  { name: `编办 queue: deep page (全部, keyset, page ${Number(values['deep-pages']) + 1})`, target: 50, route: '/api/review/queue', op: (u) => officeSessions[u]!.get(`/api/review/queue?limit=50${deepCursors[u] === '' ? '' : `&cursor=${deepCursors[u]}`}`) },
  { name: '编办 queue: filters (类型, 单位类型, 按截止时间)', target: 50, route: '/api/review/queue', op: (u) => officeSessions[u]!.get('/api/review/queue?status=pending_office&type=re_review&unitType=party_government&sort=due_asc&limit=50') },
  { name: '编办 queue: filters (提交时间 ≥ 30 天前, 超期)', target: 50, route: '/api/review/queue', op: (u) => officeSessions[u]!.get(`/api/review/queue?submittedFrom=${encodeURIComponent(monthAgo)}&overdue=true&limit=50`) },
  { name: '中心 queue: first page (待中心审核)', target: 50, route: '/api/review/queue', op: (u) => centreSessions[u]!.get('/api/review/queue?status=pending_center&limit=50') },
  { name: '中心: counts per status and province', target: 50, route: '/api/review/counts', op: (u) => centreSessions[u]!.get('/api/review/counts') },
  { name: '经办人: application list', target: 50, route: '/api/applications', op: (u) => handlerSessions[u % handlerSessions.length]!.get('/api/applications') },
  { name: '经办人: application detail', target: 50, route: '/api/applications/:id', op: (u) => handlerSessions[u % handlerSessions.length]!.get(`/api/applications/${pick(handlerApps[u % handlerApps.length]!)}`) },
  {
    name: '编办 decision: approve (审核通过)',
    target: 100,
    route: '/api/applications/:id/approve',
    op: async (u) => {
      if (toApprove[u]!.length === 0) await refill(u);
      const a = toApprove[u]!.shift();
      if (a === undefined) throw new Error('nothing left to approve');
      await officeSessions[u]!.post(`/api/applications/${a.id}/approve`, { version: a.version });
    },
  },
  { name: '经办人 login (password, argon2id)', target: 100, route: '/api/session/login', op: (u) => new Session(apiFor(u), `jb${1 + Math.floor(Math.random() * maxUnit)}`).login(benchPassword) },
];

const ms = (x: number) => x.toFixed(1);
function row(name: string, target: number, r: PathResult, inApi: { p50: number; p95: number }, before: string, after: string, cpu: { api: number; pg: number; worker: number }): string {
  const ok = r.errors === 0 && r.p95 <= target ? 'yes' : 'no';
  const per = (total: number) => (r.requests === 0 ? '—' : ms(total / r.requests));
  return `| ${name} | ${r.requests} | ${r.errors} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(inApi.p50)} / ${ms(inApi.p95)} | ${r.rps.toFixed(0)} | ${per(cpu.api)} | ${per(cpu.pg)} | ${worker === null ? '—' : per(cpu.worker)} | ≤ ${target} | ${ok} | ${before} → ${after} |`;
}
/**
 * The API processes' own request → response times since the last call (bench/scale/server.ts),
 * p50 and p95: what the server spent, without the time a request waited to be read or to reach
 * its client on this shared machine.
 */
async function apiDurations(route = ''): Promise<{ p50: number; p95: number }> {
  const answered = (await Promise.all(servers.map(async (s) => (await (await fetch(`${s.url}/__bench/durations`)).json()) as { route: string; ms: number }[]))).flat();
  // Only the path's own route (the approvals' occasional queue refill is not an approval).
  const all = answered.filter((d) => d.route === route).map((d) => d.ms).sort((a, b) => a - b);
  const at = (p: number) => all[Math.min(all.length - 1, Math.floor((p / 100) * all.length))] ?? Number.NaN;
  return { p50: at(50), p95: at(95) };
}
// CPU time (user + system, ms) of the API processes and of the local PostgreSQL's processes, from
// /proc: what one request of a path costs each side, whatever else the machine does meanwhile.
const ticksMs = 10; // USER_HZ = 100 on Linux
const cpuOf = (pid: number): number => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * ticksMs;
  } catch {
    return 0; // gone meanwhile (a PostgreSQL backend that ended)
  }
};
const postgresPids = (): number[] =>
  readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() !== 'postgres') return false;
        // A backend's title names its database ("postgres: 15/main: user db host state"): only this
        // benchmark's database and the shared processes (WAL writer, checkpointer…) count.
        const title = /^postgres: \S+: \S+ (\S+) /.exec(readFileSync(`/proc/${d}/cmdline`, 'utf8'));
        return title === null || title[1] === values.database;
      } catch {
        return false;
      }
    })
    .map(Number);
// PostgreSQL per backend: one that ends between the two readings takes its CPU with it (a small
// undercount), one that starts counts from zero.
const cpuNow = () => ({
  api: servers.reduce((sum, s) => sum + cpuOf(s.child.pid ?? 0), 0),
  pg: new Map(postgresPids().map((pid) => [pid, cpuOf(pid)])),
  worker: worker === null ? 0 : cpuOf(worker.pid ?? 0),
});
const pgSpent = (before: Map<number, number>, after: Map<number, number>) => [...after].reduce((sum, [pid, ms]) => sum + Math.max(0, ms - (before.get(pid) ?? 0)), 0);
const modes = [{ label: `think time ${values['think-ms']} ms`, think: Number(values['think-ms']) }, ...(values.saturate ? [{ label: 'no think time (saturation)', think: 0 }] : [])];
for (const mode of modes) {
  console.log(`\n${users} users, ${seconds} s a path, ${mode.label}\n`);
  console.log('| path | requests | errors | p50 ms | p95 ms | p99 ms | in the API p50 / p95 ms | req/s | API CPU ms/req | PostgreSQL CPU ms/req | worker CPU ms/req | p95 target | meets | load average |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const p of paths) {
    if (values.only !== undefined && !values.only.split(',').some((part) => p.name.includes(part))) continue;
    // One unmeasured request per user first: the steady state is measured, not each office's first
    // read of its pages from disk after the load (250–370 ms once per province on a fresh database).
    if (warmup) await Promise.all(Array.from({ length: users }, (_, u) => p.op(u).catch(() => undefined)));
    const before = load();
    await apiDurations(); // forget the warm-up's
    const cpuBefore = cpuNow();
    const r = await drive(users, seconds, mode.think, (u) => p.op(u));
    const cpuAfter = cpuNow();
    const inApi = await apiDurations(p.route);
    console.log(row(p.name, p.target, r, inApi, before, load(), { api: cpuAfter.api - cpuBefore.api, pg: pgSpent(cpuBefore.pg, cpuAfter.pg), worker: cpuAfter.worker - cpuBefore.worker }));
    if (r.firstError !== null) console.log(`  first error: ${r.firstError}`);
  }
}

await db.end();
for (const child of [...servers.map((s) => s.child), ...(worker === null ? [] : [worker])]) {
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
process.exit(0);
