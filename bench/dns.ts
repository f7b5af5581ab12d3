/**
 * The hidden primary at national scale, side by side with Knot DNS serving the same zone.
 *
 *   npx tsx --expose-gc bench/dns.ts [--domains 1000000] [--seconds 10] [--changes 50] [--reuse] [--build-only] [--database NAME]
 *
 * `--skip-dnsperf` leaves out step 4. `--knotd PATH` runs another Knot release than Debian's (its knotc beside it). `--knot-log FILE` keeps Knot's log (KNOT_LOG_LEVEL=debug for each step of a refresh).
 * `--secondary bind` puts BIND 9 (`named`, Debian's bind9 — benchmark-only like dnsperf: `apt-get install
 * bind9`) in Knot's place in steps 3–5 (Knot is not started then; `--knot-log` keeps BIND's log);
 * its own transfer times come from its xfer-in log ("Transfer completed: … secs").
 * `--bind-serial-query-rate N` sets BIND's serial-query-rate (default 20/s: a NOTIFY within 500 ms of
 * the previous refresh waits up to 500 ms for BIND's refresh queue).
 * `--database` (or BENCH_DNS_DATABASE) names the database to seed and use; by default
 * zm_bench_dns for 1,000,000 domains, zm_bench_dns_N otherwise.
 * `--reuse` keeps zm_bench_dns when it already holds N domains (seeding 1,000,000 takes minutes);
 * the changes a run adds are removed again before the build.
 *
 * 1. Seeds a PostgreSQL database (zm_bench_dns, recreated) with N units and .政务 domains in SQL
 *    (generate_series): a third on 网络红页, a third with A/MX records, a third with URL转发 pairs.
 * 2. Builds the zone as `npm start` does (time, peak resident memory).
 * 3. AXFR of the whole zone from the primary (first after the build, then again; then after a
 *    rebuild once the background warm-up has encoded the messages, as after a restart), and from a Knot
 *    secondary that took it from the primary, by the same client in a worker thread (time,
 *    messages, bytes).
 * 4. dnsperf, one client thread, against the primary, Knot (one UDP worker each) and a bare
 *    node:dgram echo server (the ceiling of any Node.js UDP server), two rounds in turn.
 * 5. Change → Knot answer: a record added through the use case the API calls, until the primary
 *    and then Knot (NOTIFY, IXFR) answer it; p50 and p99, and Knot's own refresh times.
 * Needs PostgreSQL (TEST_DATABASE_URL or 127.0.0.1:5432), knotd (or named with --secondary bind), dnsperf.
 */
import { execFile, spawnSync } from 'node:child_process';
import os, { loadavg as osLoad } from 'node:os';
import dgram from 'node:dgram';
import { Worker } from 'node:worker_threads';
import { parseArgs } from 'node:util';
import { decode, encode } from 'dns-packet';
import pg from 'pg';
import { addRecord } from '../src/app/dns/records.js';
import type { Ctx } from '../src/app/context.js';
import { systemClock } from '../src/app/context.js';
import { defaultSecurityPolicy } from '../src/config.js';
import { openPostgres } from '../src/db/client.js';
import { startPrimary } from '../src/dns/primary.js';
import { parseTsigKey, signRequest } from '../src/dns/tsig.js';
import { namedPath, startBindSecondary } from '../test/support/dns/bind.js';
import { freePort, knotdPath, startKnotSecondary } from '../test/support/dns/knot.js';

const { values } = parseArgs({ options: { domains: { type: 'string', default: '1000000' }, seconds: { type: 'string', default: '10' }, changes: { type: 'string', default: '50' }, reuse: { type: 'boolean', default: false }, 'build-only': { type: 'boolean', default: false }, database: { type: 'string' }, 'knot-log': { type: 'string' }, 'skip-dnsperf': { type: 'boolean', default: false }, knotd: { type: 'string' }, secondary: { type: 'string', default: 'knot' }, 'bind-serial-query-rate': { type: 'string' } } });
if (values.secondary !== 'knot' && values.secondary !== 'bind') throw new Error('--secondary: knot or bind');
if (values.secondary === 'bind' && values.knotd !== undefined) throw new Error('--knotd is for --secondary knot');
if (values.secondary !== 'bind' && values['bind-serial-query-rate'] !== undefined) throw new Error('--bind-serial-query-rate is for --secondary bind');
const serialQueryRate = values['bind-serial-query-rate'] === undefined ? undefined : Number(values['bind-serial-query-rate']);
if (serialQueryRate !== undefined && !(Number.isInteger(serialQueryRate) && serialQueryRate > 0)) throw new Error('--bind-serial-query-rate: a positive integer');
const useBind = values.secondary === 'bind';
/** The secondary's name in what is printed. */
const S = useBind ? 'BIND' : 'Knot';
const N = Number(values.domains);
const seconds = Number(values.seconds);
const changes = Number(values.changes);
const base = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** One database per size, so a small trial run leaves the 1,000,000-domain one in place for --reuse. */
const dbName = values.database ?? process.env['BENCH_DNS_DATABASE'] ?? (N === 1_000_000 ? 'zm_bench_dns' : `zm_bench_dns_${N}`);
if (!/^[a-z_][a-z0-9_]*$/.test(dbName)) throw new Error(`--database: ${dbName} is not a plain lower-case identifier`);
const url = (() => {
  const u = new URL(base);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const edge = { ipv4: ['203.119.25.1'], ipv6: ['2001:dc7::1'] };
const settings = { mname: 'ns1.zhengming.example', rname: 'hostmaster.zhengming.example', ns: ['ns1.zhengming.example', 'ns2.zhengming.example'], edge };
const key = parseTsigKey(`zhengming-xfr:hmac-sha256:${Buffer.alloc(32, 1).toString('base64')}`);
/** The primary's log lines with their times, kept beside Knot's with --knot-log. */
const trace: string[] = [];
const quiet = {
  info: (o: object, m?: string) => void (values['knot-log'] !== undefined && trace.push(`${new Date().toISOString()} ${m} ${JSON.stringify(o)}`)),
  warn: (o: object, m?: string) => console.error('warn', m, JSON.stringify(o)),
};
const loadavg = () => osLoad().map((l) => l.toFixed(1)).join(' ');
const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
const ms = (n: number) => `${n.toFixed(0)} ms`;

/** With --reuse, whether zm_bench_dns already holds N domains (a previous run's additions removed). */
async function reusable(): Promise<boolean> {
  if (values.reuse !== true) return false;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [dbName])).rows.length > 0;
  await admin.end();
  if (!exists) return false;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const n = Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM domains`)).rows[0]?.n);
    if (n !== N) return false;
    await c.query(`DELETE FROM dns_records WHERE host LIKE 'c%' AND domain_id = md5('d1')::uuid`);
    // Migrations added since the seed (the API's use case writes to their tables).
    const database = await openPostgres(url, 2);
    await database.migrate();
    await database.close();
    console.log(`reusing ${dbName}: ${N} domains`);
    return true;
  } finally {
    await c.end();
  }
}

async function seed(): Promise<void> {
  if (await reusable()) return;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const database = await openPostgres(url, 2);
  await database.migrate();
  await database.close();
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const t0 = performance.now();
  await c.query(`INSERT INTO regions (code, name, level, parent_code, path) VALUES ('110000', '北京市', 'province', NULL, '110000')`);
  await c.query(`INSERT INTO units (id, name, type, uscc, region_code, region_path, address, functions)
    SELECT md5('u' || i)::uuid, '单位' || i, CASE WHEN i % 2 = 0 THEN 'party_government' ELSE 'public_institution' END,
           lpad(i::text, 18, '0'), '110000', '110000', '北京市', '职能' FROM generate_series(1, $1) i`, [N]);
  await c.query(`INSERT INTO domains (id, unit_id, name, ace, tld, status, registered_at, expires_at)
    SELECT md5('d' || i)::uuid, md5('u' || i)::uuid, 'd' || i || '.政务', 'd' || i || '.xn--zfr164b', '政务', 'active', now(), now() + interval '1 year'
    FROM generate_series(1, $1) i`, [N]);
  await c.query(`INSERT INTO websites (unit_id, domain_id, name, hosting, description, status)
    SELECT md5('u' || i)::uuid, md5('d' || i)::uuid, '网站' || i, 'red_page', '简介', 'active' FROM generate_series(1, $1) i WHERE i % 3 = 0`, [N]);
  const spec = (host: string, type: string, value: string, extra = '') =>
    `jsonb_build_object('host', '${host}', 'hostAce', '${host}', 'owner', ${host === '@' ? '' : `'${host}.' || `}'d' || i || '.xn--zfr164b', 'ttl', 600, 'type', '${type}', 'value', ${value}, 'display', ${value}${extra})`;
  const ip = `'10.' || (i / 65536 % 256) || '.' || (i / 256 % 256) || '.' || (i % 256)`;
  const rows: [string, string, string, string, string][] = [
    ['@', 'A', ip, '1', spec('@', 'A', ip)],
    ['www', 'A', ip, '1', spec('www', 'A', ip)],
    ['@', 'MX', `'mx.example.cn'`, '1', spec('@', 'MX', `'mx.example.cn'`, `, 'priority', 10`)],
    ['@', 'URL_REDIRECT', `'https://www.example.cn/' || i`, '2', spec('@', 'URL_REDIRECT', `'https://www.example.cn/' || i`, `, 'code', 301, 'keepPath', false`)],
    ['www', 'URL_REDIRECT', `'https://www.example.cn/' || i`, '2', spec('www', 'URL_REDIRECT', `'https://www.example.cn/' || i`, `, 'code', 301, 'keepPath', false, 'generatedFromHost', '@'`)],
  ];
  for (const [host, type, value, rest, s] of rows) {
    await c.query(`INSERT INTO dns_records (domain_id, host, type, value, ttl, priority, spec)
      SELECT md5('d' || i)::uuid, '${host}', '${type}', ${value}, 600, ${type === 'MX' ? 10 : 'NULL'}, ${s}
      FROM generate_series(1, $1) i WHERE i % 3 = ${rest}`, [N]);
  }
  await c.query(`INSERT INTO zones (apex, serial, updated_at) VALUES ('xn--zfr164b', 2026112800, now())`);
  await c.query('ANALYZE');
  const counts = await c.query<{ n: string }>(`SELECT count(*) AS n FROM dns_records`);
  await c.end();
  console.log(`seeded ${N} domains, ${counts.rows[0]?.n} records in ${ms(performance.now() - t0)}`);
}

/**
 * Whole-zone AXFR by a plain client in a worker thread (its own event loop and core, as Knot's
 * client is another process): time, messages and bytes until the closing SOA.
 */
const axfrClient = `
const { parentPort, workerData } = require('node:worker_threads');
const net = require('node:net');
const skipName = (m, at) => { let i = at; for (;;) { const len = m[i] ?? 0; if ((len & 0xc0) === 0xc0) return i + 2; if (len === 0) return i + 1; i += len + 1; } };
const countSoa = (m, answers) => {
  let i = 12; for (let q = 0; q < m.readUInt16BE(4); q++) i = skipName(m, i) + 4;
  let soa = 0; for (let a = 0; a < answers; a++) { i = skipName(m, i); if (m.readUInt16BE(i) === 6) soa++; i += 10 + m.readUInt16BE(i + 8); }
  return soa;
};
const msg = Buffer.from(workerData.query);
const socket = net.connect(workerData.port, '127.0.0.1');
const start = performance.now();
let pending = Buffer.alloc(0), messages = 0, bytes = 0, records = 0, soas = 0;
socket.on('connect', () => { const f = Buffer.alloc(2 + msg.length); f.writeUInt16BE(msg.length, 0); msg.copy(f, 2); socket.write(f); });
socket.on('data', (chunk) => {
  pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
  while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
    const len = pending.readUInt16BE(0); const m = pending.subarray(2, 2 + len); pending = pending.subarray(2 + len);
    messages++; bytes += len; const an = m.readUInt16BE(6); records += an; soas += countSoa(m, an);
    if ((m.readUInt16BE(2) & 0xf) !== 0) { parentPort.postMessage({ error: 'rcode ' + (m.readUInt16BE(2) & 0xf) }); return socket.destroy(); }
    if (soas >= 2) { socket.destroy(); return parentPort.postMessage({ ms: performance.now() - start, messages, bytes, records }); }
  }
});
socket.on('error', (e) => parentPort.postMessage({ error: String(e) }));
`;
function axfr(port: number, zone: string, tsig: boolean): Promise<{ ms: number; messages: number; bytes: number; records: number }> {
  const q = encode({ id: 7, type: 'query', questions: [{ name: zone, type: 'AXFR' }] });
  const query: Buffer = tsig ? signRequest(q, key, Date.now() / 1000).message : q;
  const worker = new Worker(axfrClient, { eval: true, workerData: { port, query } });
  return new Promise((resolve, reject) => {
    worker.once('message', (r: { error?: string; ms: number; messages: number; bytes: number; records: number }) => {
      void worker.terminate();
      if (r.error !== undefined) reject(new Error(`AXFR: ${r.error}`));
      else resolve(r);
    });
    worker.once('error', reject);
  });
}

/** The ceiling for any Node.js UDP server: one that sends each query back as its answer (QR set), nothing else. */
async function udpEcho(): Promise<{ port: number; close: () => void }> {
  const s = dgram.createSocket({ type: 'udp4', lookup: ((a: string, _f: unknown, cb: (e: null, a: string, f: number) => void) => cb(null, a, 4)) as never });
  s.on('message', (m, r) => {
    m[2] = (m[2] ?? 0) | 0x84;
    s.send(m, r.port, r.address);
  });
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', resolve));
  return { port: s.address().port, close: () => s.close() };
}

/** dnsperf in a child process (asynchronously: the primary answers from this process's event loop). */
async function dnsperf(port: number, file: string): Promise<number> {
  const r = await new Promise<{ stdout: string; stderr: string }>((resolve) =>
    execFile('dnsperf', ['-s', '127.0.0.1', '-p', String(port), '-d', file, '-l', String(seconds), '-c', '1', '-T', '1', '-q', '200'], { encoding: 'utf8' }, (_e, stdout, stderr) => resolve({ stdout, stderr })),
  );
  const qps = /Queries per second:\s+([\d.]+)/.exec(r.stdout)?.[1];
  const lost = /Queries lost:\s+(\d+)/.exec(r.stdout)?.[1];
  if (qps === undefined) throw new Error(`dnsperf failed: ${r.stdout}${r.stderr}`);
  console.log(`    dnsperf: ${Number(qps).toFixed(0)} q/s, lost ${lost}`);
  return Number(qps);
}

function udpAsk(port: number, name: string, type: 'A' | 'AAAA'): Promise<string[]> {
  return new Promise((resolve) => {
    const s = dgram.createSocket('udp4');
    const timer = setTimeout(() => {
      s.close();
      resolve([]);
    }, 200);
    s.on('message', (b) => {
      clearTimeout(timer);
      s.close();
      resolve((decode(b).answers ?? []).flatMap((a) => (a.type === type ? [String(a.data)] : [])));
    });
    s.send(encode({ id: 1, type: 'query', questions: [{ name, type }] }), port, '127.0.0.1');
  });
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? Number.NaN;

// --- run ---------------------------------------------------------------------------------------
await seed();
const database = await openPostgres(url, 4);
let peak = process.memoryUsage().rss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const rssBefore = process.memoryUsage().rss;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const secondaryPort = await freePort();
const primary = await startPrimary({ db: database.db, settings, host: '127.0.0.1', port: 0, transferAllow: ['127.0.0.1'], tsigKey: key, notify: [{ host: '127.0.0.1', port: secondaryPort }], pollMs: 50, log: quiet });
const buildMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
(globalThis as { gc?: () => void }).gc?.();
const rssAfter = process.memoryUsage().rss;
const heap = process.memoryUsage();
clearInterval(sampler);
const store = primary.source.zones().get('xn--zfr164b');
console.log(`\nzone build: ${N} domains, ${store?.size} owner names in ${ms(buildMs)} (this process's CPU ${ms((cpu.user + cpu.system) / 1000)}; load ${loadavg()}); resident memory ${mb(rssBefore)} → peak ${mb(peak)}, after GC ${mb(rssAfter)} (JS heap ${mb(heap.heapUsed)}, buffers ${mb(heap.arrayBuffers)})`);
if (values['build-only'] === true) {
  await primary.close();
  await database.close();
  process.exit(0);
}

const cold = await axfr(primary.server.port, 'xn--zfr164b', true);
console.log(`AXFR from the primary, first (messages encoded while sending; load ${loadavg()}): ${ms(cold.ms)}, ${cold.messages} messages, ${cold.records} records, ${mb(cold.bytes)}`);
const ours = await axfr(primary.server.port, 'xn--zfr164b', true);
console.log(`AXFR from the primary, again (encoded buckets reused):         ${ms(ours.ms)}, ${ours.messages} messages, ${ours.records} records, ${mb(ours.bytes)}`);
// As after a restart: the zones built again, the background warm-up left to encode the messages,
// then the first transfer.
const rebuildStart = performance.now();
await primary.source.reload({ force: true });
const rebuiltAt = performance.now();
await primary.source.warmed();
console.log(`rebuilt in ${ms(rebuiltAt - rebuildStart)}; the warm-up encoded every transfer message ${ms(performance.now() - rebuiltAt)} later (load ${loadavg()})`);
const warmed = await axfr(primary.server.port, 'xn--zfr164b', true);
console.log(`AXFR from the primary, first after the warm-up:                ${ms(warmed.ms)}, ${warmed.messages} messages, ${warmed.records} records, ${mb(warmed.bytes)}`);

const secondaryStart = performance.now();
const secondary = useBind
  ? await startBindSecondary({ primaryPort: primary.server.port, zones: ['xn--zfr164b', 'xn--55qw42g'], key, port: secondaryPort, ...(serialQueryRate === undefined ? {} : { serialQueryRate }) })
  : await startKnotSecondary({ primaryPort: primary.server.port, zones: ['xn--zfr164b', 'xn--55qw42g'], key, port: secondaryPort, allowTransfer: true, ...(values.knotd === undefined ? {} : { knotd: values.knotd }) });
process.once('exit', () => void secondary.stop()); // its SIGTERM is sent at once: no knotd or named outlives a failed run
/** BIND's xfer-in line for the .政务 zone's completed transfers: "Transfer completed: N messages, N records, N bytes, X secs (…)". */
const bindDone = /transfer of 'xn--zfr164b\/IN' from 127\.0\.0\.1#\d+: Transfer completed: ([^\n]*)/g;
if (useBind) {
  while (!/transfer of 'xn--zfr164b\/IN' from 127\.0\.0\.1#\d+: Transfer completed/.test(secondary.log())) await new Promise((r) => setTimeout(r, 100));
  console.log(`secondary: BIND, named pid ${secondary.pid}: ${spawnSync(namedPath ?? 'named', ['-v'], { encoding: 'utf8' }).stdout.trim()}; serial-query-rate ${serialQueryRate ?? '20 (default)'}`);
  console.log(`BIND's first transfer from the primary done in ${ms(performance.now() - secondaryStart)} (${[...secondary.log().matchAll(bindDone)][0]?.[1] ?? '?'})`);
} else {
  while (!/\[xn--zfr164b\.\] refresh, .* zone updated/.test(secondary.log())) await new Promise((r) => setTimeout(r, 100));
  console.log(`knotd pid ${secondary.pid}: ${spawnSync(values.knotd ?? knotdPath ?? 'knotd', ['--version'], { encoding: 'utf8' }).stdout.trim()}`);
  console.log(`Knot's first transfer from the primary done in ${ms(performance.now() - secondaryStart)} (${/\[xn--zfr164b\.\] AXFR, incoming, [^\n]*finished, ([^\n]*)/.exec(secondary.log())?.[1] ?? '?'})`); // the big zone's line, not the small one's
}
const theirs = await axfr(secondary.port, 'xn--zfr164b', true);
console.log(`AXFR from ${S} (load ${loadavg()}):        ${ms(theirs.ms)}, ${theirs.messages} messages, ${theirs.records} records, ${mb(theirs.bytes)}`);
console.log(`  ratio ${S} time / primary time: first ${(theirs.ms / cold.ms).toFixed(2)}, again ${(theirs.ms / ours.ms).toFixed(2)}, first after the warm-up ${(theirs.ms / warmed.ms).toFixed(2)} (≥ 1 means the primary transfers no slower)`);

// dnsperf: a mix of existing names (A, MX, AAAA), www, and NXDOMAIN.
const lines: string[] = [];
for (let i = 0; i < 100_000; i++) {
  const d = 1 + Math.floor(Math.random() * N);
  const r = i % 10;
  lines.push(r < 4 ? `d${d}.xn--zfr164b A` : r < 7 ? `www.d${d}.xn--zfr164b A` : r < 8 ? `d${d}.xn--zfr164b MX` : r < 9 ? `d${d}.xn--zfr164b AAAA` : `nx${d}.xn--zfr164b A`);
}
const { writeFileSync } = await import('node:fs');
const qfile = '/tmp/zm-bench-queries.txt';
writeFileSync(qfile, lines.join('\n') + '\n');
console.log(`\ndnsperf, ${seconds} s a run, one client thread; two rounds, the three servers in turn (the machine's load moves):`);
const echo = await udpEcho();
const best = { primary: 0, knot: 0, echo: 0 };
for (let round = 1; round <= (values['skip-dnsperf'] === true ? 0 : 2); round++) {
  console.log(`  round ${round}, load ${loadavg()}`);
  console.log('  primary (one Node.js thread):');
  best.primary = Math.max(best.primary, await dnsperf(primary.server.port, qfile));
  console.log(useBind ? `  BIND (named's default worker threads, one per CPU: ${os.cpus().length}):` : '  Knot (udp-workers: 1):');
  best.knot = Math.max(best.knot, await dnsperf(secondary.port, qfile));
  console.log('  ceiling: a bare node:dgram server in this process sending each query back (no DNS work):');
  best.echo = Math.max(best.echo, await dnsperf(echo.port, qfile));
}
echo.close();
console.log(`  best of each: primary ${best.primary.toFixed(0)}, ${S} ${best.knot.toFixed(0)}, bare dgram ${best.echo.toFixed(0)} q/s`);
console.log(`  ratio primary / ${S}: ${(best.primary / best.knot).toFixed(2)} (target ≥ 0.5); bare dgram / ${S}: ${(best.echo / best.knot).toFixed(2)}; primary / bare dgram: ${(best.primary / best.echo).toFixed(2)}`);

// Change → the secondary (Knot or BIND) answers it.
const lookup = new pg.Client({ connectionString: url });
await lookup.connect();
const [row] = (await lookup.query<{ id: string; unit_id: string }>(`SELECT id, unit_id FROM domains WHERE ace = 'd1.xn--zfr164b'`)).rows;
await lookup.end();
if (row === undefined) throw new Error('no domain');
const ctx: Ctx = {
  db: database.db,
  clock: systemClock,
  policy: defaultSecurityPolicy,
  log: quiet,
  edge,
  actor: { id: '00000000-0000-4000-8000-000000000001', username: 'bench', role: 'handler', unitId: row.unit_id, regionCode: null, regionPath: null },
  meta: { ip: '127.0.0.1', userAgent: 'bench' },
};
const latencies: number[] = [];
const atPrimary: number[] = [];
let unseen = 0;
for (let i = 0; i < changes; i++) {
  const host = `c${i}`;
  const start = performance.now();
  await addRecord(ctx, row.id, { host, type: 'A', value: `60.190.80.${(i % 250) + 1}` });
  while ((await udpAsk(primary.server.port, `${host}.d1.xn--zfr164b`, 'A')).length === 0) {
    if (performance.now() - start > 10_000) break;
    await new Promise((r) => setTimeout(r, 2));
  }
  atPrimary.push(performance.now() - start);
  while ((await udpAsk(secondary.port, `${host}.d1.xn--zfr164b`, 'A')).length === 0) {
    if (performance.now() - start > 10_000) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const took = performance.now() - start;
  if (took > 10_000) {
    unseen++;
    console.log(`  change ${i} not answered by ${S} within 10 s; ${S}'s log ends:\n${secondary.log().split('\n').slice(-6).join('\n')}`);
  }
  latencies.push(took);
}
if (unseen > 0) console.log(`  ${unseen} of ${changes} changes not answered within 10 s (counted as 10 s)`);
console.log(`\nchange → ${S} answer, ${changes} changes (load ${loadavg()}): p50 ${ms(pct(latencies, 50))}, p99 ${ms(pct(latencies, 99))}, max ${ms(Math.max(...latencies))} (target p99 ≤ 1000 ms)`);
console.log(`  of which change → the primary answers: p50 ${ms(pct(atPrimary, 50))}, p99 ${ms(pct(atPrimary, 99))}, max ${ms(Math.max(...atPrimary))}`);
if (useBind) {
  // Every completed transfer of .政务 after the first (AXFR) one: BIND's time for it, per its xfer-in log.
  const transfers = [...secondary.log().matchAll(bindDone)].map((m) => m[1] ?? '').slice(1);
  const secs = transfers.flatMap((t) => { const x = /, ([\d.]+) secs/.exec(t)?.[1]; return x === undefined ? [] : [Number(x) * 1000]; });
  if (secs.length > 0) console.log(`  BIND's own transfer time per its xfer-in log, ${secs.length} transfers: p50 ${ms(pct(secs, 50))}, p99 ${ms(pct(secs, 99))}, max ${ms(Math.max(...secs))}`);
  const log = secondary.log();
  console.log(`BIND's log: ${(log.match(/Transfer completed/g) ?? []).length} transfers of the zones completed, ${(log.match(/transfer of 'xn--zfr164b\/IN'[^\n]*: got incremental response/g) ?? []).length} of .政务 as IXFR, ${(log.match(/transfer of 'xn--zfr164b\/IN'[^\n]*: got nonincremental response/g) ?? []).length} as AXFR`);
} else {
  const applied = [...secondary.log().matchAll(/\[xn--zfr164b\.\] refresh, [^\n]*zone updated, ([\d.]+) seconds/g)].map((m) => Number(m[1]) * 1000).slice(1);
  if (applied.length > 0) console.log(`  Knot's own refresh (IXFR in, applied) per its log: p50 ${ms(pct(applied, 50))}, p99 ${ms(pct(applied, 99))}, max ${ms(Math.max(...applied))}`);
  console.log(`Knot's log: ${(secondary.log().match(/IXFR, incoming[^\n]*finished/g) ?? []).length} IXFR, ${(secondary.log().match(/AXFR, incoming[^\n]*finished/g) ?? []).length} AXFR transfers of the zones`);
}

if (values['knot-log'] !== undefined) writeFileSync(values['knot-log'], `${secondary.log()}\n--- the primary ---\n${trace.join('\n')}\n`);
await secondary.stop();
await primary.close();
await database.close();
process.exit(0);
