/**
 * Transfers with TSIG (HMAC-SHA256) and IXFR, checked by a real client: kdig verifies every
 * message's signature of a multi-message AXFR, and prints the IXFR differences it received.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Zone, ZoneRecord } from '../../src/domain/dns/zone.js';
import { startDnsServer, type DnsServer } from '../../src/dns/server.js';
import { parseTsigKey } from '../../src/dns/tsig.js';
import { ZoneStore } from '../../src/dns/zone-store.js';
import { kdig, kdigPath } from '../support/dns/client.js';

const ci = process.env.CI === 'true';
if (kdigPath === null && ci) throw new Error('kdig (Debian knot-dnsutils) is required in CI');
const secret = Buffer.alloc(32, 5).toString('base64');
const key = parseTsigKey(`zhengming-xfr:hmac-sha256:${secret}`);
const y = (name = 'zhengming-xfr', s = secret) => ['+noidn', '-y', `hmac-sha256:${name}:${s}`];
const serial = 2026112800;
const zone: Zone = {
  apex: 'xn--55qw42g',
  soa: { mname: 'ns1.zhengming.example', rname: 'hostmaster.zhengming.example', serial, refresh: 3600, retry: 600, expire: 1209600, minimum: 300 },
  ns: ['ns1.zhengming.example'],
  records: Array.from({ length: 6000 }, (_, i): ZoneRecord => ({ owner: `${i % 2 === 0 ? 'www.' : ''}d${i >> 1}.xn--55qw42g`, type: 'A', ttl: 600, data: '203.119.25.1' })),
};
const store = new ZoneStore(zone);
let server: DnsServer;
let open: DnsServer;
const silent = { info: () => undefined, warn: () => undefined };

describe.runIf(kdigPath !== null)('transfers with TSIG, checked by kdig', () => {
  beforeAll(async () => {
    const zones = () => new Map([['xn--55qw42g', store]]);
    server = await startDnsServer({ host: '127.0.0.1', port: 0, zones, log: silent, transferAllow: ['127.0.0.1'], tsigKeys: [key] });
    open = await startDnsServer({ host: '127.0.0.1', port: 0, zones, log: silent, transferAllow: ['127.0.0.1'] });
  });
  afterAll(async () => {
    await server?.close();
    await open?.close();
  });

  it('transfers a multi-message AXFR whose every message kdig verifies', async () => {
    const r = await kdig(server.port, [...y(), '-t', 'AXFR', 'xn--55qw42g']);
    expect(r.status, r.stdout).toBe(0);
    expect(r.stdout.match(/\tSOA\t/g)).toHaveLength(2);
    expect(r.stdout.match(/\tA\t203\.119\.25\.1/g)).toHaveLength(6000);
    expect(r.stdout).toMatch(/Received \d+ B \((\d+) messages, 6003 records\)/);
    expect(Number(/\((\d+) messages/.exec(r.stdout)?.[1])).toBeGreaterThan(1);
    expect(r.stdout).not.toMatch(/WARNING|failed/); // kdig warns when a signature does not verify
    expect(r.stdout.match(/\tTSIG\t/g)?.length).toBe(Number(/\((\d+) messages/.exec(r.stdout)?.[1]));
  });

  it('refuses an unsigned transfer, and names a wrong key or a wrong secret', async () => {
    expect((await kdig(server.port, ['-t', 'AXFR', 'xn--55qw42g'])).stdout).toMatch(/REFUSED/);
    expect((await kdig(server.port, [...y('unknown-key'), '-t', 'AXFR', 'xn--55qw42g'])).stdout).toMatch(/NOTAUTH|BADKEY/);
    const wrong = Buffer.alloc(32, 6).toString('base64');
    expect((await kdig(server.port, [...y('zhengming-xfr', wrong), '-t', 'AXFR', 'xn--55qw42g'])).stdout).toMatch(/NOTAUTH|BADSIG/);
    // Without a key configured, the address alone decides (development set-up).
    expect((await kdig(open.port, ['-t', 'AXFR', 'xn--55qw42g'])).stdout.match(/\tSOA\t/g)).toHaveLength(2);
  });

  it('answers a signed query with a signed response over UDP', async () => {
    const r = await kdig(server.port, [...y(), 'www.d7.xn--55qw42g', 'A']);
    expect(r.stdout).toMatch(/status: NOERROR/);
    expect(r.stdout).toMatch(/TSIG PSEUDOSECTION/);
    expect(r.stdout).toMatch(/www\.d7\.xn--55qw42g\.\s+600\s+IN\s+A\s+203\.119\.25\.1/);
  });

  it('sends IXFR differences from the journal, and the whole zone to a serial it no longer has', async () => {
    store.applyChanges(serial + 1, new Map([['d7.xn--55qw42g', [{ owner: 'www.d7.xn--55qw42g', type: 'A', ttl: 600, data: '192.0.2.7' }]]]));
    const r = await kdig(server.port, [...y(), `-t`, `IXFR=${serial}`, 'xn--55qw42g']);
    expect(r.status, r.stdout).toBe(0);
    const rrs = r.stdout.split('\n').filter((l) => /\tIN\t/.test(l) || /\s+IN\s+/.test(l)).filter((l) => !l.startsWith(';'));
    expect(rrs.map((l) => l.replace(/\s+/g, ' ').trim().split(' ').slice(0, 5).join(' '))).toEqual([
      `xn--55qw42g. 3600 IN SOA ns1.zhengming.example.`,
      `xn--55qw42g. 3600 IN SOA ns1.zhengming.example.`,
      'd7.xn--55qw42g. 600 IN A 203.119.25.1',
      'www.d7.xn--55qw42g. 600 IN A 203.119.25.1',
      `xn--55qw42g. 3600 IN SOA ns1.zhengming.example.`,
      'www.d7.xn--55qw42g. 600 IN A 192.0.2.7',
      `xn--55qw42g. 3600 IN SOA ns1.zhengming.example.`,
    ]);
    const full = await kdig(server.port, [...y(), `-t`, `IXFR=${serial - 5}`, 'xn--55qw42g']);
    expect(full.stdout.match(/\tSOA\t|\sIN\s+SOA\s/g)).toHaveLength(2);
    expect(full.stdout).toMatch(/5999 records|6001 records|\(\d+ messages, \d+ records\)/);
  });
});
