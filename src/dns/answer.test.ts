import { decode, encode, type Packet } from 'dns-packet';
import { describe, expect, it } from 'vitest';
import type { Zone } from '../domain/dns/zone.js';
import { answer } from './answer.js';
import { Rcode, encodeWithin, headerOnlyResponse } from './wire.js';
import { ZoneStore } from './zone-store.js';

const zone: Zone = {
  apex: 'xn--zfr164b',
  soa: { mname: 'ns1.example', rname: 'hostmaster.example', serial: 7, refresh: 3600, retry: 600, expire: 1209600, minimum: 300 },
  ns: ['ns1.example'],
  records: [
    { owner: 'xn--abc.xn--zfr164b', type: 'A', ttl: 600, data: '192.0.2.1' },
    { owner: 'www.xn--abc.xn--zfr164b', type: 'CNAME', ttl: 600, data: 'xn--abc.xn--zfr164b' },
    { owner: 'sub.xn--abc.xn--zfr164b', type: 'NS', ttl: 600, data: 'ns.sub.xn--abc.xn--zfr164b' },
    { owner: 'ns.sub.xn--abc.xn--zfr164b', type: 'A', ttl: 600, data: '192.0.2.53' },
    ...Array.from({ length: 60 }, (_, i) => ({ owner: 'big.xn--zfr164b', type: 'TXT' as const, ttl: 60, data: [`record number ${i} padding padding`] })),
  ],
};
const zones = new Map([['xn--zfr164b', new ZoneStore(zone)]]);
const ask = (name: string, type: string, extra: Partial<Packet> = {}) =>
  answer(decode(encode({ id: 42, type: 'query', flags: 0x0100, questions: [{ name, type: type as 'A' }], ...extra })), zones);
const rc = (a: { response: Packet }) => (a.response.flags ?? 0) & 0xf;
const edns = { additionals: [{ name: '.', type: 'OPT' as const, udpPayloadSize: 4096, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }] };

describe('answer', () => {
  it('answers authoritatively, echoing id, question and RD', () => {
    const { response } = ask('XN--ABC.xn--zfr164b', 'A');
    const d = decode(encode(response));
    expect(d).toMatchObject({ id: 42, flag_qr: true, flag_aa: true, flag_rd: true, rcode: 'NOERROR', answers: [{ name: 'XN--ABC.xn--zfr164b', data: '192.0.2.1' }] });
  });
  it('follows a CNAME inside the zone', () => {
    const d = decode(encode(ask('www.xn--abc.xn--zfr164b', 'A').response));
    expect(d.answers?.map((a) => a.type)).toEqual(['CNAME', 'A']);
  });
  it('gives NXDOMAIN and NODATA with the SOA, at the negative TTL', () => {
    const nx = decode(encode(ask('nope.xn--zfr164b', 'A').response));
    expect(nx).toMatchObject({ rcode: 'NXDOMAIN', flag_aa: true, answers: [], authorities: [{ type: 'SOA', ttl: 300 }] });
    const nodata = decode(encode(ask('xn--abc.xn--zfr164b', 'MX').response));
    expect(nodata).toMatchObject({ rcode: 'NOERROR', answers: [], authorities: [{ type: 'SOA' }] });
  });
  it('refers below a cut without AA, with glue', () => {
    const d = decode(encode(ask('www.sub.xn--abc.xn--zfr164b', 'A').response));
    expect(d).toMatchObject({ flag_aa: false, rcode: 'NOERROR', answers: [], authorities: [{ type: 'NS' }], additionals: [{ type: 'A', data: '192.0.2.53' }] });
  });
  it('refuses other zones and classes, rejects bad questions and opcodes', () => {
    expect(rc(ask('example.com', 'A'))).toBe(Rcode.REFUSED);
    const ch = answer(decode(encode({ id: 1, type: 'query', questions: [{ name: 'xn--zfr164b', type: 'TXT', class: 'CH' }] })), zones);
    expect(rc(ch)).toBe(Rcode.REFUSED);
    const two = answer(decode(encode({ id: 1, type: 'query', questions: [{ name: 'a.xn--zfr164b', type: 'A' }, { name: 'b.xn--zfr164b', type: 'A' }] })), zones);
    expect(rc(two)).toBe(Rcode.FORMERR);
    const status = answer(decode(encode({ id: 1, type: 'query', flags: 2 << 11, questions: [{ name: 'xn--zfr164b', type: 'SOA' }] })), zones);
    expect(decode(encode(status.response))).toMatchObject({ rcode: 'NOTIMP', opcode: 'STATUS' });
  });
  it('echoes EDNS0 with 1232 and truncates to the client’s size', () => {
    const plain = ask('big.xn--zfr164b', 'TXT');
    expect(plain.udpLimit).toBe(512);
    const cut = decode(encodeWithin(plain.response, plain.udpLimit));
    expect(cut).toMatchObject({ flag_tc: true, answers: [], additionals: [] });
    const big = ask('big.xn--zfr164b', 'TXT', edns);
    expect(big.udpLimit).toBe(4096);
    const whole = decode(encodeWithin(big.response, big.udpLimit));
    expect(whole.flag_tc).toBe(false);
    expect(whole.answers).toHaveLength(60);
    expect(whole.additionals).toMatchObject([{ type: 'OPT', udpPayloadSize: 1232 }]);
  });
  it('makes a FORMERR from a bare header, and stays silent on responses and scraps', () => {
    const q = Buffer.from([0xab, 0xcd, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0xff]);
    expect(decode(headerOnlyResponse(q, 1) as Buffer)).toMatchObject({ id: 0xabcd, rcode: 'FORMERR', flag_qr: true });
    expect(headerOnlyResponse(Buffer.from([1, 2, 3]), 1)).toBeNull();
    expect(headerOnlyResponse(Buffer.from([0, 1, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0]), 1)).toBeNull();
  });
});
