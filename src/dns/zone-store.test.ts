import { describe, expect, it } from 'vitest';
import type { Zone } from '../domain/dns/zone.js';
import { ZoneStore } from './zone-store.js';

const zone: Zone = {
  apex: 'xn--zfr164b',
  soa: { mname: 'ns1.example', rname: 'hostmaster.example', serial: 7, refresh: 3600, retry: 600, expire: 1209600, minimum: 300 },
  ns: ['ns1.example'],
  records: [
    { owner: 'xn--abc.xn--zfr164b', type: 'A', ttl: 600, data: '192.0.2.1' },
    { owner: 'xn--abc.xn--zfr164b', type: 'MX', ttl: 600, data: { preference: 5, exchange: 'mx.example' } },
    { owner: 'www.xn--abc.xn--zfr164b', type: 'CNAME', ttl: 600, data: 'xn--abc.xn--zfr164b' },
    { owner: 'a.b.xn--abc.xn--zfr164b', type: 'TXT', ttl: 600, data: ['deep'] },
    { owner: '*.w.xn--abc.xn--zfr164b', type: 'A', ttl: 600, data: '192.0.2.9' },
    { owner: 'sub.xn--abc.xn--zfr164b', type: 'NS', ttl: 600, data: 'ns.sub.xn--abc.xn--zfr164b' },
    { owner: 'ns.sub.xn--abc.xn--zfr164b', type: 'A', ttl: 600, data: '192.0.2.53' },
    { owner: 'outside.example', type: 'A', ttl: 600, data: '192.0.2.2' },
  ],
};
const store = new ZoneStore(zone);

describe('ZoneStore', () => {
  it('answers exact matches case-insensitively, keeping the query spelling', () => {
    const r = store.lookup('XN--ABC.xn--zfr164b.', 'A');
    expect(r).toMatchObject({ kind: 'answer', wildcard: false, records: [{ owner: 'XN--ABC.xn--zfr164b', data: '192.0.2.1' }] });
    expect(store.lookup('xn--zfr164b', 'NS')).toMatchObject({ kind: 'answer', records: [{ data: 'ns1.example' }] });
  });
  it('tells NODATA (other types, empty non-terminal) from NXDOMAIN', () => {
    expect(store.lookup('xn--abc.xn--zfr164b', 'AAAA')).toEqual({ kind: 'nodata' });
    expect(store.lookup('b.xn--abc.xn--zfr164b', 'A')).toEqual({ kind: 'nodata' });
    expect(store.lookup('nope.xn--abc.xn--zfr164b', 'A')).toEqual({ kind: 'nxdomain' });
    expect(store.lookup('outside.example', 'A')).toEqual({ kind: 'nxdomain' });
  });
  it('returns the CNAME for other types, the record itself for CNAME', () => {
    expect(store.lookup('www.xn--abc.xn--zfr164b', 'A')).toMatchObject({ kind: 'cname', target: 'xn--abc.xn--zfr164b' });
    expect(store.lookup('www.xn--abc.xn--zfr164b', 'CNAME')).toMatchObject({ kind: 'answer' });
  });
  it('synthesises from the closest encloser’s wildcard only', () => {
    expect(store.lookup('x.y.w.xn--abc.xn--zfr164b', 'A')).toMatchObject({ kind: 'answer', wildcard: true, records: [{ owner: 'x.y.w.xn--abc.xn--zfr164b', data: '192.0.2.9' }] });
    expect(store.lookup('q.w.xn--abc.xn--zfr164b', 'TXT')).toEqual({ kind: 'nodata' });
    // b.xn--abc exists (empty non-terminal), so its missing children are NXDOMAIN, not the wildcard.
    expect(store.lookup('z.b.xn--abc.xn--zfr164b', 'A')).toEqual({ kind: 'nxdomain' });
  });
  it('refers at and below a delegation cut, with glue', () => {
    for (const q of ['sub.xn--abc.xn--zfr164b', 'deep.sub.xn--abc.xn--zfr164b', 'ns.sub.xn--abc.xn--zfr164b']) {
      expect(store.lookup(q, 'A')).toMatchObject({ kind: 'referral', cut: 'sub.xn--abc.xn--zfr164b', ns: [{ data: 'ns.sub.xn--abc.xn--zfr164b' }], glue: [{ data: '192.0.2.53' }] });
    }
    expect(store.lookup('sub.xn--abc.xn--zfr164b', 'DS')).toEqual({ kind: 'nodata' });
  });
  it('lists the zone’s records for transfer', () => {
    expect(store.records()).toHaveLength(zone.records.length) // apex NS in, out-of-zone record out;
    expect(store.contains('X.XN--ZFR164B.')).toBe(true);
    expect(store.contains('xn--55qw42g')).toBe(false);
  });
  it('replaces one domain’s records in place, with names, cuts and the journal kept right', () => {
    const z = new ZoneStore(zone);
    const d = 'xn--abc.xn--zfr164b';
    expect(z.recordsOfDomain(d)).toHaveLength(7);
    const diff = z.applyChanges(8, new Map([[d, [{ owner: `www.${d}`, type: 'A', ttl: 600, data: '192.0.2.80' }]]]));
    expect(diff.removed).toHaveLength(7);
    expect(diff.added).toEqual([{ owner: `www.${d}`, type: 'A', ttl: 600, data: '192.0.2.80' }]);
    expect(z.serial).toBe(8);
    // The domain itself is now an empty non-terminal; the old names, cut and wildcard are gone.
    expect(z.lookup(d, 'A')).toEqual({ kind: 'nodata' });
    expect(z.lookup(`www.${d}`, 'A')).toMatchObject({ kind: 'answer', records: [{ data: '192.0.2.80' }] });
    expect(z.lookup(`b.${d}`, 'A')).toEqual({ kind: 'nxdomain' });
    expect(z.lookup(`deep.sub.${d}`, 'A')).toEqual({ kind: 'nxdomain' });
    expect(z.lookup(`x.w.${d}`, 'A')).toEqual({ kind: 'nxdomain' });
    expect(z.journalFrom(7)).toMatchObject([{ from: 7, to: 8 }]);
    expect(z.journalFrom(6)).toBeNull();
    // Removing the last record removes the name; the zone apex still exists.
    z.applyChanges(9, new Map([[d, []]]));
    expect(z.lookup(d, 'A')).toEqual({ kind: 'nxdomain' });
    expect(z.lookup('xn--zfr164b', 'NS')).toMatchObject({ kind: 'answer' });
    expect(z.size).toBe(0);
    // Records outside the named domain are ignored (a caller's mistake cannot touch another domain).
    z.applyChanges(10, new Map([[d, [{ owner: 'other.xn--zfr164b', type: 'A', ttl: 600, data: '192.0.2.1' }]]]));
    expect(z.lookup('other.xn--zfr164b', 'A')).toEqual({ kind: 'nxdomain' });
  });
  it('keeps a transfer’s snapshot unchanged while updates go on', () => {
    const z = new ZoneStore(zone);
    const snap = z.snapshot();
    z.applyChanges(8, new Map([['xn--abc.xn--zfr164b', []]]));
    expect(snap.soa.serial).toBe(7);
    expect(snap.nodes.flatMap(([, n]) => n)).toHaveLength(7);
    expect(z.snapshot().nodes).toHaveLength(0);
  });
});
