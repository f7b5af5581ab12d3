import { describe, expect, it } from 'vitest';
import { validateRecord, type DnsRecordInput } from './records.js';
import { urlForwardPair } from './url-forward.js';
import { sortCanonical } from './canonical.js';
import { redPageRecords, toWireRecords, toWireRecordsUnordered, type Edge } from './zone.js';

const apex = { unicode: '国务院.政务', ace: 'xn--zfr54hdx6e.xn--zfr164b' };
const D = apex.ace;
const edge: Edge = { ipv4: ['101.0.0.1', '101.0.0.2'], ipv6: ['2400:3200::80'] };
const spec = (input: DnsRecordInput) => validateRecord(input, apex);

describe('toWireRecords', () => {
  it('expands each type into its RR, in canonical order', () => {
    const specs = [
      spec({ host: '邮件', type: 'A', value: '1.2.3.4' }),
      spec({ host: '邮件', type: 'AAAA', value: '2400:3200::1' }),
      spec({ host: '@', type: 'MX', value: '邮件.国务院.政务', priority: 10 }),
      spec({ host: '@', type: 'TXT', value: 'v=spf1 -all', ttl: 3600 }),
      spec({ host: 'oa', type: 'CNAME', value: 'oa.example.cn' }),
      spec({ host: 'sub', type: 'NS', value: 'ns1.example.cn' }),
    ];
    expect(toWireRecords(D, specs, edge)).toEqual([
      { owner: D, type: 'MX', ttl: 600, data: { preference: 10, exchange: `xn--5nq051n.${D}` } },
      { owner: D, type: 'TXT', ttl: 3600, data: ['v=spf1 -all'] },
      { owner: `oa.${D}`, type: 'CNAME', ttl: 600, data: 'oa.example.cn' },
      { owner: `sub.${D}`, type: 'NS', ttl: 600, data: 'ns1.example.cn' },
      { owner: `xn--5nq051n.${D}`, type: 'A', ttl: 600, data: '1.2.3.4' },
      { owner: `xn--5nq051n.${D}`, type: 'AAAA', ttl: 600, data: '2400:3200::1' },
    ]);
  });

  it('answers both halves of a URL转发 pair with the edge’s addresses', () => {
    const pair = urlForwardPair(spec({ host: '@', type: 'URL_REDIRECT', value: 'www.example.gov.cn', ttl: 300 }));
    expect(toWireRecords(D, pair, edge)).toEqual([
      { owner: D, type: 'A', ttl: 300, data: '101.0.0.1' },
      { owner: D, type: 'A', ttl: 300, data: '101.0.0.2' },
      { owner: D, type: 'AAAA', ttl: 300, data: '2400:3200::80' },
      { owner: `www.${D}`, type: 'A', ttl: 300, data: '101.0.0.1' },
      { owner: `www.${D}`, type: 'A', ttl: 300, data: '101.0.0.2' },
      { owner: `www.${D}`, type: 'AAAA', ttl: 300, data: '2400:3200::80' },
    ]);
    const frame = spec({ host: 'old', type: 'URL_FRAME', value: 'https://a.gov.cn' });
    expect(toWireRecords(D, [frame], { ipv4: ['101.0.0.1'], ipv6: [] })).toEqual([
      { owner: `old.${D}`, type: 'A', ttl: 600, data: '101.0.0.1' },
    ]);
  });

  it('splits a long TXT into 255-octet character-strings', () => {
    const [txt] = toWireRecords(D, [spec({ host: '@', type: 'TXT', value: '政'.repeat(100) })], edge);
    expect(txt?.data).toEqual(['政'.repeat(85), '政'.repeat(15)]);
  });

  it('gives each RRset its lowest TTL and drops identical RRs', () => {
    const records = toWireRecords(
      D,
      [
        spec({ host: 'a', type: 'A', value: '1.2.3.4', ttl: 3600 }),
        spec({ host: 'a', type: 'A', value: '1.2.3.5', ttl: 120 }),
        spec({ host: 'a', type: 'A', value: '1.2.3.5', ttl: 120 }),
        spec({ host: 'a', type: 'TXT', value: 'x', ttl: 3600 }),
      ],
      edge,
    );
    expect(records.map((r) => `${r.type} ${String(r.data)} ${r.ttl}`)).toEqual(['A 1.2.3.4 120', 'A 1.2.3.5 120', 'TXT x 3600']);
  });

  it('refuses a spec of another domain', () => {
    const other = validateRecord({ host: 'a', type: 'A', value: '1.2.3.4' }, { unicode: '民政部.政务', ace: 'xn--5bvs5mo08a.xn--zfr164b' });
    expect(() => toWireRecords(D, [other], edge)).toThrow(/outside/);
  });
});

describe('toWireRecordsUnordered', () => {
  it('gives the same RRs as toWireRecords (TTLs harmonised, duplicates dropped), unsorted', () => {
    const specs = [
      spec({ host: 'a', type: 'A', value: '1.2.3.4', ttl: 3600 }),
      spec({ host: 'a', type: 'A', value: '1.2.3.5', ttl: 120 }),
      spec({ host: 'a', type: 'A', value: '1.2.3.5', ttl: 120 }),
      spec({ host: '邮件', type: 'AAAA', value: '2400:3200::1' }),
      spec({ host: '@', type: 'MX', value: '邮件.国务院.政务', priority: 10 }),
      spec({ host: '@', type: 'TXT', value: '政'.repeat(100) }),
      ...urlForwardPair(spec({ host: '@', type: 'URL_REDIRECT', value: 'https://www.gov.cn' })),
    ];
    const unordered = toWireRecordsUnordered(D, specs, edge);
    expect(unordered).toHaveLength(toWireRecords(D, specs, edge).length);
    expect(sortCanonical(unordered)).toEqual(toWireRecords(D, specs, edge));
    const other = validateRecord({ host: 'a', type: 'A', value: '1.2.3.4' }, { unicode: '民政部.政务', ace: 'xn--5bvs5mo08a.xn--zfr164b' });
    expect(() => toWireRecordsUnordered(D, [other], edge)).toThrow(/outside/);
  });
});

describe('redPageRecords', () => {
  it('answers @ and www with the edge’s addresses', () => {
    expect(redPageRecords(D, { ipv4: ['101.0.0.1'], ipv6: ['2400:3200::80'] })).toEqual([
      { owner: D, type: 'A', ttl: 600, data: '101.0.0.1' },
      { owner: D, type: 'AAAA', ttl: 600, data: '2400:3200::80' },
      { owner: `www.${D}`, type: 'A', ttl: 600, data: '101.0.0.1' },
      { owner: `www.${D}`, type: 'AAAA', ttl: 600, data: '2400:3200::80' },
    ]);
    expect(redPageRecords(D, { ipv4: ['101.0.0.1'], ipv6: [] }, 3600).map((r) => r.ttl)).toEqual([3600, 3600]);
  });

  it('lists the edge’s addresses in numeric order, once each', () => {
    const records = redPageRecords(D, { ipv4: ['101.0.0.10', '9.9.9.9', '101.0.0.10'], ipv6: [] });
    expect(records.map((r) => `${r.owner === D ? '@' : 'www'} ${String(r.data)}`)).toEqual([
      '@ 9.9.9.9', '@ 101.0.0.10', 'www 9.9.9.9', 'www 101.0.0.10',
    ]);
  });
});
