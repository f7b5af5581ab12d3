import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffZones } from './diff.js';
import { validateRecord } from './records.js';
import { urlForwardPair } from './url-forward.js';
import { redPageRecords, toWireRecords, type ZoneRecord } from './zone.js';

const apex = { unicode: '国务院.政务', ace: 'xn--zfr54hdx6e.xn--zfr164b' };
const D = apex.ace;
const edge = { ipv4: ['101.0.0.1'], ipv6: ['2400:3200::80'] };
const mx: ZoneRecord = { owner: D, type: 'MX', ttl: 600, data: { preference: 10, exchange: `mx.${D}` } };

describe('diffZones', () => {
  it('is empty for equal record sets, whatever their order', () => {
    const records = [...redPageRecords(D, edge), mx];
    expect(diffZones(records, [...records].reverse())).toEqual({ removed: [], added: [] });
  });

  it('holds the 自建网站 change: red-page records out, URL转发 pair in (edge addresses, so only what differs)', () => {
    const before = [...redPageRecords(D, edge), mx];
    const pair = urlForwardPair(validateRecord({ host: '@', type: 'URL_REDIRECT', value: 'www.example.gov.cn', ttl: 300 }, apex));
    const after = [...toWireRecords(D, pair, edge), mx];
    const diff = diffZones(before, after);
    expect(diff.removed.map((r) => `${r.owner} ${r.type} ${r.ttl}`)).toEqual([
      `${D} A 600`, `${D} AAAA 600`, `www.${D} A 600`, `www.${D} AAAA 600`,
    ]);
    expect(diff.added.map((r) => `${r.owner} ${r.type} ${r.ttl}`)).toEqual([
      `${D} A 300`, `${D} AAAA 300`, `www.${D} A 300`, `www.${D} AAAA 300`,
    ]);
  });

  it('lists removals and additions in canonical order', () => {
    const a = (owner: string, ip: string): ZoneRecord => ({ owner, type: 'A', ttl: 600, data: ip });
    const diff = diffZones([a(`z.${D}`, '1.1.1.1'), a(D, '1.1.1.1')], [a(`b.${D}`, '2.2.2.2'), a(`a.${D}`, '1.1.1.1')]);
    expect(diff.removed.map((r) => r.owner)).toEqual([D, `z.${D}`]);
    expect(diff.added.map((r) => r.owner)).toEqual([`a.${D}`, `b.${D}`]);
  });

  it('treats a TXT string and its character-strings as the same RR, and duplicates one by one', () => {
    const txt: ZoneRecord = { owner: D, type: 'TXT', ttl: 600, data: 'hello' };
    expect(diffZones([txt], [{ ...txt, data: ['hello'] }])).toEqual({ removed: [], added: [] });
    expect(diffZones([mx, mx], [mx])).toEqual({ removed: [mx], added: [] });
  });

  it('property: applying the diff to before gives after (as multisets)', () => {
    const record = fc.record({
      owner: fc.constantFrom(D, `www.${D}`, `a.${D}`),
      type: fc.constant('A' as const),
      ttl: fc.constantFrom(60, 600),
      data: fc.constantFrom('1.1.1.1', '2.2.2.2', '3.3.3.3'),
    });
    const key = (r: ZoneRecord) => JSON.stringify([r.owner, r.type, r.ttl, r.data]);
    fc.assert(
      fc.property(fc.array(record, { maxLength: 12 }), fc.array(record, { maxLength: 12 }), (before, after) => {
        const { removed, added } = diffZones(before, after);
        const result: ZoneRecord[] = [...before];
        for (const r of removed) result.splice(result.findIndex((x) => key(x) === key(r)), 1);
        result.push(...added);
        expect(result.map(key).sort()).toEqual(after.map(key).sort());
      }),
    );
  });
});
