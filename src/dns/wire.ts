/**
 * Wire-level helpers over `dns-packet`: header flags, our zone records as packet answers,
 * EDNS0 OPT, and encoding a response within a size limit (TC when it does not fit).
 */
import { encode, type Answer, type OptAnswer, type Packet, type SoaAnswer } from 'dns-packet';
import type { ZoneRecord } from '../domain/dns/zone.js';
import type { ZoneStore } from './zone-store.js';

export const Rcode = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5, NOTAUTH: 9 } as const;
export const Opcode = { QUERY: 0, NOTIFY: 4 } as const;
export const Flag = { QR: 0x8000, AA: 0x0400, TC: 0x0200, RD: 0x0100 } as const;

/** Our EDNS0 UDP payload size (the DNS Flag Day 2020 value). */
export const ourUdpSize = 1232;
/** Without EDNS0 a UDP response must fit in 512 bytes (RFC 1035 §4.2.1). */
export const classicUdpSize = 512;

export const opcodeOf = (flags: number): number => (flags >> 11) & 0xf;

/**
 * A message on its way out: one buffer, or its parts in order (the first holding the 12-byte
 * header), written together without being joined — a zone transfer sends its cached messages'
 * bodies as they are, behind a header of its own.
 */
export type Outgoing = Buffer | readonly Buffer[];

/** The bytes of `m`, joined (tests, and anything that needs one buffer). */
export const joined = (m: Outgoing): Buffer => (Buffer.isBuffer(m) ? m : Buffer.concat(m));

/** Header flags of a response: QR, the query's opcode and RD, AA when asked, the rcode's low 4 bits. */
export function responseFlags(queryFlags: number, rcode: number, aa: boolean): number {
  return (queryFlags & 0x7800) | (queryFlags & Flag.RD) | (aa ? Flag.AA : 0) | (rcode & 0xf);
}

export function toAnswer(r: ZoneRecord, name = r.owner): Answer {
  const base = { name, ttl: r.ttl, class: 'IN' as const };
  if (r.type === 'MX' && typeof r.data === 'object' && !Array.isArray(r.data)) {
    return { ...base, type: 'MX', data: { preference: r.data.preference, exchange: r.data.exchange } };
  }
  if (r.type === 'TXT') return { ...base, type: 'TXT', data: Array.isArray(r.data) ? r.data : [String(r.data)] };
  if (r.type === 'MX') return { ...base, type: 'MX', data: { preference: 0, exchange: String(r.data) } };
  return { ...base, type: r.type, data: String(r.data) };
}

/** The zone's SOA RR; `negative` gives it the RFC 2308 §3 TTL (min of its TTL and MINIMUM). */
export function soaAnswer(store: ZoneStore, negative = false): SoaAnswer {
  const s = store.soa;
  const rname = s.rname.replace('@', '.');
  return {
    name: store.apex,
    type: 'SOA',
    class: 'IN',
    ttl: negative ? Math.min(store.ttl, s.minimum) : store.ttl,
    data: { mname: s.mname, rname, serial: s.serial, refresh: s.refresh, retry: s.retry, expire: s.expire, minimum: s.minimum },
  };
}

export function optAnswer(extendedRcode = 0): OptAnswer {
  return { name: '.', type: 'OPT', udpPayloadSize: ourUdpSize, extendedRcode, ednsVersion: 0, flags: 0, flag_do: false, options: [] };
}

export const isOpt = (a: Answer): a is OptAnswer => a.type === 'OPT';

/**
 * Encodes `response`; if it exceeds `limit` bytes, sets TC and drops every record but the OPT
 * (RFC 2181 §9: the client retries over TCP for the whole answer).
 */
export function encodeWithin(response: Packet, limit: number): Buffer {
  const full = encode(response);
  if (full.length <= limit) return full;
  const additionals = (response.additionals ?? []).filter(isOpt);
  return encode({ ...response, flags: (response.flags ?? 0) | Flag.TC, answers: [], authorities: [], additionals });
}

/**
 * A bare error response made from the raw header when the packet cannot be decoded: same id
 * and opcode, QR set, no sections. `null` when not even the header is there, or it is a response.
 */
export function headerOnlyResponse(query: Buffer, rcode: number): Buffer | null {
  if (query.length < 12) return null;
  const flags = query.readUInt16BE(2);
  if ((flags & Flag.QR) !== 0) return null;
  const out = Buffer.alloc(12);
  out.writeUInt16BE(query.readUInt16BE(0), 0);
  out.writeUInt16BE(Flag.QR | responseFlags(flags, rcode, false), 2);
  return out;
}
