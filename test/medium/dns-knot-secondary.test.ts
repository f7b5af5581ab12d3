/**
 * The acceptance test: a real Knot DNS secondary of both TLD zones, fed by the hidden
 * primary with TSIG, first by AXFR, then — after a record changed through the API — by NOTIFY
 * and IXFR, answering the change within 2 seconds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrimary, type Primary } from '../../src/dns/primary.js';
import { parseTsigKey } from '../../src/dns/tsig.js';
import { useTestApp } from '../support/app.js';
import { useDemoWorld } from '../support/demo-world.js';
import { kdig, kdigPath } from '../support/dns/client.js';
import { freePort, knotdPath, startKnotSecondary, type KnotSecondary } from '../support/dns/knot.js';
import { zoneSettings } from '../support/dns/primary.js';

const t = useTestApp();
const w = useDemoWorld(t);
const ci = process.env.CI === 'true';
const missing = knotdPath === null || kdigPath === null;
if (missing && ci) throw new Error('knotd (Debian knot) and kdig (knot-dnsutils) are required in CI');
const key = parseTsigKey(`zhengming-xfr:hmac-sha256:${Buffer.alloc(32, 42).toString('base64')}`);
/** What the primary logged: transfers name the TSIG key that signed them. */
const primaryLog: object[] = [];
const capture = { info: (o: object, msg?: string) => void primaryLog.push({ ...o, msg, at: Date.now() }), warn: (o: object, msg?: string) => void primaryLog.push({ ...o, msg, at: Date.now() }) };

let primary: Primary;
let knot: KnotSecondary;
let domainId = '';
let ace = '';

const waitFor = async (what: () => Promise<boolean>, ms: number): Promise<number> => {
  const start = Date.now();
  while (!(await what())) {
    if (Date.now() - start > ms) return Number.POSITIVE_INFINITY;
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - start;
};
const knotAnswer = async (name: string, type: string) => (await kdig(knot.port, ['+short', '+norec', name, type])).stdout.trim();

describe.runIf(!missing)('a Knot DNS secondary of the hidden primary', () => {
  beforeAll(async () => {
    const handler = await w.as('jbr.nbjyj');
    const domain = (await handler.get('/api/domains')).body.items[0];
    domainId = domain.id;
    ace = domain.ace;
    expect((await handler.post(`/api/domains/${domainId}/records`, { host: 'mail', type: 'A', value: '60.190.80.13' })).status).toBe(201);
    const knotPort = await freePort();
    primary = await startPrimary({
      db: t.db,
      settings: zoneSettings,
      host: '127.0.0.1',
      port: 0,
      transferAllow: ['127.0.0.1'],
      tsigKey: key,
      notify: [{ host: '127.0.0.1', port: knotPort }],
      pollMs: 50,
      log: capture,
    });
    knot = await startKnotSecondary({ primaryPort: primary.server.port, zones: ['xn--zfr164b', 'xn--55qw42g'], key, port: knotPort });
  }, 30_000);
  afterAll(async () => {
    await knot?.stop();
    await primary?.close();
  });

  it('answers a Chinese domain’s records after its first transfer (AXFR, signed)', async () => {
    expect(await waitFor(async () => (await knotAnswer(`mail.${ace}`, 'A')) === '60.190.80.13', 10_000)).toBeLessThan(10_000);
    expect(knot.log()).toMatch(/\[xn--zfr164b\.\] AXFR, incoming, remote 127\.0\.0\.1@\d+, finished/);
    expect(knot.log()).toMatch(/\[xn--55qw42g\.\] AXFR, incoming, remote 127\.0\.0\.1@\d+, finished/);
    const serial = primary.source.zones().get('xn--zfr164b')?.serial;
    expect((await kdig(knot.port, ['+short', 'xn--zfr164b', 'SOA'])).stdout).toContain(` ${serial} `);
  });

  it('serves a record changed through the API within 2 seconds, transferred by IXFR', async () => {
    const handler = await w.as('jbr.nbjyj');
    const before = primary.source.zones().get('xn--zfr164b')?.serial ?? 0;
    expect((await handler.post(`/api/domains/${domainId}/records`, { host: 'ixfr', type: 'AAAA', value: '240e:1:2::99' })).status).toBe(201);
    // The change is committed when the API answers: from then on it must reach Knot within 2 s.
    const changedAt = Date.now();
    const took = await waitFor(async () => (await knotAnswer(`ixfr.${ace}`, 'AAAA')) === '240e:1:2::99', 2000);
    const timeline = JSON.stringify(primaryLog.map((e) => ({ ...e, at: (e as { at: number }).at - changedAt })).slice(-8));
    expect(took, `${timeline}\n${knot.log()}`).toBeLessThanOrEqual(2000);
    const after = primary.source.zones().get('xn--zfr164b')?.serial ?? 0;
    expect(after).not.toBe(before);
    const log = knot.log();
    expect(log).toMatch(new RegExp(`\\[xn--zfr164b\\.\\] notify, incoming, remote 127\\.0\\.0\\.1@\\d+, serial ${after}`));
    expect(log).toMatch(new RegExp(`\\[xn--zfr164b\\.\\] IXFR, incoming, remote 127\\.0\\.0\\.1@\\d+, started`));
    expect(log).toMatch(new RegExp(`\\[xn--zfr164b\\.\\] refresh, remote 127\\.0\\.0\\.1@\\d+, zone updated, [\\d.]+ seconds, serial ${before} -> ${after}`));
    expect(log).toMatch(/\[xn--zfr164b\.\] IXFR, incoming, remote 127\.0\.0\.1@\d+, finished/);
    expect(log).not.toMatch(/fallback to AXFR/);
    expect(primaryLog).toContainEqual(expect.objectContaining({ zone: 'xn--zfr164b', type: 'IXFR', kind: 'incremental', key: 'zhengming-xfr' }));
    // Deleting works the same way.
    const records = (await handler.get(`/api/domains/${domainId}/records`)).body.records as { id: string; host: string }[];
    const mail = records.find((r) => r.host === 'mail');
    expect((await handler.post(`/api/domains/${domainId}/records/delete`, { ids: [mail?.id] })).status).toBeLessThan(300);
    expect(await waitFor(async () => (await knotAnswer(`mail.${ace}`, 'A')) === '', 2000)).toBeLessThanOrEqual(2000);
  });
});
