import { decode, encode } from 'dns-packet';
import { describe, expect, it } from 'vitest';
import type { ZoneRecord } from '../domain/dns/zone.js';
import { MessageWriter } from './message-writer.js';

const soa = { mname: 'ns1.zhengming.example', rname: 'hostmaster.zhengming.example', serial: 2026112801, refresh: 3600, retry: 600, expire: 1209600, minimum: 300 };
const records: ZoneRecord[] = [
  { owner: 'xn--abc.xn--zfr164b', type: 'A', ttl: 600, data: '192.0.2.1' },
  { owner: 'www.xn--abc.xn--zfr164b', type: 'AAAA', ttl: 600, data: '2001:db8::1' },
  { owner: 'xn--abc.xn--zfr164b', type: 'MX', ttl: 600, data: { preference: 5, exchange: 'mx.xn--abc.xn--zfr164b' } },
  { owner: 'xn--abc.xn--zfr164b', type: 'TXT', ttl: 600, data: ['网站验证 "zm"', 'v=1'] },
  { owner: 'alias.xn--abc.xn--zfr164b', type: 'CNAME', ttl: 300, data: 'XN--ABC.xn--zfr164b' },
  { owner: 'sub.xn--abc.xn--zfr164b', type: 'NS', ttl: 3600, data: 'ns.example.net' },
];
const header = { id: 77, flags: 0x8400 };

describe('MessageWriter', () => {
  it('writes every record type so that dns-packet reads back the same RRs', () => {
    const w = new MessageWriter(header, { name: 'xn--zfr164b', type: 252 }, 60_000);
    expect(w.addSoa('xn--zfr164b', 3600, soa)).toBe(true);
    for (const r of records) expect(w.add(r.owner, r)).toBe(true);
    const m = decode(w.finish());
    expect(m).toMatchObject({ id: 77, flag_qr: true, flag_aa: true, questions: [{ name: 'xn--zfr164b', type: 'AXFR' }] });
    const answers = m.answers ?? [];
    expect(answers[0]).toMatchObject({ type: 'SOA', name: 'xn--zfr164b', ttl: 3600, data: { ...soa } });
    expect(answers.slice(1).map((a) => ('data' in a ? [a.name, a.type, a.ttl, a.data] : null))).toEqual([
      ['xn--abc.xn--zfr164b', 'A', 600, '192.0.2.1'],
      ['www.xn--abc.xn--zfr164b', 'AAAA', 600, '2001:db8::1'],
      ['xn--abc.xn--zfr164b', 'MX', 600, { preference: 5, exchange: 'mx.xn--abc.xn--zfr164b' }],
      ['xn--abc.xn--zfr164b', 'TXT', 600, [Buffer.from('网站验证 "zm"'), Buffer.from('v=1')]],
      ['alias.xn--abc.xn--zfr164b', 'CNAME', 300, 'XN--ABC.xn--zfr164b'],
      ['sub.xn--abc.xn--zfr164b', 'NS', 3600, 'ns.example.net'],
    ]);
  });

  it('compresses names: much smaller than the uncompressed encoding', () => {
    const many = Array.from({ length: 200 }, (_, i): ZoneRecord => ({ owner: `www.d${i}.xn--zfr164b`, type: 'A', ttl: 600, data: '203.119.25.1' }));
    const w = new MessageWriter(header, { name: 'xn--zfr164b', type: 252 }, 60_000);
    for (const r of many) w.add(r.owner, r);
    const plain = encode({ id: 77, type: 'response', questions: [{ name: 'xn--zfr164b', type: 'AXFR' }], answers: many.map((r) => ({ name: r.owner, type: 'A' as const, ttl: 600, data: String(r.data) })) });
    const out = w.finish();
    expect(out.length).toBeLessThan(plain.length * 0.75);
    expect((decode(out).answers ?? []).map((a) => a.name)).toEqual(many.map((r) => r.owner));
  });

  it('refuses a record that would pass the limit, leaving the message intact', () => {
    const w = new MessageWriter(header, undefined, 200);
    let written = 0;
    for (let i = 0; i < 50 && w.add(`host${i}.xn--abc.xn--zfr164b`, records[0] as ZoneRecord); i++) written++;
    expect(written).toBeGreaterThan(3);
    expect(written).toBeLessThan(50);
    const m = w.finish();
    expect(m.length).toBeLessThanOrEqual(200);
    expect(decode(m).answers).toHaveLength(written);
  });
});
