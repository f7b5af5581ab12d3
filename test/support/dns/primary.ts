/** The hidden primary for a medium test file: zones from this file's database, served on loopback. */
import { afterAll, beforeAll } from 'vitest';
import { createZoneSource, type ZoneSource } from '../../../src/dns/source.js';
import { startDnsServer, type DnsServer } from '../../../src/dns/server.js';
import type { TestApp } from '../app.js';

export const zoneSettings = {
  mname: 'ns1.zhengming.example',
  rname: 'hostmaster.zhengming.example',
  ns: ['ns1.zhengming.example', 'ns2.zhengming.example'],
  edge: { ipv4: ['203.119.25.1'], ipv6: ['2001:dc7::1'] },
};

export interface Primary {
  source: ZoneSource;
  /** Allows transfers to 127.0.0.1. */
  server: DnsServer;
  /** The same zones, transfers allowed to 192.0.2.1 only. */
  closed: DnsServer;
}

const silent = { info: () => undefined, warn: () => undefined };

/** Starts after `prepare` (e.g. adding records through the API) has run. */
export function usePrimary(t: TestApp, prepare: () => Promise<void> = async () => undefined): Primary {
  const p = {} as Primary;
  beforeAll(async () => {
    await prepare();
    const source = await createZoneSource(t.db, zoneSettings);
    const zones = () => source.zones();
    const server = await startDnsServer({ host: '127.0.0.1', port: 0, zones, log: silent, transferAllow: ['127.0.0.1'] });
    const closed = await startDnsServer({ host: '127.0.0.1', port: 0, zones, log: silent, transferAllow: ['192.0.2.1'] });
    Object.assign(p, { source, server, closed });
  });
  afterAll(async () => {
    await p.server?.close();
    await p.closed?.close();
  });
  return p;
}
