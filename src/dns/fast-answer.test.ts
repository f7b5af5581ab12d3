import { decode, encode, type Answer, type Packet } from 'dns-packet';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Zone } from '../domain/dns/zone.js';
import { answer } from './answer.js';
import { fastAnswer } from './fast-answer.js';
import { encodeWithin } from './wire.js';
import { ZoneStore } from './zone-store.js';

const zone: Zone = {
  apex: 'xn--zfr164b',
  soa: { mname: 'ns1.example', rname: 'hostmaster.example', serial: 7, refresh: 3600, retry: 600, expire: 1209600, minimum: 300 },
  ns: ['ns1.example'],
  records: [
    { owner: 'xn--abc.xn--zfr164b', type: 'A', ttl: 600, data: '192.0.2.1' },
    { owner: 'xn--abc.xn--zfr164b', type: 'A', ttl: 600, data: '192.0.2.2' },
    { owner: 'xn--abc.xn--zfr164b', type: 'AAAA', ttl: 600, data: '2001:db8::1' },
    { owner: 'xn--abc.xn--zfr164b', type: 'MX', ttl: 600, data: { preference: 5, exchange: 'mx.xn--abc.xn--zfr164b' } },
    { owner: 'xn--abc.xn--zfr164b', type: 'TXT', ttl: 600, data: ['网站 "验证"', 'v=1'] },
    { owner: 'www.xn--abc.xn--zfr164b', type: 'CNAME', ttl: 600, data: 'xn--abc.xn--zfr164b' },
    { owner: 'sub.xn--abc.xn--zfr164b', type: 'NS', ttl: 600, data: 'ns.sub.xn--abc.xn--zfr164b' },
    { owner: 'ns.sub.xn--abc.xn--zfr164b', type: 'A', ttl: 600, data: '192.0.2.53' },
    { owner: '*.w.xn--abc.xn--zfr164b', type: 'A', ttl: 600, data: '192.0.2.9' },
    ...Array.from({ length: 60 }, (_, i) => ({ owner: 'big.xn--zfr164b', type: 'TXT' as const, ttl: 60, data: [`record number ${i} padding padding`] })),
  ],
};
const zones = new Map([['xn--zfr164b', new ZoneStore(zone)]]);
const opt = { name: '.', type: 'OPT' as const, udpPayloadSize: 4096, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] };

/** The general path's response to the same bytes. */
function general(query: Buffer, tcp: boolean): Packet {
  const { response, udpLimit } = answer(decode(query), zones);
  return decode(encodeWithin(response, tcp ? 65535 : udpLimit));
}
const normal = (p: Packet) => ({
  id: p.id,
  flags: p.flags,
  questions: p.questions,
  answers: p.answers,
  authorities: p.authorities,
  additionals: (p.additionals ?? []).map((a: Answer) => (a.type === 'OPT' ? { type: 'OPT', udpPayloadSize: a.udpPayloadSize } : a)),
});

const names = ['xn--abc.xn--zfr164b', 'XN--ABC.xn--zfr164b', 'www.xn--abc.xn--zfr164b', 'nope.xn--abc.xn--zfr164b', 'x.w.xn--abc.xn--zfr164b', 'deep.sub.xn--abc.xn--zfr164b', 'big.xn--zfr164b', 'xn--zfr164b', 'example.com', 'w.xn--abc.xn--zfr164b'];
const types = ['A', 'AAAA', 'MX', 'TXT', 'NS', 'CNAME', 'SOA'] as const;

describe('fastAnswer', () => {
  it('answers exactly as the general path whenever it answers, and leaves the rest to it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.constantFrom(...types), fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 65535 }), fc.boolean(), (name, type, withOpt, rd, id, tcp) => {
        const query = encode({ id, type: 'query', flags: rd ? 0x0100 : 0, questions: [{ name, type }], additionals: withOpt ? [opt] : [] });
        const fast = fastAnswer(query, zones, tcp);
        if (fast === null) return;
        expect(normal(decode(fast))).toEqual(normal(general(query, tcp)));
      }),
      { numRuns: 600 },
    );
  });

  it('takes the common cases itself: answers, NODATA, NXDOMAIN, with or without EDNS', () => {
    const q = (name: string, type: 'A' | 'AAAA' | 'MX', withOpt = false) => encode({ id: 1, type: 'query', questions: [{ name, type }], additionals: withOpt ? [opt] : [] });
    expect(decode(fastAnswer(q('xn--abc.xn--zfr164b', 'A'), zones, false) ?? Buffer.alloc(0)).answers).toHaveLength(2);
    expect(fastAnswer(q('xn--abc.xn--zfr164b', 'MX', true), zones, false)).not.toBeNull();
    expect((decode(fastAnswer(q('nope.xn--abc.xn--zfr164b', 'A'), zones, false) ?? Buffer.alloc(0)).flags ?? 0) & 0xf).toBe(3);
    expect(fastAnswer(q('ns.sub.xn--abc.xn--zfr164b', 'A'), zones, false)).toBeNull(); // referral
    expect(fastAnswer(q('www.xn--abc.xn--zfr164b', 'A'), zones, false)).toBeNull(); // CNAME chain
    expect(fastAnswer(q('big.xn--zfr164b', 'A'), zones, false)).not.toBeNull(); // NODATA
  });

  it('declines what it does not read itself: responses, other opcodes, TSIG, EDNS options, junk', () => {
    const base = encode({ id: 1, type: 'query', questions: [{ name: 'xn--abc.xn--zfr164b', type: 'A' }] });
    const response = Buffer.from(base);
    response.writeUInt16BE(0x8000, 2);
    expect(fastAnswer(response, zones, false)).toBeNull();
    const notify = Buffer.from(base);
    notify.writeUInt16BE(4 << 11, 2);
    expect(fastAnswer(notify, zones, false)).toBeNull();
    const withCookie = encode({ id: 1, type: 'query', questions: [{ name: 'xn--abc.xn--zfr164b', type: 'A' }], additionals: [{ ...opt, options: [{ code: 12, length: 8 }] }] });
    expect(fastAnswer(withCookie, zones, false)).toBeNull();
    fc.assert(fc.property(fc.uint8Array({ minLength: 0, maxLength: 600 }), (bytes) => void fastAnswer(Buffer.from(bytes), zones, false)));
  });
});
