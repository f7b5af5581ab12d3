import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalNameKey, recordKey, sortCanonical, txtStrings } from './canonical.js';
import type { ZoneRecord } from './zone.js';

const r = (owner: string, type: ZoneRecord['type'], data: ZoneRecord['data'], ttl = 600): ZoneRecord => ({ owner, type, ttl, data });

describe('canonical order', () => {
  it('orders names as RFC 4034 §6.1 example does', () => {
    const names = ['z.example', 'zABC.a.EXAMPLE', '*.z.example', 'example', 'a.example', 'yljkjljk.a.example', 'Z.a.example'];
    const sorted = [...names].sort((x, y) => (canonicalNameKey(x) < canonicalNameKey(y) ? -1 : 1));
    // RFC 4034 also lists \001.z.example and \200.z.example; our names never hold such octets.
    expect(sorted).toEqual(['example', 'a.example', 'yljkjljk.a.example', 'Z.a.example', 'zABC.a.EXAMPLE', 'z.example', '*.z.example']);
  });

  it('puts a parent before its children and compares whole labels', () => {
    const sorted = sortCanonical([r('a-.x', 'A', '1.1.1.1'), r('b.a.x', 'A', '1.1.1.1'), r('a.x', 'A', '1.1.1.1')]);
    expect(sorted.map((s) => s.owner)).toEqual(['a.x', 'b.a.x', 'a-.x']);
  });

  it('orders types by number, then data (addresses numerically), then TTL', () => {
    const sorted = sortCanonical([
      r('a.x', 'AAAA', '2400::1'),
      r('a.x', 'A', '10.0.0.1'),
      r('a.x', 'A', '9.0.0.1'),
      r('a.x', 'TXT', ['b']),
      r('a.x', 'MX', { preference: 20, exchange: 'a.mx' }),
      r('a.x', 'MX', { preference: 5, exchange: 'z.mx' }),
      r('a.x', 'A', '9.0.0.1', 60),
      r('a.x', 'NS', 'ns.x'),
    ]);
    expect(sorted.map((s) => `${s.type} ${JSON.stringify(s.data)} ${s.ttl}`)).toEqual([
      'A "9.0.0.1" 60',
      'A "9.0.0.1" 600',
      'A "10.0.0.1" 600',
      'NS "ns.x" 600',
      'MX {"preference":5,"exchange":"z.mx"} 600',
      'MX {"preference":20,"exchange":"a.mx"} 600',
      'TXT ["b"] 600',
      'AAAA "2400::1" 600',
    ]);
  });

  it('gives equal keys to the same RR regardless of name case or a plain TXT string', () => {
    expect(recordKey(r('A.X', 'TXT', 'hi'))).toBe(recordKey(r('a.x.', 'TXT', ['hi'])));
    expect(recordKey(r('a.x', 'A', '1.1.1.1'))).not.toBe(recordKey(r('a.x', 'A', '1.1.1.1', 60)));
    expect(txtStrings('x'.repeat(300))).toHaveLength(2);
  });

  it('property: large inputs (grouped by owner) sort exactly as by record key', () => {
    const record = fc.record({
      owner: fc.constantFrom('x', 'A.x', 'a.x.', 'b.a.x', 'a-.x', '*.a.x', 'www.b.x', 'b.x'),
      type: fc.constantFrom('A' as const, 'AAAA' as const, 'TXT' as const, 'NS' as const),
      ttl: fc.constantFrom(60, 600),
      data: fc.constantFrom('1.1.1.1', '10.0.0.1', '9.0.0.1', '2400::1'),
    });
    fc.assert(
      fc.property(fc.array(record, { minLength: 65, maxLength: 200 }), (records) => {
        const byKey = [...records].sort((a, b) => (recordKey(a) < recordKey(b) ? -1 : recordKey(a) > recordKey(b) ? 1 : 0));
        expect(sortCanonical(records).map(recordKey)).toEqual(byKey.map(recordKey));
      }),
      { numRuns: 50 },
    );
  });
});
