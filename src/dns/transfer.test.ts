import { decode, encode, type Answer, type DecodedPacket } from 'dns-packet';
import { describe, expect, it } from 'vitest';
import type { Zone, ZoneRecord } from '../domain/dns/zone.js';
import { axfrMessages, ixfrKind, ixfrMessages, transferAllowed } from './transfer.js';
import { joined, type Outgoing } from './wire.js';
import { ZoneStore } from './zone-store.js';

const soa = { mname: 'ns1.example', rname: 'hostmaster.example', serial: 2025010100, refresh: 3600, retry: 600, expire: 1209600, minimum: 300 };
const zone: Zone = {
  apex: 'xn--55qw42g',
  soa,
  ns: ['ns1.example', 'ns2.example'],
  records: Array.from({ length: 3000 }, (_, i) => ({ owner: `d${i}.xn--55qw42g`, type: 'A' as const, ttl: 600, data: `10.0.${i >> 8}.${i & 255}` })),
};
const query = (type: 'AXFR' | 'IXFR', serial?: number): DecodedPacket =>
  decode(encode({ id: 9, type: 'query', questions: [{ name: 'xn--55qw42g', type }], authorities: serial === undefined ? [] : [{ name: 'xn--55qw42g', type: 'SOA', data: { mname: 'a', rname: 'b', serial } }] }));
const decodeAll = (msgs: Iterable<Outgoing>) => [...msgs].map((m) => decode(joined(m)));
const rrsOf = (msgs: Iterable<Outgoing>) => decodeAll(msgs).flatMap((m) => m.answers ?? []);
const show = (a: Answer) => `${a.name} ${a.type} ${a.type === 'SOA' ? a.data.serial : 'data' in a ? String(a.data) : ''}`;

describe('zone transfer', () => {
  it('streams AXFR over several messages, SOA first and last, question in the first only', () => {
    const store = new ZoneStore(zone);
    const msgs = decodeAll(axfrMessages(query('AXFR'), store));
    expect(msgs.length).toBeGreaterThan(1);
    expect(msgs.every((m) => m.id === 9 && m.flag_aa && m.flag_qr)).toBe(true);
    expect(msgs[0]?.questions).toEqual([expect.objectContaining({ name: 'xn--55qw42g', type: 'AXFR' })]);
    expect(msgs[1]?.questions).toHaveLength(0);
    const rrs = msgs.flatMap((m) => m.answers ?? []);
    expect(rrs).toHaveLength(3000 + 2 + 2);
    expect([rrs[0]?.type, rrs.at(-1)?.type]).toEqual(['SOA', 'SOA']);
    expect(new Set(rrs.filter((r) => r.type === "A").map(show))).toEqual(new Set(zone.records.map((r) => `${r.owner} A ${String(r.data)}`)));
  });

  it('sends every RR of domains with several names, their owners compressed against each other', () => {
    const d = (i: number) => `d${i}.xn--55qw42g`;
    const records: ZoneRecord[] = Array.from({ length: 2000 }, (_, i): ZoneRecord[] => [
      { owner: `www.${d(i)}`, type: 'A', ttl: 600, data: `10.1.${i >> 8}.${i & 255}` },
      { owner: d(i), type: 'A', ttl: 600, data: `10.1.${i >> 8}.${i & 255}` },
      { owner: d(i), type: 'AAAA', ttl: 600, data: '2001:dc7::1' },
      { owner: `www.${d(i)}`, type: 'AAAA', ttl: 600, data: '2001:dc7::1' },
      { owner: d(i), type: 'MX', ttl: 600, data: { preference: 10, exchange: 'mx.example.cn' } },
      { owner: `a.b.${d(i)}`, type: 'TXT', ttl: 300, data: [`t${i}`] },
      { owner: `*.w.${d(i)}`, type: 'CNAME', ttl: 600, data: d(i) },
    ]).flat();
    const store = new ZoneStore({ ...zone, records });
    const show = (a: Answer) => `${a.name} ${a.type} ${'ttl' in a ? a.ttl : ''} ${JSON.stringify('data' in a ? (Array.isArray(a.data) ? a.data.map(String) : a.data) : null)}`;
    const sent = rrsOf(axfrMessages(query('AXFR'), store)).filter((a) => a.type !== 'SOA' && a.type !== 'NS');
    const want = store.records().filter((r) => r.type !== 'NS').map((r) => show({ name: r.owner, type: r.type, ttl: r.ttl, data: r.type === 'MX' ? r.data : r.type === 'TXT' ? r.data : r.data } as Answer));
    expect(sent.map(show).sort()).toEqual(want.sort());
    expect(sent).toHaveLength(records.length);
  });

  it('sends domains sharing one entry (the edge at @ and www) from one template, names and pointers right', () => {
    const d = (i: number) => `d${i}.xn--55qw42g`;
    const shapes = (i: number): ZoneRecord[] =>
      i % 2 === 0
        ? [
            { owner: d(i), type: 'A', ttl: 600, data: '203.119.25.1' },
            { owner: d(i), type: 'AAAA', ttl: 600, data: '2001:dc7::1' },
            { owner: `www.${d(i)}`, type: 'A', ttl: 600, data: '203.119.25.1' },
            { owner: `www.${d(i)}`, type: 'AAAA', ttl: 600, data: '2001:dc7::1' },
          ]
        : [
            { owner: `www.${d(i)}`, type: 'A', ttl: 600, data: '203.119.25.1' },
            { owner: `a.b.${d(i)}`, type: 'TXT', ttl: 300, data: ['same'] },
            { owner: `a.b.${d(i)}`, type: 'A', ttl: 300, data: '192.0.2.1' },
            { owner: d(i), type: 'TXT', ttl: 300, data: ['apex'] },
          ];
    const records = Array.from({ length: 3000 }, (_, i) => shapes(i)).flat();
    const store = new ZoneStore({ ...zone, records });
    const show = (a: Answer) => `${a.name} ${a.type} ${'ttl' in a ? a.ttl : ''} ${JSON.stringify('data' in a ? (Array.isArray(a.data) ? a.data.map(String) : a.data) : null)}`;
    for (let round = 0; round < 2; round++) {
      const sent = rrsOf(axfrMessages(query('AXFR'), store)).filter((a) => a.type !== 'SOA' && a.type !== 'NS');
      expect(sent.map(show).sort()).toEqual(records.map((r) => show({ name: r.owner, type: r.type, ttl: r.ttl, data: r.data } as Answer)).sort());
    }
  });

  it('gives each transfer its own id in every message, the cached bodies untouched between transfers', () => {
    const store = new ZoneStore(zone);
    const ask = (id: number) => [...axfrMessages(decode(encode({ id, type: 'query', questions: [{ name: 'xn--55qw42g', type: 'AXFR' }] })), store)].map(joined);
    const first = ask(9);
    const second = ask(10);
    expect(first.map((m) => m.readUInt16BE(0))).toEqual(first.map(() => 9));
    expect(second.map((m) => m.readUInt16BE(0))).toEqual(second.map(() => 10));
    expect(second.map((m) => m.subarray(2).toString('hex'))).toEqual(first.map((m) => m.subarray(2).toString('hex')));
    expect(ask(9).map((m) => m.toString('hex'))).toEqual(first.map((m) => m.toString('hex')));
  });

  it('streams the zone as it was when the transfer began, while changes go on', () => {
    const store = new ZoneStore(zone);
    const it = axfrMessages(query('AXFR'), store)[Symbol.iterator]();
    const first = it.next().value as Outgoing;
    store.applyChanges(soa.serial + 1, new Map([['d5.xn--55qw42g', [{ owner: 'd5.xn--55qw42g', type: 'A', ttl: 600, data: '192.0.2.5' }]]]));
    const rest: Outgoing[] = [];
    for (let r = it.next(); r.done !== true; r = it.next()) rest.push(r.value);
    const rrs = rrsOf([first, ...rest]);
    expect(rrs.filter((a) => a.name === 'd5.xn--55qw42g').map(show)).toEqual(['d5.xn--55qw42g A 10.0.0.5']);
    expect(rrs.filter((a) => a.type === 'SOA').map(show)).toEqual([`xn--55qw42g SOA ${soa.serial}`, `xn--55qw42g SOA ${soa.serial}`]);
    // The next transfer has the change.
    expect(rrsOf(axfrMessages(query('AXFR'), store)).filter((a) => a.name === 'd5.xn--55qw42g').map(show)).toEqual(['d5.xn--55qw42g A 192.0.2.5']);
  });

  it('answers IXFR from a current serial with the SOA alone, from an unknown one with the whole zone', () => {
    const store = new ZoneStore(zone);
    expect(ixfrKind(query('IXFR', soa.serial), store)).toBe('current');
    expect(rrsOf(ixfrMessages(query('IXFR', soa.serial), store)).map(show)).toEqual([`xn--55qw42g SOA ${soa.serial}`]);
    expect(ixfrKind(query('IXFR', 2024123100), store)).toBe('full');
    expect(rrsOf(ixfrMessages(query('IXFR', 2024123100), store))).toHaveLength(3004);
  });

  it('answers IXFR from the journal: each step as old SOA, removals, new SOA, additions (RFC 1995 §4)', () => {
    const store = new ZoneStore(zone);
    const a = (owner: string, data: string): ZoneRecord => ({ owner, type: 'A', ttl: 600, data });
    store.applyChanges(soa.serial + 1, new Map([['d1.xn--55qw42g', [a('d1.xn--55qw42g', '192.0.2.1')]]]));
    store.applyChanges(soa.serial + 2, new Map([['d2.xn--55qw42g', []], ['new.xn--55qw42g', [a('www.new.xn--55qw42g', '192.0.2.7')]]]));
    expect(ixfrKind(query('IXFR', soa.serial), store)).toBe('incremental');
    expect(rrsOf(ixfrMessages(query('IXFR', soa.serial), store)).map(show)).toEqual([
      `xn--55qw42g SOA ${soa.serial + 2}`,
      `xn--55qw42g SOA ${soa.serial}`,
      'd1.xn--55qw42g A 10.0.0.1',
      `xn--55qw42g SOA ${soa.serial + 1}`,
      'd1.xn--55qw42g A 192.0.2.1',
      `xn--55qw42g SOA ${soa.serial + 1}`,
      'd2.xn--55qw42g A 10.0.0.2',
      `xn--55qw42g SOA ${soa.serial + 2}`,
      'www.new.xn--55qw42g A 192.0.2.7',
      `xn--55qw42g SOA ${soa.serial + 2}`,
    ]);
    // From the middle of the journal: the last step only.
    expect(rrsOf(ixfrMessages(query('IXFR', soa.serial + 1), store))).toHaveLength(6);
  });

  it('falls back to the whole zone when the journal no longer reaches the client’s serial', () => {
    const store = new ZoneStore(zone, { entries: 2, records: 1000 });
    for (let i = 1; i <= 3; i++) store.applyChanges(soa.serial + i, new Map([[`d${i}.xn--55qw42g`, []]]));
    expect(ixfrKind(query('IXFR', soa.serial), store)).toBe('full');
    expect(ixfrKind(query('IXFR', soa.serial + 1), store)).toBe('incremental');
    expect(rrsOf(ixfrMessages(query('IXFR', soa.serial), store))).toHaveLength(3000 - 3 + 4);
  });

  it('allows transfers to listed addresses, IPv4-mapped or not', () => {
    expect(transferAllowed(['127.0.0.1'], '::ffff:127.0.0.1')).toBe(true);
    expect(transferAllowed(['192.0.2.1'], '127.0.0.1')).toBe(false);
    expect(transferAllowed([], '127.0.0.1')).toBe(false);
  });
});
