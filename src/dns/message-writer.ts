/**
 * A fast writer of DNS response messages for zone transfers, where `dns-packet` (no name
 * compression, an object per RR) is too slow and too big for a 1,000,000-domain zone. Writes
 * straight into one buffer with RFC 1035 §4.1.4 name compression (owners and the names in
 * CNAME, NS, MX and SOA data), and tells the caller when the message is full.
 */
import type { ZoneRecord, ZoneSoa } from '../domain/dns/zone.js';
import { txtStrings } from '../domain/dns/canonical.js';
import { rrTypeCode } from '../domain/dns/canonical.js';
import { expandIpv6 } from '../domain/validators/ipv6.js';

const classIN = 1;
const maxPointer = 0x3fff;

export interface Header {
  id: number;
  flags: number;
}

export class MessageWriter {
  private readonly buf: Buffer;
  private offset = 12;
  /** RRs written per section: answer, authority, additional. */
  private readonly counts: [number, number, number] = [0, 0, 0];
  private section: 0 | 1 | 2 = 0;
  /** Name suffix (as written) → offset where it was written. */
  private readonly names = new Map<string, number>();

  constructor(
    header: Header,
    question: { name: string; type: number } | undefined,
    /** Bytes the message may hold (the room for a TSIG RR left out). */
    private readonly limit: number,
  ) {
    this.buf = Buffer.allocUnsafe(limit + 16_384);
    this.buf.writeUInt16BE(header.id, 0);
    this.buf.writeUInt16BE(header.flags, 2);
    this.buf.fill(0, 4, 12);
    if (question !== undefined) {
      this.name(question.name);
      this.u16(question.type);
      this.u16(classIN);
      this.buf.writeUInt16BE(1, 4);
    }
  }

  /** RRs written so far, all sections. */
  get count(): number {
    return this.counts[0] + this.counts[1] + this.counts[2];
  }

  /** Later RRs go to the authority section (1) or the additional section (2); never back. */
  toSection(section: 1 | 2): void {
    if (section < this.section) throw new Error('sections are written in order');
    this.section = section;
  }

  /** An EDNS0 OPT RR (RFC 6891) with our UDP size and no options, in the additional section. */
  addOpt(udpPayloadSize: number): boolean {
    this.toSection(2);
    return this.rr('', 41, 0, () => undefined, udpPayloadSize);
  }

  get size(): number {
    return this.offset;
  }

  /** Appends `r` to the answer section; false (and nothing written) when it does not fit. */
  add(owner: string, r: Omit<ZoneRecord, 'owner'>): boolean {
    return this.rr(owner, rrTypeCode[r.type], r.ttl, () => this.rdata(r));
  }

  addSoa(apex: string, ttl: number, soa: ZoneSoa): boolean {
    return this.rr(apex, rrTypeCode.SOA, ttl, () => {
      this.name(soa.mname);
      this.name(soa.rname.replace('@', '.'));
      for (const n of [soa.serial, soa.refresh, soa.retry, soa.expire, soa.minimum]) this.u32(n);
    });
  }

  /** The finished message (section counts set). */
  finish(): Buffer {
    this.buf.writeUInt16BE(this.counts[0] ?? 0, 6);
    this.buf.writeUInt16BE(this.counts[1] ?? 0, 8);
    this.buf.writeUInt16BE(this.counts[2] ?? 0, 10);
    return Buffer.from(this.buf.subarray(0, this.offset));
  }

  private rr(owner: string, type: number, ttl: number, data: () => void, rrClass = classIN): boolean {
    const start = this.offset;
    const namesBefore = this.names.size;
    try {
      this.name(owner);
      this.u16(type);
      this.u16(rrClass);
      this.u32(ttl);
      const lengthAt = this.offset;
      this.offset += 2;
      data();
      this.buf.writeUInt16BE(this.offset - lengthAt - 2, lengthAt);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      this.offset = this.limit + 1;
    }
    if (this.offset > this.limit && this.count > 0) {
      this.offset = start;
      if (this.names.size !== namesBefore) for (const [k, v] of this.names) if (v >= start) this.names.delete(k);
      return false;
    }
    if (this.offset > this.limit) throw new RangeError('a single record does not fit in a message');
    this.counts[this.section] = (this.counts[this.section] ?? 0) + 1;
    return true;
  }

  private rdata(r: Omit<ZoneRecord, 'owner'>): void {
    const d = r.data;
    switch (r.type) {
      case 'A': {
        for (const part of String(d).split('.')) this.buf[this.offset++] = Number(part);
        return;
      }
      case 'AAAA': {
        const groups = expandIpv6(String(d));
        if (groups === undefined || groups === null) throw new Error(`bad AAAA data ${String(d)}`);
        for (const g of groups) this.u16(g);
        return;
      }
      case 'CNAME':
      case 'NS':
        this.name(String(d));
        return;
      case 'MX': {
        const mx = typeof d === 'object' && !Array.isArray(d) ? d : { preference: 0, exchange: String(d) };
        this.u16(mx.preference);
        this.name(mx.exchange);
        return;
      }
      case 'TXT':
        for (const s of txtStrings(d)) {
          const bytes = Buffer.from(s, 'utf8');
          this.buf[this.offset++] = bytes.length;
          this.bytes(bytes);
        }
        return;
    }
  }

  /** A name, compressed against what this message already holds. */
  private name(fqdn: string): void {
    const n = fqdn.endsWith('.') ? fqdn.slice(0, -1) : fqdn;
    if (n === '') {
      this.buf[this.offset++] = 0;
      return;
    }
    // Suffixes are matched with their case: a pointer never changes the case of what it names.
    const labels = n.split('.');
    let suffixAt = 0; // index in `n` where the suffix of labels[i..] starts
    for (let i = 0; i < labels.length; i++) {
      const suffix = i === 0 ? n : n.slice(suffixAt);
      const known = this.names.get(suffix);
      if (known !== undefined) {
        this.u16(0xc000 | known);
        return;
      }
      if (this.offset <= maxPointer) this.names.set(suffix, this.offset);
      const label = labels[i] ?? '';
      this.label(label, fqdn);
      suffixAt += label.length + 1;
    }
    this.buf[this.offset++] = 0;
  }

  /** One label: ASCII (ACE) copied byte by byte, anything else as UTF-8. */
  private label(label: string, fqdn: string): void {
    const len = label.length;
    if (len === 0 || len > 63) throw new Error(`bad label in ${fqdn}`);
    if (this.offset + 1 + len > this.buf.length) throw new RangeError('message full');
    let ascii = true;
    for (let j = 0; j < len; j++) {
      const c = label.charCodeAt(j);
      if (c > 127) {
        ascii = false;
        break;
      }
      this.buf[this.offset + 1 + j] = c;
    }
    if (ascii) {
      this.buf[this.offset] = len;
      this.offset += 1 + len;
      return;
    }
    const bytes = Buffer.from(label, 'utf8');
    if (bytes.length > 63) throw new Error(`bad label in ${fqdn}`);
    this.buf[this.offset++] = bytes.length;
    this.bytes(bytes);
  }

  private bytes(b: Buffer): void {
    if (this.offset + b.length > this.buf.length) throw new RangeError('message full');
    b.copy(this.buf, this.offset);
    this.offset += b.length;
  }

  private u16(n: number): void {
    if (this.offset + 2 > this.buf.length) throw new RangeError('message full');
    this.buf.writeUInt16BE(n & 0xffff, this.offset);
    this.offset += 2;
  }

  private u32(n: number): void {
    if (this.offset + 4 > this.buf.length) throw new RangeError('message full');
    this.buf.writeUInt32BE(n >>> 0, this.offset);
    this.offset += 4;
  }
}
