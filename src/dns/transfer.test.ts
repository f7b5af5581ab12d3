import { decode, encode, type DecodedPacket } from 'dns-packet';
import { describe, expect, it } from 'vitest';
import type { Zone } from '../domain/dns/zone.js';
import { axfrMessages, ixfrMessages, transferAllowed } from './transfer.js';
import { ZoneStore } from './zone-store.js';

const zone: Zone = {
  apex: 'xn--55qw42g',
  soa: { mname: 'ns1.example', rname: 'hostmaster.example', serial: 2025010100, refresh: 3600, retry: 600, expire: 1209600, minimum: 300 },
  ns: ['ns1.example', 'ns2.example'],
  records: Array.from({ length: 3000 }, (_, i) => ({ owner: `d${i}.xn--55qw42g`, type: 'A' as const, ttl: 600, data: `10.0.${i >> 8}.${i & 255}` })),
};
const store = new ZoneStore(zone);
const query = (type: 'AXFR' | 'IXFR', serial?: number): DecodedPacket =>
  decode(encode({ id: 9, type: 'query', questions: [{ name: 'xn--55qw42g', type }], authorities: serial === undefined ? [] : [{ name: 'xn--55qw42g', type: 'SOA', data: { mname: 'a', rname: 'b', serial } }] }));

describe('zone transfer', () => {
  it('streams AXFR over several messages, SOA first and last, question in the first only', () => {
    const msgs = axfrMessages(query('AXFR'), store).map((b) => decode(b));
    expect(msgs.length).toBeGreaterThan(1);
    expect(msgs.every((m) => m.id === 9 && m.flag_aa && m.flag_qr)).toBe(true);
    expect(msgs[0]?.questions).toHaveLength(1);
    expect(msgs[1]?.questions).toHaveLength(0);
    const rrs = msgs.flatMap((m) => m.answers ?? []);
    expect(rrs).toHaveLength(3000 + 2 + 2);
    expect([rrs[0]?.type, rrs.at(-1)?.type]).toEqual(['SOA', 'SOA']);
  });
  it('answers IXFR from a current serial with the SOA alone, else with the whole zone', () => {
    expect(ixfrMessages(query('IXFR', 2025010100), store).map((b) => decode(b).answers?.length)).toEqual([1]);
    expect(ixfrMessages(query('IXFR', 2024123100), store).length).toBeGreaterThan(1);
  });
  it('allows transfers to listed addresses, IPv4-mapped or not', () => {
    expect(transferAllowed(['127.0.0.1'], '::ffff:127.0.0.1')).toBe(true);
    expect(transferAllowed(['192.0.2.1'], '127.0.0.1')).toBe(false);
    expect(transferAllowed([], '127.0.0.1')).toBe(false);
  });
});
