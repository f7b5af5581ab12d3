import { execFile, spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoUnits } from '../../src/app/seed/demo-data.js';
import { AddressAllowList } from '../../src/domain/sitecheck/address.js';
import { startWhoisServer, type WhoisServer, type WhoisServerOptions } from '../../src/whois/server.js';
import { useTestApp } from '../support/app.js';
import { useDemoWorld } from '../support/demo-world.js';

const t = useTestApp();
const w = useDemoWorld(t);
const ci = process.env.CI === 'true';
const whoisPath: string | null = spawnSync('sh', ['-c', 'command -v whois'], { encoding: 'utf8' }).stdout.trim() || null;
const run = promisify(execFile);
const silent = { info: () => undefined, warn: () => undefined };
const zoneNs = ['ns1.zhengming.example', 'ns2.zhengming.example'];

const servers: WhoisServer[] = [];
async function server(o: Partial<WhoisServerOptions> = {}): Promise<WhoisServer> {
  const s = await startWhoisServer({ host: '127.0.0.1', port: 0, app: t.app, nameservers: zoneNs, log: silent, rateLimit: false, ...o });
  servers.push(s);
  return s;
}
let main: WhoisServer;
let hz = { name: '', ace: '' };
beforeAll(async () => {
  main = await server();
  hz = (await (await w.as('jbr.hzczj')).get('/api/domains')).body.items[0];
});
afterAll(async () => {
  for (const s of servers) await s.close();
});

/** Debian's whois client, run without blocking this process (the server lives in it). */
async function whois(query: string, port = main.port): Promise<string> {
  const { stdout } = await run('whois', ['-h', '127.0.0.1', '-p', String(port), query], { encoding: 'utf8', timeout: 15_000, env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } });
  return stdout;
}

/** A raw exchange: send bytes (and optionally end our side), read until the server closes. */
function exchange(port: number, send: Buffer | string | null, end = false): Promise<{ text: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const chunks: Buffer[] = [];
    const s = net.connect(port, '127.0.0.1', () => {
      if (send !== null) s.write(send);
      if (end) s.end();
    });
    s.on('data', (c) => chunks.push(c));
    s.on('error', reject);
    s.on('close', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), ms: Date.now() - started }));
  });
}

describe('WHOIS with Debian’s whois client', () => {
  it('answers a Chinese name and its ACE form with the registration data in UTF-8', async (ctx) => {
    if (whoisPath === null) {
      if (ci) throw new Error('whois (Debian whois) is required in CI');
      console.warn('whois client not installed: skipping (apt-get install whois)');
      ctx.skip();
    }
    for (const q of [hz.name, hz.ace, hz.ace.toUpperCase()]) {
      const out = await whois(q);
      expect(out, q).toContain(`Domain Name: ${hz.name}`);
      expect(out).toContain(`Domain Name (ACE): ${hz.ace}`);
      expect(out).toMatch(/Registry Domain ID: [0-9A-F]{32}-ZM/);
      expect(out).toContain('Registrant Organization: 杭州市财政局');
      expect(out).toContain('Domain Status: ok');
      expect(out).toMatch(/Creation Date: \d{4}-\d\d-\d\dT/);
      expect(out).toMatch(/Registry Expiry Date: \d{4}-\d\d-\d\dT/);
      expect(out).toContain('Name Server: ns1.zhengming.example');
      expect(out).toContain('Name Server: ns2.zhengming.example');
    }
  });

  it('says No match for a name it does not have', async (ctx) => {
    if (whoisPath === null) return ctx.skip();
    expect(await whois('无此单位.政务')).toMatch(/No match for "/);
    expect(await whois('example.com')).toMatch(/No match for "example\.com"/);
  });
});

describe('WHOIS server', () => {
  it('never answers with the 经办人’s or the unit leader’s name, phone, email or ID number', async () => {
    for (const u of demoUnits) {
      const { text } = await exchange(main.port, `${u.name}.${u.type === 'party_government' ? '政务' : '公益'}\r\n`);
      expect(text).toContain(`Registrant Organization: ${u.name}`);
      for (const secret of [u.handler.displayName, u.handler.mobile, u.handler.email, u.leaderName, u.phone, '11010519491231002X']) expect(text).not.toContain(secret);
    }
  });

  it('reads a UTF-8 query with LF only, with the ideographic full stop, or ended without a newline', async () => {
    expect((await exchange(main.port, `${hz.name.replace('.', '。')}\n`)).text).toContain(`Domain Name: ${hz.name}`);
    expect((await exchange(main.port, `domain ${hz.ace}.`, true)).text).toContain(`Domain Name: ${hz.name}`);
  });

  it('answers a malformed query, bad UTF-8 and an empty line with a message, never a crash', async () => {
    expect((await exchange(main.port, 'a_b.政务\r\n')).text).toContain('Malformed query');
    expect((await exchange(main.port, Buffer.from([0xff, 0xfe, 0x0d, 0x0a]))).text).toContain('UTF-8');
    expect((await exchange(main.port, '\r\n')).text).toContain('Usage');
    expect((await exchange(main.port, '\u0000\u0001\r\n')).text).toContain('Malformed query');
    expect((await exchange(main.port, `${hz.name}\r\n`)).text).toContain('Domain Name'); // still serving
  });

  it('refuses an over-long line and disconnects a client that sends nothing', async () => {
    const long = await exchange(main.port, 'a'.repeat(4096));
    expect(long.text).toContain('Query too long');
    const slow = await server({ timeoutMs: 200 });
    const idle = await exchange(slow.port, null);
    expect(idle.text).toBe('');
    expect(idle.ms).toBeLessThan(5_000);
  });

  it('limits the queries of one address', async () => {
    const limited = await server({ rateLimit: { perMinute: 1, burst: 2 } });
    expect((await exchange(limited.port, `${hz.ace}\r\n`)).text).toContain('Domain Name');
    expect((await exchange(limited.port, `${hz.ace}\r\n`)).text).toContain('Domain Name');
    const third = (await exchange(limited.port, `${hz.ace}\r\n`)).text;
    expect(third).toContain('Query rate exceeded');
    expect(third).not.toContain('Domain Name');
  });
});

describe('WHOIS behind a proxy (PROXY protocol v1, nginx `proxy_protocol on`)', () => {
  const header = (client: string) => `PROXY TCP4 ${client} 127.0.0.1 51234 43\r\n`;

  it('limits each client the proxy names, not the proxy', async () => {
    const proxied = await server({ rateLimit: { perMinute: 1, burst: 1 }, proxyProtocolFrom: AddressAllowList.parse(['127.0.0.1']) });
    expect((await exchange(proxied.port, `${header('203.0.113.5')}${hz.ace}\r\n`)).text).toContain('Domain Name');
    expect((await exchange(proxied.port, `${header('203.0.113.5')}${hz.ace}\r\n`)).text).toContain('Query rate exceeded');
    expect((await exchange(proxied.port, `${header('203.0.113.6')}${hz.ace}\r\n`)).text).toContain('Domain Name');
    // The header and the query in separate writes.
    const split = await new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      const s = net.connect(proxied.port, '127.0.0.1', () => {
        s.write('PROXY TCP4 203.0.');
        setTimeout(() => s.write(`113.8 127.0.0.1 51234 43\r\n${hz.ace.slice(0, 3)}`), 50);
        setTimeout(() => s.write(`${hz.ace.slice(3)}\r\n`), 100);
      });
      s.on('data', (c) => chunks.push(c));
      s.on('error', reject);
      s.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    expect(split).toContain('Domain Name');
    // PROXY UNKNOWN: the proxy's own address is the one limited (its first query passes, the next not).
    expect((await exchange(proxied.port, `PROXY UNKNOWN\r\n${hz.ace}\r\n`)).text).toContain('Domain Name');
    expect((await exchange(proxied.port, `PROXY UNKNOWN\r\n${hz.ace}\r\n`)).text).toContain('Query rate exceeded');
  });

  it('drops a trusted peer’s connection without a valid header, answering nothing', async () => {
    const proxied = await server({ proxyProtocolFrom: AddressAllowList.parse(['127.0.0.1']) });
    expect((await exchange(proxied.port, `${hz.ace}\r\n`)).text).toBe('');
    expect((await exchange(proxied.port, `PROXY TCP4 203.0.113.5 127.0.0.1 1\r\n${hz.ace}\r\n`)).text).toBe('');
    expect((await exchange(proxied.port, 'P'.repeat(200))).text).toBe('');
    expect((await exchange(proxied.port, 'PROXY TCP4', true)).text).toBe('');
  });

  it('takes no header from anyone else: a client cannot claim another address', async () => {
    const limited = await server({ rateLimit: { perMinute: 1, burst: 1 }, proxyProtocolFrom: AddressAllowList.parse(['192.0.2.1']) });
    expect((await exchange(limited.port, `${hz.ace}\r\n`)).text).toContain('Domain Name');
    const claimed = (await exchange(limited.port, `${header('203.0.113.7')}${hz.ace}\r\n`)).text;
    expect(claimed).toContain('Query rate exceeded');
    expect(claimed).not.toContain('Domain Name');
  });
});

/** A port nobody listens on right now. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a !== null ? a.port : 0));
    });
  });

// `zhengming public` needs PostgreSQL (the embedded database belongs to one process).
describe.runIf(inject('testDb') === 'postgres')('zhengming public', () => {
  it('serves WHOIS on WHOIS_PORT beside the HTTP edge (and RDAP on it)', async () => {
    const [publicPort, whoisPort] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'public'], {
      env: { ...process.env, DATABASE_URL: t.databaseUrl ?? '', HOST: '127.0.0.1', PUBLIC_PORT: String(publicPort), WHOIS_PORT: String(whoisPort), LOG_LEVEL: 'silent' },
      stdio: 'ignore',
    });
    try {
      let answer = '';
      for (const end = Date.now() + 60_000; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
        answer = await exchange(whoisPort, `${hz.name}\r\n`).then((r) => r.text, () => '');
        if (answer !== '') break;
      }
      expect(answer).toContain(`Domain Name: ${hz.name}`);
      expect(answer).toContain('Registrant Organization: 杭州市财政局');
      const rdap = await fetch(`http://127.0.0.1:${publicPort}/rdap/domain/${hz.ace}`);
      expect(rdap.status).toBe(200);
      expect(rdap.headers.get('content-type')).toMatch(/^application\/rdap\+json/);
    } finally {
      child.kill('SIGTERM');
    }
  }, 90_000);
});
