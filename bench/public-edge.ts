/**
 * The public edge against Debian's nginx, side by side in one run: requests per second for the
 * badge script, the verification page and a 网络红页, each next to nginx serving a static file of
 * the same size (same headers: ETag, Cache-Control), with N websites in PostgreSQL.
 *
 *   npx tsx bench/public-edge.ts [--n 1000000] [--duration 10] [--connections 50] [--rounds 3] [--drop]
 *
 * Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres: a
 * database zm_bench_<n> is created there and reused by the next run with the same N; `--drop`
 * drops it at the end), /usr/sbin/nginx and wrk (`apt-get install -y wrk`). Both servers get one process pinned
 * to core 0 (taskset); wrk runs with one thread pinned to core 1. The edge runs in this process, logging off,
 * as nginx runs with access_log off.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { systemClock } from '../src/app/context.js';
import { defaultSecurityPolicy } from '../src/config.js';
import { openPostgres } from '../src/db/client.js';
import { buildPublicServer } from '../src/public/server.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '1000000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    drop: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '3' },
  },
});
const n = Number(values.n);
const duration = Number(values.duration);
const connections = Number(values.connections);
const rounds = Number(values.rounds);
const baseUrl = process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `zm_bench_${n}`;
const dbUrl = (() => {
  const u = new URL(baseUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a !== null ? a.port : 0));
    });
  });

/** Creates the database with N websites (server-side multi-row INSERT … SELECT in chunks). */
async function prepareDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [dbName])).rowCount === 1;
  if (!exists) await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const database = await openPostgres(dbUrl, 2);
  await database.migrate();
  await database.close();
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  const have = Number((await c.query('select count(*) as n from websites')).rows[0].n);
  if (have >= n) {
    console.log(`database ${dbName}: ${have} websites already there`);
    await c.end();
    return;
  }
  console.log(`database ${dbName}: inserting ${n} units, domains and websites…`);
  const t0 = Date.now();
  await c.query(`insert into regions (code, name, level, parent_code, path) values ('330000', '浙江省', 'province', null, '330000'), ('330100', '杭州市', 'city', '330000', '330000/330100') on conflict do nothing`);
  const chunk = 100_000;
  for (let from = have + 1; from <= n; from += chunk) {
    const to = Math.min(n, from + chunk - 1);
    await c.query('begin');
    // Deterministic ids: unit i ↔ uuid from md5('u'||i), domain from md5('d'||i); badge id = upper(md5(i)).
    await c.query(
      `insert into units (id, name, type, uscc, region_code, region_path, address, functions, phone)
       select md5('u'||i)::uuid, '基准测试单位'||i, case when i % 2 = 0 then 'party_government' else 'public_institution' end,
              'B'||lpad(i::text, 17, '0'), '330100', '330000/330100', '浙江省杭州市上城区解放东路'||i||'号',
              '负责本单位职能范围内的各项工作。承担上级交办的其他任务。', '0571-8'||lpad((i % 10000000)::text, 7, '0')
       from generate_series($1::int, $2::int) i`,
      [from, to],
    );
    await c.query(
      `insert into domains (id, unit_id, name, ace, tld, registered_at, expires_at)
       select md5('d'||i)::uuid, md5('u'||i)::uuid, 'b'||i||'.政务', 'b'||i||'.xn--zfr164b', '政务', now(), now() + interval '3 years'
       from generate_series($1::int, $2::int) i`,
      [from, to],
    );
    await c.query(
      `insert into websites (unit_id, domain_id, name, hosting, english_domain, description, status, badge_public_id, badge_number, badge_version, badge_issued_at, red_page_published_at)
       select md5('u'||i)::uuid, md5('d'||i)::uuid, '基准测试单位'||i||'网站',
              case when i % 3 = 0 then 'red_page' else 'self_hosted' end,
              case when i % 3 = 0 then null else 'www.bench'||i||'.gov.cn' end,
              '本网站由基准测试单位'||i||'主办，旨在介绍我单位职能、职责、人员编制，面向社会公开工作动态，促进我单位电子政务和信息化建设。',
              'active', upper(md5(i::text)), 'B'||i, 1, now(), case when i % 3 = 0 then now() else null end
       from generate_series($1::int, $2::int) i`,
      [from, to],
    );
    await c.query('commit');
    process.stdout.write(`  ${to}/${n} (${Math.round((Date.now() - t0) / 1000)} s)\n`);
  }
  await c.query('analyze');
  await c.end();
}

/** Asynchronous: the edge under test runs in this process's event loop. */
async function wrk(url: string, host: string | null, script?: string): Promise<number> {
  const args = ['-t1', `-c${connections}`, `-d${duration}s`, ...(host === null ? [] : ['-H', `Host: ${host}`]), ...(script === undefined ? [] : ['-s', script]), url];
  const { stdout: out } = await promisify(execFile)('taskset', ['-c', '1', 'wrk', ...args], { encoding: 'utf8' });
  const m = /Requests\/sec:\s+([\d.]+)/.exec(out);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out);
  if (non2xx !== null) throw new Error(`wrk ${url}: ${non2xx[1]} non-2xx responses\n${out}`);
  return m === null ? 0 : Number(m[1]);
}

async function startNginx(files: Record<string, Buffer>): Promise<{ port: number; stop(): void }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'zm-bench-nginx-'));
  const root = path.join(dir, 'www');
  execFileSync('mkdir', ['-p', root]);
  chmodSync(dir, 0o755); // nginx's workers run as nobody
  for (const [name, body] of Object.entries(files)) writeFileSync(path.join(root, name), body);
  const port = await freePort();
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    `worker_processes 1; daemon off; pid ${dir}/nginx.pid; error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;
  client_body_temp_path ${dir}/tmp; proxy_temp_path ${dir}/tmp; fastcgi_temp_path ${dir}/tmp; uwsgi_temp_path ${dir}/tmp; scgi_temp_path ${dir}/tmp;
  types { application/javascript js; text/html html; }
  server {
    listen 127.0.0.1:${port};
    root ${root};
    etag on;
    add_header Cache-Control "public, max-age=120";
  }
}
`,
  );
  execFileSync('mkdir', ['-p', path.join(dir, 'tmp')]);
  const child = spawn('taskset', ['-c', '0', '/usr/sbin/nginx', '-c', path.join(dir, 'nginx.conf'), '-p', dir], { stdio: 'ignore' });
  process.on('exit', () => child.kill('SIGTERM'));
  for (let i = 0; i < 50; i++) {
    try {
      execFileSync('wrk', ['-t1', '-c1', '-d1s', `http://127.0.0.1:${port}/badge.js`], { stdio: 'pipe' });
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { port, stop: () => child.kill('SIGTERM') };
}

/**
 * A reference for what Node.js itself costs: a bare node:http server answering the same bytes
 * with the same headers from memory, nothing else (what the edge's hot path would be at best).
 */
async function startBareNode(files: Record<string, Buffer>): Promise<{ port: number; stop(): void }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'zm-bench-bare-'));
  for (const [name, body] of Object.entries(files)) writeFileSync(path.join(dir, name), body);
  const port = await freePort();
  const code = `const http=require('node:http'),fs=require('node:fs'),path=require('node:path');
const files={};for(const f of fs.readdirSync(${JSON.stringify(dir)}))files['/'+f]=fs.readFileSync(path.join(${JSON.stringify(dir)},f));
http.createServer((req,res)=>{const b=files[req.url];if(!b){res.writeHead(404);res.end();return}
res.writeHead(200,['content-type','text/html; charset=utf-8','cache-control','public, max-age=120','etag','"0123456789abcdef0123456789a"','content-length',String(b.length)]);res.end(b)}).listen(${port},'127.0.0.1');`;
  const child = spawn('taskset', ['-c', '0', process.execPath, '-e', code], { stdio: 'ignore' });
  process.on('exit', () => child.kill('SIGTERM'));
  await new Promise((r) => setTimeout(r, 500));
  return { port, stop: () => child.kill('SIGTERM') };
}

async function main() {
  await prepareDatabase();
  // Same core for both servers (this process, with the edge in it, and nginx); wrk on the other.
  execFileSync('taskset', ['-a', '-pc', '0', String(process.pid)], { stdio: 'ignore' });
  const database = await openPostgres(dbUrl, 10);
  const app = { db: database.db, clock: systemClock, policy: defaultSecurityPolicy, log: { info: () => undefined, warn: () => undefined } };
  const port = await freePort();
  const publicHost = `127.0.0.1:${port}`;
  const edge = await buildPublicServer({ app, publicHost, logLevel: 'silent' });
  await edge.listen({ port, host: '127.0.0.1' });

  // A website in the middle of the table, and a red page (i divisible by 3).
  const mid = Math.max(3, Math.floor(n / 2) - (Math.floor(n / 2) % 3));
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  const badgeId = (await c.query('select upper(md5($1::text)) as id', [String(mid + 1)])).rows[0].id as string;
  const redAce = `b${mid}.xn--zfr164b`;
  await c.end();

  const fetchBody = async (p: string, host = publicHost) => {
    const res = await edge.inject({ method: 'GET', url: p, headers: { host } });
    if (res.statusCode !== 200) throw new Error(`${p} on ${host}: ${res.statusCode}`);
    return res.rawPayload;
  };
  const targets = [
    { name: 'badge script /badge/<id>.js', path: `/badge/${badgeId}.js`, host: null as string | null, file: 'badge.js', body: await fetchBody(`/badge/${badgeId}.js`) },
    { name: 'verification page /verify/<id>', path: `/verify/${badgeId}?v=1`, host: null, file: 'verify.html', body: await fetchBody(`/verify/${badgeId}?v=1`) },
    { name: '网络红页 (Host: <domain>, /)', path: '/', host: redAce, file: 'redpage.html', body: await fetchBody('/', redAce) },
  ];
  const nginx = await startNginx(Object.fromEntries(targets.map((t) => [t.file, t.body])));
  const bare = await startBareNode(Object.fromEntries(targets.map((t) => [t.file, t.body])));

  console.log(`\nN = ${n} websites, wrk -t1 -c${connections} -d${duration}s, one process each, best of ${rounds} alternating rounds\n`);
  const results: string[] = ['| request | bytes | zhengming req/s | nginx req/s | ratio | bare node:http req/s | zhengming / bare node |', '|---|---|---|---|---|---|---|'];
  for (const t of targets) {
    await wrk(`http://127.0.0.1:${port}${t.path}`, t.host, undefined); // warm-up (JIT, cache)
    // Alternating rounds, best of each: other load on the machine hits both sides alike.
    let ours = 0;
    let theirs = 0;
    let node = 0;
    for (let round = 0; round < rounds; round++) {
      ours = Math.max(ours, await wrk(`http://127.0.0.1:${port}${t.path}`, t.host));
      theirs = Math.max(theirs, await wrk(`http://127.0.0.1:${nginx.port}/${t.file}`, null));
      node = Math.max(node, await wrk(`http://127.0.0.1:${bare.port}/${t.file}`, null));
    }
    const line = `| ${t.name} | ${t.body.length} | ${Math.round(ours)} | ${Math.round(theirs)} | ${(ours / theirs).toFixed(2)} | ${Math.round(node)} | ${(ours / node).toFixed(2)} |`;
    console.log(line);
    results.push(line);
  }
  nginx.stop();
  bare.stop();
  await edge.close();
  await database.close();
  console.log(`\n${results.join('\n')}\n`);
  if (values.drop === true) {
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
