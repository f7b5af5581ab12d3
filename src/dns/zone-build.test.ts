import { decode } from 'dns-packet';
import { describe, expect, it } from 'vitest';
import type { ZoneScanRecord } from '../db/repositories/zone-lines.js';
import { domainWireRecords } from '../app/dns/zone-export.js';
import type { DnsRecordRow } from '../db/repositories/dns.js';
import type { DnsRecordSpec } from '../domain/dns/types.js';
import { ZoneEntryLoader } from './zone-build.js';
import { ZoneStore } from './zone-store.js';

const apex = 'xn--zfr164b';
const soa = { mname: 'ns1.example', rname: 'hostmaster.example', serial: 7, refresh: 3600, retry: 600, expire: 1209600, minimum: 300 };
const edge = { ipv4: ['203.119.25.1', '203.119.25.0'], ipv6: ['2001:dc7::1'] };

const spec = (domain: string, host: string, type: DnsRecordSpec['type'], value: string, ttl = 600, priority?: number): DnsRecordSpec => {
  const owner = host === '@' ? domain : `${host}.${domain}`;
  const common = { host, hostAce: host, owner, ttl, value, display: value };
  if (type === 'MX') return { ...common, type, priority: priority ?? 10 };
  if (type === 'URL_REDIRECT') return { ...common, type, code: 301, keepPath: false };
  return { ...common, type };
};

/** Domains covering what the build must get right: sharing, red page beside own records, RRset TTLs, duplicates, cuts. */
const domains: { ace: string; red: boolean; specs: DnsRecordSpec[] }[] = [
  { ace: `red1.${apex}`, red: true, specs: [] },
  { ace: `red2.${apex}`, red: true, specs: [] },
  { ace: `url.${apex}`, red: false, specs: [spec(`url.${apex}`, '@', 'URL_REDIRECT', 'https://a.example/'), spec(`url.${apex}`, 'www', 'URL_REDIRECT', 'https://a.example/')] },
  { ace: `own.${apex}`, red: false, specs: [spec(`own.${apex}`, '@', 'A', '192.0.2.1'), spec(`own.${apex}`, 'www', 'A', '192.0.2.1'), spec(`own.${apex}`, '@', 'MX', 'mx.example', 600, 5)] },
  { ace: `redown.${apex}`, red: true, specs: [spec(`redown.${apex}`, 'www', 'A', '192.0.2.7'), spec(`redown.${apex}`, 'mail', 'A', '192.0.2.8')] },
  {
    ace: `mixed.${apex}`,
    red: false,
    specs: [
      spec(`mixed.${apex}`, '@', 'A', '192.0.2.1', 900),
      spec(`mixed.${apex}`, '@', 'A', '192.0.2.2', 300),
      spec(`mixed.${apex}`, '@', 'A', '192.0.2.1', 900),
      spec(`mixed.${apex}`, 'txt', 'TXT', 'hello world'),
      spec(`mixed.${apex}`, 'sub', 'NS', `ns.sub.mixed.${apex}`),
      spec(`mixed.${apex}`, 'ns.sub', 'A', '192.0.2.53'),
      spec(`mixed.${apex}`, 'v6', 'AAAA', '2001:db8::1'),
      spec(`mixed.${apex}`, 'frame', 'URL_FRAME', 'https://b.example/', 120),
    ],
  },
  { ace: `quiet.${apex}`, red: false, specs: [] },
];

/** What the zone scan reads, in table order (records of one domain apart, as the database stores them). */
const rows: ZoneScanRecord[] = domains
  .flatMap((d) => d.specs.map((s, i) => ({ i, row: { domain: d.ace, owner: s.owner, type: s.type, ttl: s.ttl, value: s.value, priority: s.type === 'MX' ? s.priority : null } })))
  .sort((a, b) => a.i - b.i)
  .map((x) => x.row);
const redPage = new Set(domains.filter((d) => d.red).map((d) => d.ace));

/** The zone as the incremental path builds it: `domainWireRecords`, one record at a time. */
function perRecordStore(): ZoneStore {
  const records = domains.flatMap((d) =>
    domainWireRecords({ domain: { id: d.ace, ace: d.ace, status: 'active' }, records: d.specs.map((spec) => ({ spec }) as unknown as DnsRecordRow), redPage: d.red }, edge),
  );
  return new ZoneStore({ apex, soa, ns: ['ns1.example'], records });
}

/** The rows as the zone scan's lines (`db/repositories/zone-lines.ts`). */
const rowLines = rows.map((r) => `${r.type} ${r.ttl} ${r.priority ?? ''} ${r.domain} ${r.owner} ${r.value}`);

/** The build from exactly the rows' lines. */
function byDomainStore(): ZoneStore {
  const store = new ZoneStore({ apex, soa, ns: ['ns1.example'], records: [], expectedDomains: domains.length });
  const loader = new ZoneEntryLoader(store, edge);
  for (const line of rowLines) loader.loadLine(line);
  loader.finish(redPage);
  return store;
}

/** The same lines, and lines the build must skip. */
const lines = [
  ...rowLines,
  `A 600  out.${apex} elsewhere.${apex} 192.0.2.9`,
  `A 600  x${apex} x${apex} 192.0.2.9`,
  `SRV 600  own.${apex} own.${apex} 192.0.2.9`,
  'A 600',
];

function lineStore(): ZoneStore {
  const store = new ZoneStore({ apex, soa, ns: ['ns1.example'], records: [], expectedDomains: domains.length });
  const loader = new ZoneEntryLoader(store, edge);
  for (const line of lines) loader.loadLine(line);
  loader.finish([...redPage, ...redPage]); // a domain with two 网络红页 websites is listed twice
  return store;
}

const transferBytes = (s: ZoneStore) => Buffer.concat([...s.transferSnapshot().messages].flat()).toString('hex');

const canonical = (s: ZoneStore) => s.records().map((r) => JSON.stringify(r)).sort();

describe('the by-domain zone build', () => {
  it('holds the same RRs as the per-record path, with RRsets at their lowest TTL and duplicates once', () => {
    const a = byDomainStore();
    expect(canonical(a)).toEqual(canonical(perRecordStore()));
    expect(a.size).toBe(perRecordStore().size);
    expect(a.recordsOfDomain(`mixed.${apex}`).filter((r) => r.owner === `mixed.${apex}` && r.type === 'A')).toEqual([
      { owner: `mixed.${apex}`, type: 'A', ttl: 300, data: '192.0.2.1' },
      { owner: `mixed.${apex}`, type: 'A', ttl: 300, data: '192.0.2.2' },
    ]);
  });
  it('skips the lines it cannot publish, and a 网络红页 domain listed twice, transfer messages byte for byte', () => {
    const a = byDomainStore();
    const b = lineStore();
    expect(b.records()).toEqual(a.records());
    expect(b.size).toBe(a.size);
    expect(transferBytes(b)).toBe(transferBytes(a));
    expect(b.lookup(`www.url.${apex}`, 'A')).toEqual(a.lookup(`www.url.${apex}`, 'A'));
    expect(b.lookup(`x.sub.mixed.${apex}`, 'A')).toEqual(a.lookup(`x.sub.mixed.${apex}`, 'A'));
  });
  it('transfers exactly the zone, from the entries collected at the seal and after a change', () => {
    const a = byDomainStore();
    const transferred = (st: ZoneStore) =>
      [...st.transferSnapshot().messages]
        .flat()
        .flatMap((m) => decode(m).answers ?? [])
        .flatMap((r) => {
          if (r.type === 'OPT') return [];
          const data = r.type === 'MX' ? { preference: r.data.preference, exchange: r.data.exchange } : r.type === 'TXT' ? (r.data as Buffer[]).map(String) : r.data;
          return [JSON.stringify({ owner: r.name, type: r.type, ttl: r.ttl, data })];
        })
        .sort();
    const expected = (st: ZoneStore) =>
      st
        .records()
        .filter((r) => r.owner !== apex)
        .map((r) => JSON.stringify({ ...r, data: typeof r.data === 'string' || r.type === 'MX' ? r.data : [r.data].flat() }))
        .sort();
    expect(transferred(a)).toEqual(expected(a));
    a.applyChanges(8, new Map([[`own.${apex}`, []]]));
    expect(transferred(a)).toEqual(expected(a));
    expect(transferred(a).some((r) => r.includes(`"owner":"own.${apex}"`))).toBe(false);
  });
  it('answers lookups the same way: red page beside own records, delegation, nothing for a quiet domain', () => {
    const a = byDomainStore();
    const b = perRecordStore();
    for (const [name, type] of [
      [`red1.${apex}`, 'A'],
      [`www.red2.${apex}`, 'AAAA'],
      [`www.redown.${apex}`, 'A'],
      [`redown.${apex}`, 'A'],
      [`mail.redown.${apex}`, 'A'],
      [`x.sub.mixed.${apex}`, 'A'],
      [`frame.mixed.${apex}`, 'A'],
      [`quiet.${apex}`, 'A'],
      [`url.${apex}`, 'AAAA'],
    ] as const) {
      expect(a.lookup(name, type), `${name} ${type}`).toEqual(b.lookup(name, type));
    }
    expect(a.lookup(`www.redown.${apex}`, 'A')).toMatchObject({ kind: 'answer', records: [{ data: '192.0.2.7' }] });
    expect(a.lookup(`quiet.${apex}`, 'A')).toEqual({ kind: 'nxdomain' });
  });
  it('shares one entry among the 网络红页 and URL转发 domains that publish the same', () => {
    const a = byDomainStore();
    const snap = a.snapshot();
    const nodeOf = (owner: string) => snap.nodes.find(([o]) => o === owner)?.[1];
    expect(nodeOf(`red1.${apex}`)).toBe(nodeOf(`red2.${apex}`));
    expect(nodeOf(`red1.${apex}`)).toBe(nodeOf(`www.url.${apex}`));
  });
});
