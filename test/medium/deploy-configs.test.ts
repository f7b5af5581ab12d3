/**
 * The production deployment files in deploy/ (docs/operations.md), checked against the code and
 * against the tools that will read them, so that they cannot silently rot:
 * - the environment file: every key is a setting the code reads, every setting of src/config.ts is
 *   there (or set by a unit), it loads with its secrets filled in, and systemd and /bin/sh read it alike;
 * - the systemd units: each ExecStart is a real `zhengming` command, `systemd-analyze verify` accepts
 *   them, their ports are nginx's upstreams;
 * - nginx: `nginx -t` on the site and the WHOIS stream config, with a self-signed certificate;
 * - Knot: `knotc conf-check` with a TSIG key made by keymgr, and the primary it names is the one
 *   the environment describes;
 * - PostgreSQL: a primary with deploy/postgresql's settings and pg_hba lines, and a replica built
 *   with make-replica.sh's pg_basebackup command, streaming over verified TLS.
 * No database of the test app is used. Locally a missing tool skips its part with a notice; in CI it fails.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { parseNotifyTargets } from '../../src/dns/notify.js';
import { parseTsigKey } from '../../src/dns/tsig.js';
import { templates } from '../../src/domain/notifications/templates.js';
import { createSenders } from '../../src/jobs/outbox/senders.js';
import { freePort } from '../support/dns/knot.js';
import { parseProxyHeader } from '../../src/whois/proxy-protocol.js';

const root = path.resolve(import.meta.dirname, '../..');
const deploy = (...p: string[]) => path.join(root, 'deploy', ...p);
const read = (file: string) => readFileSync(file, 'utf8');
const ci = process.env.CI === 'true' || process.env.CI === '1';
const isRoot = process.getuid?.() === 0;
const which = (cmd: string): string | null =>
  spawnSync('sh', ['-c', `command -v ${cmd} || ls /usr/sbin/${cmd} 2>/dev/null`], { encoding: 'utf8' }).stdout.trim().split('\n')[0] || null;

/** A part whose tool is missing: fails in CI, skipped locally with a notice. */
function tool(name: string, debianPackage: string): string | null {
  const found = which(name);
  if (found === null) {
    if (ci) throw new Error(`${name} (Debian ${debianPackage}) is required in CI`);
    console.warn(`⚠ SKIPPED deploy-configs: ${name} (Debian ${debianPackage}) is not installed (in CI this fails)`);
  }
  return found;
}

const temp: string[] = [];
const tempDir = (prefix: string) => {
  const d = mkdtempSync(path.join(tmpdir(), prefix));
  temp.push(d);
  return d;
};
afterAll(() => {
  for (const d of temp) rmSync(d, { recursive: true, force: true });
});

// --- the environment file ---------------------------------------------------------------------------

/**
 * systemd's EnvironmentFile= syntax, as far as these files use it: KEY=value lines, comments,
 * values bare or in single quotes (literal). A bare value may not hold what /bin/sh would read
 * otherwise (the CLI wrapper sources the same file), which the test below also checks by sourcing.
 */
function parseEnvFile(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (m === null) throw new Error(`line ${i + 1}: not KEY=value: ${raw}`);
    const [, key, value] = m as unknown as [string, string, string];
    if (out.has(key)) throw new Error(`line ${i + 1}: ${key} set twice`);
    if (value.startsWith("'")) {
      if (!/^'[^']*'$/.test(value)) throw new Error(`line ${i + 1}: ${key}: unbalanced single quotes`);
      out.set(key, value.slice(1, -1));
    } else {
      if (/[\s&;|<>()$`\\"'*?[\]{}~#]/.test(value)) throw new Error(`line ${i + 1}: ${key}: quote this value (shell characters)`);
      out.set(key, value);
    }
  }
  return out;
}

/** The variables src/config.ts validates (its envSchema) and those the SMS adapters read. */
function knownSettings(): { schema: string[]; sms: string[] } {
  const config = read(path.join(root, 'src/config.ts'));
  const body = /const envSchema = z\.object\(\{\n([\s\S]*?)\n\}\);/.exec(config)?.[1];
  if (body === undefined) throw new Error('envSchema not found in src/config.ts');
  const schema = [...body.matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1] as string);
  const sms = [...new Set([...read(path.join(root, 'src/jobs/sms/config.ts')).matchAll(/env\.(SMS_[A-Z0-9_]+)/g)].map((m) => m[1] as string))];
  return { schema, sms };
}

const envFile = deploy('etc/zhengming/zhengming.env');
const dnsEnvFile = deploy('etc/zhengming/dns.env');
const env = parseEnvFile(read(envFile));
const dnsEnv = parseEnvFile(read(dnsEnvFile));
/** Set by the units per instance (Environment=), never in the file, or every instance would share them. */
const perInstance = ['PORT', 'PUBLIC_PORT', 'WHOIS_PORT'];
const tsigSecret = Buffer.alloc(32, 7).toString('base64');
/** The template with its placeholders filled, as an operator would. */
const filled = (m: Map<string, string>) =>
  Object.fromEntries(
    [...m].map(([k, v]) => [k, k === 'DNS_TSIG_KEY' ? v.replace(/CHANGE-ME[\w-]*=?/, tsigSecret) : v.replace(/CHANGE-ME[\w-]*/g, 'dummy')]),
  );

describe('deploy/etc/zhengming/zhengming.env', () => {
  const known = knownSettings();

  it('sets only settings the code reads, and names every setting of src/config.ts', () => {
    const unknown = [...env.keys(), ...dnsEnv.keys()].filter((k) => !known.schema.includes(k) && !known.sms.includes(k));
    expect(unknown, 'keys no code reads').toEqual([]);
    // A setting added to src/config.ts must be decided here: set, or at least shown commented out.
    const text = read(envFile);
    const absent = known.schema.filter((k) => !env.has(k) && !perInstance.includes(k) && !new RegExp(`^# ?${k}=`, 'm').test(text));
    expect(absent, 'settings of src/config.ts missing from the template').toEqual([]);
    for (const k of perInstance) expect(env.has(k), `${k} is per instance (the unit's Environment=)`).toBe(false);
  });

  it('keeps secrets as placeholders', () => {
    for (const k of ['DATABASE_URL', 'SMTP_PASSWORD', 'SMS_ACCESS_KEY_SECRET', 'DNS_TSIG_KEY']) expect(env.get(k), k).toContain('CHANGE-ME');
  });

  it('loads, with its secrets filled in: configuration, senders, DNS settings', () => {
    const values: Record<string, string> = { ...filled(env), ...filled(dnsEnv), PORT: '8101', PUBLIC_PORT: '8201', WHOIS_PORT: '4301' };
    const config = loadConfig(values);
    expect(config.databaseUrl).toMatch(/^postgres:\/\/zhengming:dummy@/);
    expect(config.cookieSecure).toBe('true');
    expect(config.auditRetentionDays).toBeGreaterThanOrEqual(180);
    expect(config.siteCheck.allowAddresses).toEqual([]);
    expect(config.publicEdge.trustProxy).toEqual(['127.0.0.1']);
    expect(config.consoleUrl).toMatch(/^https:\/\//);
    expect(config.smtp).not.toBeNull();
    expect(parseTsigKey(config.dnsTsigKey ?? '').name).toBe('zhengming-xfr');
    expect(parseNotifyTargets(config.dnsNotify).length).toBeGreaterThan(0);
    expect(config.dnsNotify).toEqual(config.dnsTransferAllow);
    // The SMTP and SMS senders build from it (credentials complete, templates parse).
    const senders = createSenders({ ...config, dataDir: tempDir('zm-env-') });
    senders.email.close?.();
    expect(values['SMS_PROVIDER']).not.toBe('log');
  });

  it('maps every message template to a provider template with the parameters its SMS text uses', () => {
    const mapped = JSON.parse(env.get('SMS_TEMPLATES') ?? '{}') as Record<string, { id: string; params: string[] }>;
    for (const [name, t] of Object.entries(templates)) {
      const params = [...new Set([...t.sms.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))];
      expect(mapped[name]?.params, name).toEqual(params);
    }
    expect(Object.keys(mapped).sort()).toEqual(Object.keys(templates).sort());
  });

  it('reads the same when /bin/sh sources it (the CLI wrapper)', () => {
    for (const [file, parsed] of [[envFile, env], [dnsEnvFile, dnsEnv]] as const) {
      const out = execFileSync('env', ['-i', 'sh', '-c', 'set -a; . "$1"; exec env -0', 'sh', file], { encoding: 'utf8' });
      const sourced = new Map(out.split('\0').filter((l) => l !== '').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const));
      for (const [k, v] of parsed) expect(sourced.get(k), k).toBe(v);
    }
  });
});

// --- systemd units ----------------------------------------------------------------------------------

const unitDir = deploy('systemd');
const units = readdirSync(unitDir).filter((f) => f.endsWith('.service'));
/** `key=value` lines of a unit's [Service] section, in order. */
const directives = (file: string) =>
  read(path.join(unitDir, file))
    .split('\n')
    .filter((l) => /^[A-Za-z]+=/.test(l))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const);
/** The commands src/cli.ts dispatches on. */
const cliCommands = [...read(path.join(root, 'src/cli.ts')).matchAll(/case '([a-z][a-z-]*)':/g)].map((m) => m[1]);
/** Ports a unit instance listens on: `Environment=PORT=810%i` → 8101 for instance 1. */
const instancePorts = (file: string, key: string, instances: number[]) => {
  const value = directives(file).find(([k, v]) => k === 'Environment' && v.split(/\s+/).some((a) => a.startsWith(`${key}=`)))?.[1];
  const pattern = value?.split(/\s+/).find((a) => a.startsWith(`${key}=`))?.slice(key.length + 1);
  return instances.map((i) => pattern?.replace('%i', String(i)));
};

describe('deploy/systemd', () => {
  it('has the four process units and the audit check, each starting a real zhengming command', () => {
    const expected: Record<string, string[]> = {
      'zhengming-api@.service': ['api'],
      'zhengming-public@.service': ['public'],
      'zhengming-worker@.service': ['worker'],
      'zhengming-dns.service': ['dns'],
      'zhengming-audit-verify.service': ['audit', 'verify'],
    };
    expect(units.sort()).toEqual(Object.keys(expected).sort());
    for (const unit of units) {
      const exec = directives(unit).filter(([k]) => k === 'ExecStart');
      expect(exec, unit).toHaveLength(1);
      const argv = exec[0]?.[1].split(/\s+/) ?? [];
      expect(argv.slice(0, 2), unit).toEqual(['/usr/bin/node', '/opt/zhengming/current/bin/zhengming.js']);
      expect(argv.slice(2), unit).toEqual(expected[unit]);
      expect(cliCommands, `${unit}: "zhengming ${argv[2]}" is not a command of src/cli.ts`).toContain(argv[2]);
    }
    // Sub-commands: `audit verify` is one of the audit command's.
    expect(read(path.join(root, 'src/cli.ts'))).toMatch(/positionals\[0\] === 'verify'/);
    // The processes belong to zhengming.target (stopped together before migrating); the check runs by its timer.
    for (const unit of units.filter((u) => u !== 'zhengming-audit-verify.service')) expect(directives(unit), unit).toContainEqual(['PartOf', 'zhengming.target']);
    expect(directives('zhengming-audit-verify.timer' as string)).toContainEqual(['Persistent', 'true']);
  });

  it('runs each as the zhengming user, hardened, with the environment file', () => {
    for (const unit of units) {
      const d = directives(unit);
      const has = (k: string, v: string) => expect(d, `${unit}: ${k}=${v}`).toContainEqual([k, v]);
      has('User', 'zhengming');
      has('EnvironmentFile', '/etc/zhengming/zhengming.env');
      if (unit !== 'zhengming-audit-verify.service') has('Restart', 'on-failure');
      has('NoNewPrivileges', 'yes');
      has('ProtectSystem', 'strict');
      has('PrivateTmp', 'yes');
      has('ReadWritePaths', '/var/lib/zhengming');
      has('CapabilityBoundingSet', '');
      // The environment file may not override the per-instance settings (EnvironmentFile= wins over Environment=).
      for (const [k, v] of d) if (k === 'Environment') for (const a of v.split(/\s+/)) expect(perInstance, `${unit}: ${a}`).toContain(a.slice(0, a.indexOf('=')));
    }
    expect(directives('zhengming-dns.service').filter(([k]) => k === 'EnvironmentFile').map(([, v]) => v)).toEqual(['/etc/zhengming/zhengming.env', '/etc/zhengming/dns.env']);
  });

  it('has a CLI wrapper that runs as the units do: same user, environment file, release and node', () => {
    const wrapper = read(deploy('bin/zhengming'));
    expect(spawnSync('sh', ['-n', deploy('bin/zhengming')]).status).toBe(0);
    expect(wrapper).toContain('ENV_FILE=${ZHENGMING_ENV_FILE:-/etc/zhengming/zhengming.env}');
    expect(wrapper).toContain('APP_DIR=${ZHENGMING_APP_DIR:-/opt/zhengming/current}');
    expect(wrapper).toMatch(/setpriv --reuid=zhengming --regid=zhengming --init-groups --no-new-privs -- \/usr\/bin\/node "\$APP_DIR\/bin\/zhengming\.js" "\$@"/);
  });

  const analyze = tool('systemd-analyze', 'systemd');
  it.runIf(analyze !== null)('passes systemd-analyze verify without a warning', () => {
    const dir = tempDir('zm-units-');
    for (const f of readdirSync(unitDir)) {
      // The units name /usr/bin/node (Debian/NodeSource); verify checks the binary exists, so use this one.
      writeFileSync(path.join(dir, f), read(path.join(unitDir, f)).replaceAll('/usr/bin/node', process.execPath));
    }
    const names = readdirSync(dir).map((f) => f.replace('@.service', '@1.service'));
    const r = spawnSync(analyze ?? 'systemd-analyze', ['verify', ...names.map((n) => `./${n}`)], { cwd: dir, encoding: 'utf8' });
    const ours = (r.stdout + r.stderr).split('\n').filter((l) => l.includes('zhengming'));
    expect(r.status, r.stderr).toBe(0);
    expect(ours).toEqual([]);
  });
});

// --- nginx ------------------------------------------------------------------------------------------

const site = read(deploy('nginx/zhengming.conf'));
const whois = read(deploy('nginx/zhengming-whois.conf'));
const upstream = (text: string, name: string) =>
  [...(new RegExp(`upstream ${name} \\{([^}]*)\\}`).exec(text)?.[1] ?? '').matchAll(/server (\S+?)[\s;]/g)].map((m) => m[1]);

describe('deploy/nginx', () => {
  it('sends each upstream to the ports of the unit instances, and forwards the visitor address the edge trusts', () => {
    expect(upstream(site, 'zhengming_api')).toEqual(instancePorts('zhengming-api@.service', 'PORT', [1, 2]).map((p) => `127.0.0.1:${p}`));
    expect(upstream(site, 'zhengming_public')).toEqual(instancePorts('zhengming-public@.service', 'PUBLIC_PORT', [1, 2]).map((p) => `127.0.0.1:${p}`));
    expect(upstream(whois, 'zhengming_whois')).toEqual(instancePorts('zhengming-public@.service', 'WHOIS_PORT', [1, 2]).map((p) => `127.0.0.1:${p}`));
    // Every upstream is on the address the processes listen on and the edge trusts.
    expect(env.get('HOST')).toBe('127.0.0.1');
    expect(env.get('PUBLIC_TRUST_PROXY')).toBe('127.0.0.1');
    // X-Forwarded-For is replaced by the address nginx saw, never appended to (a visitor could forge it).
    const xff = [...site.matchAll(/proxy_set_header X-Forwarded-For (\S+);/g)].map((m) => m[1]);
    expect(xff.length).toBeGreaterThanOrEqual(3);
    expect(new Set(xff)).toEqual(new Set(['$remote_addr']));
    expect(site).toContain(`server_name ${new URL(env.get('CONSOLE_URL') ?? '').hostname};`);
    expect(site).toContain(`server_name ${env.get('PUBLIC_HOST')};`);
    expect(site).toMatch(/ssl_protocols TLSv1\.2 TLSv1\.3;/);
    expect(site).toMatch(/Strict-Transport-Security "max-age=31536000" always/);
  });

  const nginx = tool('nginx', 'nginx');
  const streamModule = '/usr/lib/nginx/modules/ngx_stream_module.so';
  if (nginx !== null && !existsSync(streamModule) && ci) throw new Error('libnginx-mod-stream is required in CI');

  /**
   * The site and the WHOIS stream file in a minimal nginx.conf, with a self-signed certificate and
   * this directory's log paths; `edit` may rewrite the deployed text (ports, upstreams) first.
   */
  function nginxDir(edit: (text: string) => string = (t) => t): string {
    const dir = tempDir('zm-nginx-');
    for (const d of ['logs', 'ssl', 'tmp']) mkdirSync(path.join(dir, d));
    for (const host of ['console', 'biaozhi']) {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2', '-subj', `/CN=${host}.zhengming.example`,
        '-keyout', path.join(dir, 'ssl', `${host}.key`), '-out', path.join(dir, 'ssl', `${host}.crt`)], { stdio: 'pipe' });
    }
    const local = (text: string) => edit(text.replaceAll('/var/log/nginx/zhengming', path.join(dir, 'logs')).replaceAll('/etc/ssl/zhengming', path.join(dir, 'ssl')));
    writeFileSync(path.join(dir, 'site.conf'), local(site));
    writeFileSync(path.join(dir, 'whois.conf'), local(whois));
    // Debian loads the stream module from modules-enabled (libnginx-mod-stream); the deployed file is included after it.
    const stream = existsSync(streamModule);
    writeFileSync(
      path.join(dir, 'nginx.conf'),
      [
        stream ? `load_module ${streamModule};` : '',
        isRoot ? 'user root;' : '',
        `pid ${dir}/nginx.pid;`,
        `error_log ${dir}/logs/error.log;`,
        'worker_processes 1;',
        'events {}',
        stream ? `include ${dir}/whois.conf;` : '',
        'http {',
        `  access_log ${dir}/logs/access.log;`,
        ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${dir}/tmp/${t};`),
        `  include ${dir}/site.conf;`,
        '}',
      ].join('\n'),
    );
    return dir;
  }

  it.runIf(nginx !== null)('passes nginx -t with the WHOIS stream module and a self-signed certificate', () => {
    const dir = nginxDir();
    const r = spawnSync(nginx ?? 'nginx', ['-t', '-p', dir, '-c', path.join(dir, 'nginx.conf')], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('test is successful');
  });

  it.runIf(nginx !== null && existsSync(streamModule))('serves as documented: redirects, TLS names, the visitor address, body limits, HSTS, WHOIS', async () => {
    // Stand-ins for the processes: each answers with what it received.
    const seen: { upstream: string; host: string | undefined; xff: string | undefined; proto: string | undefined }[] = [];
    const servers: (http.Server | net.Server)[] = [];
    const listen = async (server: http.Server | net.Server) => {
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return (server.address() as net.AddressInfo).port;
    };
    const fake = (name: string) =>
      listen(
        http.createServer((req, res) => {
          req.resume();
          req.on('end', () => {
            seen.push({ upstream: name, host: req.headers.host, xff: req.headers['x-forwarded-for'] as string | undefined, proto: req.headers['x-forwarded-proto'] as string | undefined });
            res.setHeader('Strict-Transport-Security', 'max-age=31536000');
            res.end(name);
          });
        }),
      );
    // Like the edge's WHOIS with WHOIS_PROXY_PROTOCOL_FROM: nginx's PROXY header first, then the query.
    const whoisFake = () =>
      listen(
        net.createServer((sock) => {
          let got = '';
          sock.on('data', (b) => {
            got += b.toString('utf8');
            const lines = got.split('\r\n');
            if (lines.length < 3) return;
            const header = parseProxyHeader(`${lines[0]}\r\n`);
            sock.end(`whois answer to ${lines[1]} for ${header?.kind === 'proxied' ? header.source : 'no PROXY header'}\n`);
          });
        }),
      );
    const ports = { api: [await fake('api1'), await fake('api2')], pub: [await fake('public1'), await fake('public2')], whois: [await whoisFake(), await whoisFake()] };
    const front = { http: await freePort(), https: await freePort(), whois: await freePort() };
    const upstreamPorts = (unit: string, key: string) => instancePorts(unit, key, [1, 2]);
    const replacements: [string, number][] = [
      ...upstreamPorts('zhengming-api@.service', 'PORT').map((p, i) => [`127.0.0.1:${p} `, ports.api[i] ?? 0] as [string, number]),
      ...upstreamPorts('zhengming-public@.service', 'PUBLIC_PORT').map((p, i) => [`127.0.0.1:${p} `, ports.pub[i] ?? 0] as [string, number]),
      ...upstreamPorts('zhengming-public@.service', 'WHOIS_PORT').map((p, i) => [`127.0.0.1:${p} `, ports.whois[i] ?? 0] as [string, number]),
    ];
    const dir = nginxDir((text) => {
      let t = text.replace(/^\s+listen \[::\]:.*\n/gm, '');
      for (const [from, port] of replacements) t = t.replaceAll(from, `127.0.0.1:${port} `);
      return t
        .replace(/listen 80( default_server)?;/g, `listen 127.0.0.1:${front.http}$1;`)
        .replace(/listen 443 ssl http2( default_server)?;/g, `listen 127.0.0.1:${front.https} ssl http2$1;`)
        .replace(/listen 43;/g, `listen 127.0.0.1:${front.whois};`);
    });
    const started = spawnSync(nginx ?? 'nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { encoding: 'utf8' });
    expect(started.status, started.stderr).toBe(0);
    try {
      const request = (o: { tls: boolean; host: string; path?: string; method?: string; body?: string; headers?: Record<string, string> }) =>
        new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
          const options = { host: '127.0.0.1', port: o.tls ? front.https : front.http, path: o.path ?? '/', method: o.method ?? 'GET', headers: { Host: o.host, ...o.headers }, servername: o.host, rejectUnauthorized: false };
          const req = (o.tls ? https : http).request(options, (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
          });
          req.on('error', reject);
          req.end(o.body);
        });
      const consoleHost = new URL(env.get('CONSOLE_URL') ?? '').hostname;
      const publicHost = env.get('PUBLIC_HOST') ?? '';

      // The console: HTTP moves to HTTPS; HTTPS reaches an API process with the visitor's address
      // (a forged X-Forwarded-For replaced), one HSTS header.
      const redirect = await request({ tls: false, host: consoleHost, path: '/login?x=1' });
      expect(redirect.status).toBe(301);
      expect(redirect.headers.location).toBe(`https://${consoleHost}/login?x=1`);
      const api = await request({ tls: true, host: consoleHost, path: '/healthz', headers: { 'X-Forwarded-For': '203.0.113.66' } });
      expect(api.status).toBe(200);
      expect(api.body).toMatch(/^api[12]$/);
      expect(seen.at(-1)).toMatchObject({ host: consoleHost, xff: '127.0.0.1', proto: 'https' });
      expect(api.headers['strict-transport-security']).toBe('max-age=31536000');
      // 256 KiB passes to the API (whose own limit it is), more is refused by nginx.
      expect((await request({ tls: true, host: consoleHost, method: 'POST', path: '/api/x', body: 'x'.repeat(200 * 1024) })).status).toBe(200);
      expect((await request({ tls: true, host: consoleHost, method: 'POST', path: '/api/x', body: 'x'.repeat(300 * 1024) })).status).toBe(413);

      // The public edge under PUBLIC_HOST, over HTTPS and HTTP (the badge snippet is protocol-relative).
      const badge = await request({ tls: true, host: publicHost, path: '/badge/x.js', headers: { 'X-Forwarded-For': '203.0.113.66' } });
      expect(badge.body).toMatch(/^public[12]$/);
      expect(seen.at(-1)).toMatchObject({ host: publicHost, xff: '127.0.0.1', proto: 'https' });
      expect((await request({ tls: false, host: publicHost, path: '/badge/x.js' })).body).toMatch(/^public[12]$/);
      expect((await request({ tls: true, host: publicHost, method: 'POST', path: '/report', body: 'x'.repeat(20 * 1024) })).status).toBe(413);
      // A registered name (网络红页, URL转发) over HTTP goes to the edge with its Host.
      await request({ tls: false, host: 'www.xn--fiq64b.xn--zfr164b' });
      expect(seen.at(-1)).toMatchObject({ upstream: expect.stringMatching(/^public/), host: 'www.xn--fiq64b.xn--zfr164b', xff: '127.0.0.1', proto: 'http' });
      // Over HTTPS, a name without a certificate gets no handshake at all.
      await expect(request({ tls: true, host: 'www.xn--fiq64b.xn--zfr164b' })).rejects.toThrow();
      // Both API processes take requests (round robin).
      for (let i = 0; i < 4; i++) await request({ tls: true, host: consoleHost, path: '/healthz' });
      expect(new Set(seen.filter((s) => s.upstream.startsWith('api')).map((s) => s.upstream))).toEqual(new Set(['api1', 'api2']));

      // WHOIS on the stream port reaches an edge process's WHOIS port.
      const answer = await new Promise<string>((resolve, reject) => {
        const sock = net.connect(front.whois, '127.0.0.1', () => sock.write('杭州市财政局.政务\r\n'));
        let text = '';
        sock.on('data', (b) => (text += b.toString()));
        sock.on('end', () => resolve(text));
        sock.on('error', reject);
      });
      expect(answer).toBe('whois answer to 杭州市财政局.政务 for 127.0.0.1\n');
    } finally {
      spawnSync(nginx ?? 'nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-s', 'stop']);
      for (const s of servers) s.close();
    }
  });
});

describe('deploy/logrotate', () => {
  const logrotate = tool('logrotate', 'logrotate');
  it.runIf(logrotate !== null)('keeps nginx’s logs of the site at least six months, and logrotate reads it', () => {
    const text = read(deploy('logrotate/zhengming-nginx'));
    const days = Number(/^\s+rotate (\d+)$/m.exec(text)?.[1]);
    expect(text).toMatch(/^\s+daily$/m);
    expect(days).toBeGreaterThanOrEqual(183);
    // It covers the files the site and the stream config write.
    for (const log of [...site.matchAll(/(?:access|error)_log (\S+)/g), ...whois.matchAll(/(?:access|error)_log (\S+)/g)].map((m) => m[1] ?? '')) {
      expect(path.dirname(log), log).toBe('/var/log/nginx/zhengming');
      expect(log).toMatch(/\.log$/);
    }
    const dir = tempDir('zm-logrotate-');
    mkdirSync(path.join(dir, 'logs'));
    writeFileSync(path.join(dir, 'logs', 'console-access.log'), 'x\n');
    writeFileSync(path.join(dir, 'conf'), text.replaceAll('/var/log/nginx/zhengming', path.join(dir, 'logs')));
    const r = spawnSync(logrotate ?? 'logrotate', ['-d', '-s', path.join(dir, 'state'), path.join(dir, 'conf')], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('400 rotations');
  });
});

// --- Knot DNS secondary -----------------------------------------------------------------------------

describe('deploy/knot/knot.conf', () => {
  const knotConf = read(deploy('knot/knot.conf'));

  it('transfers both TLD zones from the hidden primary the environment describes', () => {
    expect(knotConf).toMatch(/^\s+- domain: xn--zfr164b\b/m);
    expect(knotConf).toMatch(/^\s+- domain: xn--55qw42g\b/m);
    // remote = HOST of dns.env, DNS_PORT of zhengming.env; the key named in DNS_TSIG_KEY.
    expect(knotConf).toContain(`address: ${dnsEnv.get('HOST')}@${env.get('DNS_PORT')}`);
    const keyName = env.get('DNS_TSIG_KEY')?.split(':')[0];
    expect(knotConf).toMatch(new RegExp(`key: ${keyName}\\n\\s+action: notify`));
  });

  const knotc = tool('knotc', 'knot');
  const keymgr = tool('keymgr', 'knot');
  it.runIf(knotc !== null && keymgr !== null)('passes knotc conf-check with a key made by keymgr, which DNS_TSIG_KEY accepts', () => {
    const dir = tempDir('zm-knot-');
    cpSync(deploy('knot/knot.conf'), path.join(dir, 'knot.conf'));
    const key = execFileSync(keymgr ?? 'keymgr', ['-t', 'zhengming-xfr', 'hmac-sha256'], { encoding: 'utf8' });
    writeFileSync(path.join(dir, 'zhengming-tsig.conf'), key);
    const r = spawnSync(knotc ?? 'knotc', ['-c', path.join(dir, 'knot.conf'), 'conf-check'], { encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    // The first line of keymgr's output, reordered, is DNS_TSIG_KEY (as the template says).
    const [alg, name, secret] = (/^# (\S+)/.exec(key)?.[1] ?? '').split(':');
    const parsed = parseTsigKey(`${name}:${alg}:${secret}`);
    expect(parsed.name).toBe('zhengming-xfr');
    expect(parsed.secret.toString('base64')).toBe(secret);
  });
});

// --- PostgreSQL primary and streaming replica ---------------------------------------------------------

const pgBin = ['/usr/lib/postgresql/15/bin', ...(existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').map((v) => `/usr/lib/postgresql/${v}/bin`) : [])].find((d) =>
  existsSync(path.join(d, 'pg_basebackup')),
);
if (pgBin === undefined && ci) throw new Error('PostgreSQL server binaries (Debian postgresql) are required in CI');
if (pgBin === undefined) console.warn('⚠ SKIPPED deploy-configs: PostgreSQL server binaries (Debian postgresql) are not installed (in CI this fails)');
else if (!isRoot && !ci) console.warn('⚠ SKIPPED deploy-configs: the PostgreSQL replica check runs the servers as the postgres user and needs root (in CI this fails)');

describe.runIf(pgBin !== undefined && (isRoot || ci))('deploy/postgresql', () => {
  it('makes a primary and, with make-replica.sh’s pg_basebackup, a replica streaming from it over verified TLS', () => {
    if (!isRoot) throw new Error('this check runs PostgreSQL as the postgres user and needs root');
    const bin = (name: string) => path.join(pgBin ?? '', name);
    const dir = tempDir('zm-pg-');
    chmodSync(dir, 0o755);
    const asPostgres = (cmd: string, args: string[], extraEnv: Record<string, string> = {}) =>
      execFileSync('runuser', ['-u', 'postgres', '--', 'env', ...Object.entries(extraEnv).map(([k, v]) => `${k}=${v}`), cmd, ...args], { encoding: 'utf8', stdio: 'pipe' });
    // A CA and a server certificate for 127.0.0.1 (the deployment's sslmode=verify-full).
    const ssl = path.join(dir, 'ssl');
    mkdirSync(ssl);
    const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: ssl, stdio: 'pipe' });
    openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2', '-subj', '/CN=zm-test-ca', '-keyout', 'ca.key', '-out', 'ca.crt');
    openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', 'server.key', '-out', 'server.csr');
    writeFileSync(path.join(ssl, 'ext'), 'subjectAltName=IP:127.0.0.1\n');
    openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'ext', '-out', 'server.crt');
    mkdirSync(path.join(dir, 'wal'));
    const pgUid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const pgGid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    const own = (p: string) => {
      chownSync(p, pgUid, pgGid);
      for (const e of readdirSync(p, { withFileTypes: true })) if (e.isDirectory()) own(path.join(p, e.name));
      else chownSync(path.join(p, e.name), pgUid, pgGid);
    };
    own(dir);
    chmodSync(path.join(ssl, 'server.key'), 0o600);

    // deploy/postgresql/zhengming.conf with this machine's paths, loopback addresses and test ports.
    const port = 40000 + (process.pid % 10000);
    const conf = (p: number) =>
      read(deploy('postgresql/zhengming.conf'))
        .replaceAll('/etc/postgresql/ssl', ssl)
        .replaceAll('/var/backups/postgresql/wal', path.join(dir, 'wal'))
        .replace(/^listen_addresses = .*$/m, "listen_addresses = '127.0.0.1'")
        .replace(/^port = .*$/m, `port = ${p}`)
        .replace(/^max_connections = .*$/m, 'max_connections = 20')
        .replace(/^shared_buffers = .*$/m, "shared_buffers = '32MB'")
        .replace(/^effective_cache_size = .*$/m, '')
        .replace(/^maintenance_work_mem = .*$/m, '') + `\nunix_socket_directories = '${dir}'\n`;
    const hba = read(deploy('postgresql/pg_hba-zhengming.conf')).replace(/10\.0\.0\.\d+\/32/g, '127.0.0.1/32');
    const primary = path.join(dir, 'primary');
    const replica = path.join(dir, 'replica');
    const stop = (data: string) => spawnSync('runuser', ['-u', 'postgres', '--', bin('pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop'], { stdio: 'ignore' });
    try {
      asPostgres(bin('initdb'), ['-D', primary, '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--auth-local=trust', '--auth-host=reject']);
      writeFileSync(path.join(dir, 'primary.conf'), conf(port));
      writeFileSync(path.join(primary, 'postgresql.conf'), `${read(path.join(primary, 'postgresql.conf'))}\ninclude '${dir}/primary.conf'\n`);
      writeFileSync(path.join(primary, 'pg_hba.conf'), `local all all trust\n${hba}`);
      own(dir);
      asPostgres(bin('pg_ctl'), ['-D', primary, '-l', path.join(dir, 'primary.log'), '-w', 'start']);
      const psql = (p: number, sql: string, db = 'postgres') => asPostgres(bin('psql'), ['-h', dir, '-p', String(p), '-U', 'postgres', '-d', db, '-Atc', sql]).trim();
      psql(port, "CREATE ROLE replicator REPLICATION LOGIN PASSWORD 'replpw'");
      psql(port, "CREATE ROLE zhengming LOGIN PASSWORD 'apppw'");
      psql(port, "CREATE DATABASE zhengming OWNER zhengming ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0");
      const pgpass = path.join(dir, 'pgpass');
      writeFileSync(pgpass, `127.0.0.1:${port}:replication:replicator:replpw\n`, { mode: 0o600 });
      chownSync(pgpass, pgUid, pgGid);

      // make-replica.sh's command, with this test's host, port, CA and directories.
      const script = read(deploy('postgresql/make-replica.sh'));
      const cmd = /runuser -u postgres -- pg_basebackup \\\n\s+-d "([^"]+)" \\\n\s+(.+)\n/.exec(script);
      expect(cmd, 'the pg_basebackup command of make-replica.sh').not.toBeNull();
      const conninfo = (cmd?.[1] ?? '').replace('$PRIMARY', '127.0.0.1').replace('port=5432', `port=${port}`).replace('$SLOT', 'db2').replace('$CA', path.join(ssl, 'ca.crt'));
      const args = (cmd?.[2] ?? '').replace('"$DATA"', replica).replace('"$SLOT"', 'db2').split(/\s+/);
      asPostgres(bin('pg_basebackup'), ['-d', conninfo, ...args.filter((a) => a !== '-P')], { PGPASSFILE: pgpass });
      expect(existsSync(path.join(replica, 'standby.signal'))).toBe(true);
      expect(read(path.join(replica, 'postgresql.auto.conf'))).toMatch(/primary_slot_name = 'db2'/);
      // The replica reads the same file, on its own port.
      writeFileSync(path.join(dir, 'replica.conf'), conf(port + 1));
      writeFileSync(path.join(replica, 'postgresql.conf'), read(path.join(replica, 'postgresql.conf')).replace(`${dir}/primary.conf`, `${dir}/replica.conf`));
      own(dir);
      asPostgres(bin('pg_ctl'), ['-D', replica, '-l', path.join(dir, 'replica.log'), '-w', 'start']);

      // The application's connection: TLS, verified, scram (DATABASE_URL's sslmode=verify-full).
      const app = `host=127.0.0.1 port=${port} user=zhengming dbname=zhengming sslmode=verify-full sslrootcert=${ssl}/ca.crt`;
      const ssl1 = asPostgres(bin('psql'), [app, '-Atc', 'CREATE TABLE t (x text); INSERT INTO t VALUES ($$正名$$); SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()'], { PGPASSWORD: 'apppw' });
      expect(ssl1.trim().split('\n').at(-1)).toBe('t');
      let seen = '';
      for (let i = 0; i < 100 && seen === ''; i++) {
        // Until the replica has replayed the CREATE TABLE, the query fails.
        try {
          seen = psql(port + 1, "SELECT x || ' ' || pg_is_in_recovery() FROM t", 'zhengming').trim();
        } catch {
          seen = '';
        }
        if (seen === '') execFileSync('sleep', ['0.1']);
      }
      expect(seen).toBe('正名 true');
      expect(psql(port, 'SELECT application_name, state FROM pg_stat_replication')).toBe('db2|streaming');
      // Continuous archiving runs (archive_command into the backup directory).
      psql(port, 'SELECT pg_switch_wal()');
      let archived: string[] = [];
      for (let i = 0; i < 100 && archived.length === 0; i++) {
        archived = readdirSync(path.join(dir, 'wal'));
        if (archived.length === 0) execFileSync('sleep', ['0.1']);
      }
      expect(archived.length).toBeGreaterThan(0);
    } finally {
      stop(replica);
      stop(primary);
    }
  }, 60_000);
});
