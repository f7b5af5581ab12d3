/**
 * A small world for 网站核验 tests, all on loopback: a DNS zone `sitecheck.test` served by the
 * project's own hidden primary, HTTP and HTTPS servers that answer by Host (certificates from a
 * CA made here with the openssl CLI, one of them expired), and checker settings that allow
 * 127.0.0.1 only and refuse — loudly — any connection to anything but loopback.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import iconv from 'iconv-lite';
import { afterAll, beforeAll } from 'vitest';
import { startDnsServer, type DnsServer } from '../../src/dns/server.js';
import { ZoneStore } from '../../src/dns/zone-store.js';
import { AddressAllowList } from '../../src/domain/sitecheck/address.js';
import type { ZoneRecord } from '../../src/domain/dns/zone.js';
import { siteCheckSettings, type SiteCheckSettings } from '../../src/sitecheck/settings.js';

export const zoneApex = 'sitecheck.test';
export const badgeId = '0123456789ABCDEF0123456789ABCDEF';

/** Names of the zone and what they resolve to. */
const names: Record<string, { a?: string[]; aaaa?: string[] }> = {
  utf8: { a: ['127.0.0.1'] },
  gbk: { a: ['127.0.0.1'] },
  gbkmeta: { a: ['127.0.0.1'] },
  mismatch: { a: ['127.0.0.1'] },
  hospital: { a: ['127.0.0.1'] },
  notitle: { a: ['127.0.0.1'] },
  redirect: { a: ['127.0.0.1'] },
  loop: { a: ['127.0.0.1'] },
  many: { a: ['127.0.0.1'] },
  slow: { a: ['127.0.0.1'] },
  big: { a: ['127.0.0.1'] },
  expired: { a: ['127.0.0.1'] },
  badge: { a: ['127.0.0.1'] },
  down: { a: ['127.0.0.1'] },
  'to-private': { a: ['127.0.0.1'] },
  'to-inner': { a: ['127.0.0.1'] },
  mixed: { a: ['127.0.0.1', '10.0.0.1'] },
  lo: { a: ['127.0.0.1'] },
  ten: { a: ['10.0.0.1'] },
  meta: { a: ['169.254.169.254'] },
  six: { aaaa: ['::1'] },
  mapped: { aaaa: ['::ffff:127.0.0.1'] },
  inner: { a: ['10.0.0.1'] },
};
export const host = (label: string) => `${label}.${zoneApex}`;

export interface SiteWorld {
  dns: DnsServer;
  httpPort: number;
  httpsPort: number;
  caPem: string;
  /** Requests the servers received, as `host path`. */
  received: string[];
  /** Bytes the big page had written when the client went away. */
  bigSent: () => number;
  /** Checker settings: loopback 127.0.0.1 allowed (or not), our DNS, our CA, our ports. */
  settings(o?: Partial<SiteCheckSettings> & { allowLoopback?: boolean }): SiteCheckSettings;
  /** Every connection the checker attempted, as `address:port`. */
  connections: string[];
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

/** A CA, a certificate for *.sitecheck.test, and an expired one for expired.sitecheck.test. */
function makeCertificates(dir: string) {
  const key = (name: string) => openssl(dir, ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${name}.key`]);
  key('ca');
  openssl(dir, ['req', '-x509', '-new', '-key', 'ca.key', '-out', 'ca.pem', '-days', '90', '-subj', '/CN=Zhengming Test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign']);
  const leaf = (name: string, san: string, days: string) => {
    key(name);
    openssl(dir, ['req', '-new', '-key', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${san}`]);
    writeFileSync(path.join(dir, `${name}.ext`), `subjectAltName=DNS:${san}\nextendedKeyUsage=serverAuth\n`);
    openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', days, '-extfile', `${name}.ext`]);
  };
  leaf('site', `*.${zoneApex}`, '90');
  // notAfter a day before notBefore: expired from the moment it exists.
  leaf('expired', host('expired'), '-1');
  const read = (f: string) => readFileSync(path.join(dir, f), 'utf8');
  return { ca: read('ca.pem'), site: { key: read('site.key'), cert: read('site.pem') }, expired: { key: read('expired.key'), cert: read('expired.pem') } };
}

const html = (title: string, extra = '') => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${extra}<footer>浙ICP备05012345号-1</footer></body></html>`;

export function useSiteWorld(): SiteWorld {
  const w = { received: [] as string[], connections: [] as string[] } as unknown as SiteWorld;
  const dir = mkdtempSync(path.join(tmpdir(), 'zm-sitecheck-'));
  const servers: (http.Server | https.Server)[] = [];
  const open = new Set<import('node:net').Socket>();
  let bigSent = 0;

  function handle(req: http.IncomingMessage, res: http.ServerResponse, scheme: 'http' | 'https') {
    const name = (req.headers.host ?? '').replace(/:\d+$/, '');
    const label = name.endsWith(`.${zoneApex}`) ? name.slice(0, -zoneApex.length - 1) : name;
    const url = req.url ?? '/';
    w.received.push(`${scheme} ${name} ${url} cookie=${req.headers.cookie ?? ''} ua=${req.headers['user-agent'] ?? ''}`);
    const send = (status: number, body: string | Buffer, type = 'text/html; charset=utf-8', headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': type, 'set-cookie': 'session=abc; Path=/', ...headers });
      res.end(body);
    };
    const redirect = (to: string, status = 302) => send(status, '', 'text/html', { location: to });
    const other = scheme === 'http' ? w.httpsPort : w.httpPort;
    switch (label) {
      case 'utf8':
        return send(200, html('杭州市财政局'));
      case 'gbk':
        return send(200, iconv.encode(`<html><head><title>杭州市第一人民医院</title></head><body>欢迎</body></html>`, 'gbk'), 'text/html; charset=GBK');
      case 'gbkmeta':
        return send(200, iconv.encode(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>宁波市教育局</title></head></html>`, 'gb2312'), 'text/html');
      case 'mismatch':
        return send(200, html('杭州市财政局 - 首页'));
      case 'hospital':
        // 杭州市第一人民医院 (the demo's 事业单位) with a title that lacks 市 and adds a greeting.
        return send(200, html('杭州第一人民医院 欢迎您'));
      case 'notitle':
        return send(200, '<html><body>建设中</body></html>');
      case 'redirect':
        if (scheme === 'http') return redirect(`https://${name}:${w.httpsPort}/home`, 301);
        if (url === '/home') return redirect('/portal/');
        if (url === '/portal/') return send(200, html('杭州市财政局'));
        return redirect('/home');
      case 'loop':
        return redirect(url === '/a' ? '/b' : '/a');
      case 'many': {
        const n = Number(/^\/r(\d+)$/.exec(url)?.[1] ?? '0');
        return redirect(`/r${n + 1}`);
      }
      case 'slow':
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<html><head>');
        return; // never finishes
      case 'big': {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.write('<html><head><title>杭州市财政局</title></head><body>');
        const chunk = Buffer.alloc(64 * 1024, 'a');
        let sent = 0;
        const more = () => {
          while (sent < 20 * 1024 * 1024) {
            sent += chunk.length;
            bigSent = sent;
            if (!res.write(chunk)) return void res.once('drain', more);
          }
          res.end('</body></html>');
        };
        res.on('close', () => {
          bigSent = sent;
        });
        return more();
      }
      case 'expired':
        return send(200, html('杭州市财政局'));
      case 'badge':
        return send(200, html('杭州市财政局', `<script src="//zm.example/badge/${badgeId}.js"></script>`));
      case 'to-private':
        return redirect('http://10.0.0.1/');
      case 'to-inner':
        return redirect(`http://${host('inner')}:${other}/`);
      case 'mixed':
      case 'lo':
        return send(200, html('杭州市财政局'));
      default:
        return send(404, 'not found');
    }
  }

  beforeAll(async () => {
    const certs = makeCertificates(dir);
    const track = (s: http.Server | https.Server) => {
      s.on('connection', (sock) => {
        open.add(sock);
        sock.on('close', () => open.delete(sock));
      });
      s.on('secureConnection', () => undefined);
      servers.push(s);
    };
    const plain = http.createServer((req, res) => (host('down') === (req.headers.host ?? '').replace(/:\d+$/, '') ? req.socket.destroy() : handle(req, res, 'http')));
    const secure = https.createServer(
      {
        ...certs.site,
        SNICallback: (servername, cb) => cb(null, tls.createSecureContext(servername === host('expired') ? certs.expired : certs.site)),
      },
      (req, res) => handle(req, res, 'https'),
    );
    track(plain);
    track(secure);
    const listen = (s: http.Server | https.Server) => new Promise<number>((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port)));
    w.httpPort = await listen(plain);
    w.httpsPort = await listen(secure);
    w.caPem = certs.ca;

    const records: ZoneRecord[] = Object.entries(names).flatMap(([label, r]) => [
      ...(r.a ?? []).map((data): ZoneRecord => ({ owner: host(label), type: 'A', ttl: 60, data })),
      ...(r.aaaa ?? []).map((data): ZoneRecord => ({ owner: host(label), type: 'AAAA', ttl: 60, data })),
    ]);
    const store = new ZoneStore({
      apex: zoneApex,
      soa: { mname: `ns.${zoneApex}`, rname: `hostmaster.${zoneApex}`, serial: 1, refresh: 3600, retry: 600, expire: 86400, minimum: 60 },
      ns: [`ns.${zoneApex}`],
      records,
    });
    const zones = new Map([[zoneApex, store]]);
    w.dns = await startDnsServer({ host: '127.0.0.1', port: 0, zones: () => zones, log: { info: () => undefined, warn: () => undefined } });
    w.bigSent = () => bigSent;
    w.settings = (o = {}) => {
      const { allowLoopback = true, ...rest } = o;
      return siteCheckSettings({
        allow: AddressAllowList.parse(allowLoopback ? ['127.0.0.1'] : []),
        dnsServers: [`127.0.0.1:${w.dns.port}`],
        ports: { http: w.httpPort, https: w.httpsPort },
        extraCa: [certs.ca],
        onConnect: ({ address, port }) => {
          w.connections.push(`${address}:${port}`);
          // The guard of every test: nothing leaves loopback, whatever the code under test decides.
          if (address !== '127.0.0.1' && address !== '::1') throw new Error(`test guard: connection to ${address} refused`);
        },
        ...rest,
      });
    };
  });

  afterAll(async () => {
    for (const s of open) s.destroy();
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    await w.dns?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return w;
}
