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
import type { DomainTemplate } from './domain-template.js';

const classIN = 1;

/** The groups of the last IPv6 address parsed: a zone repeats the edge's address a million times. */
let lastIpv6 = '';
let lastGroups: number[] | null | undefined;
function ipv6Groups(a: string): number[] | null | undefined {
  if (a !== lastIpv6) {
    lastGroups = expandIpv6(a);
    lastIpv6 = a;
  }
  return lastGroups;
}
const maxPointer = 0x3fff;

/**
 * The first `length` bytes of `buf`, copied. Not `Buffer.from(buf.subarray(…))`: from 4 KB on
 * that zero-fills a new buffer before copying into it (a third of encoding a zone's transfer
 * messages, 86 MB at 1,000,000 domains, went there); `allocUnsafe` is pooled below 4 KB as `from` is.
 */
export function copyOf(buf: Buffer, length: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  buf.copy(out, 0, 0, length);
  return out;
}

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
  /** `addBelow`'s current domain and where its name was written (-1: out of pointer range). */
  private domain = '';
  private domainAt = -1;
  /** …and its last owner other than itself (relative name, offset; -1: none). */
  private lastRel = '';
  private lastAt = -1;

  constructor(
    header: Header,
    question: { name: string; type: number } | undefined,
    /** Bytes the message may hold (the room for a TSIG RR left out). */
    private readonly limit: number,
    /** A buffer of at least `limit` + 16,384 bytes to write in (`finish` copies out of it): zone encoding reuses one. */
    scratch?: Buffer,
  ) {
    this.buf = scratch !== undefined && scratch.length >= limit + 16_384 ? scratch : Buffer.allocUnsafe(limit + 16_384);
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

  /**
   * The question section copied from `query` (from byte 12 to `end`: one name of plain ASCII
   * labels spelled `qname`, type and class), with `qname` and the suffix `apex` (when `qname`
   * ends with it in that case) remembered for compression. Call before adding RRs.
   */
  copyQuestion(query: Buffer, end: number, qname: string, apex: string): void {
    query.copy(this.buf, 12, 12, end);
    this.buf.writeUInt16BE(1, 4);
    this.names.set(qname, 12);
    const at = qname.length - apex.length;
    if (at > 0 && qname.charCodeAt(at - 1) === 0x2e && qname.endsWith(apex)) this.names.set(apex, 12 + at);
    this.offset = end;
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
    return this.rr('', 41, 0, null, () => undefined, udpPayloadSize);
  }

  get size(): number {
    return this.offset;
  }

  /** Appends `r` to the answer section; false (and nothing written) when it does not fit. */
  add(owner: string, r: Omit<ZoneRecord, 'owner'>): boolean {
    return this.rr(owner, rrTypeCode[r.type], r.ttl, r, null);
  }

  /**
   * Appends `r` owned by `rel` (relative, `''` for the domain itself) under `domain`, a name one
   * label below `apex`: the same RR as `add(rel.domain, r)`, its owner compressed against the
   * previous RR's without looking names up. A zone's bulk is written domain after domain this way.
   */
  addBelow(apex: string, domain: string, rel: string, r: Omit<ZoneRecord, 'owner'>): boolean {
    return this.rr(null, rrTypeCode[r.type], r.ttl, r, null, classIN, apex, domain, rel);
  }

  /**
   * Appends a domain's RRs from its template (`domain-template.ts`): the same bytes as
   * `addBelow` for each of them. False (nothing written) when they do not fit, or their
   * pointers would not reach; the caller then starts a message, or writes them one by one.
   */
  addTemplate(apex: string, domain: string, t: DomainTemplate): boolean {
    if (this.section !== 0) throw new Error('templates go in the answer section');
    const start = this.offset;
    const namesBefore = this.names.size;
    let fits = true;
    try {
      this.ownerBelow(apex, domain, t.firstRel);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      fits = false;
    }
    const base = this.offset;
    const end = base + t.bytes.length;
    if (!fits || end > this.limit || end > maxPointer || this.domain !== domain || (t.firstRel !== '' && this.lastAt < 0)) {
      this.offset = start;
      if (this.names.size !== namesBefore) for (const [k, v] of this.names) if (v >= start) this.names.delete(k);
      if (this.lastAt >= start) this.lastAt = -1;
      if (this.domainAt >= start) this.domain = '';
      return false;
    }
    // Byte by byte: Buffer#copy makes a view per call, more than these ~60 bytes cost to move.
    const bytes = t.bytes;
    const buf = this.buf;
    for (let i = 0; i < bytes.length; i++) buf[base + i] = bytes[i] ?? 0;
    const f = t.fixups;
    for (let i = 0; i < f.length; i += 2) {
      const target = f[i + 1] ?? -1;
      const to = target === -1 ? this.domainAt : target === -2 ? this.lastAt : base + target;
      this.buf.writeUInt16BE(0xc000 | to, base + (f[i] ?? 0));
    }
    this.offset = end;
    this.counts[0] += t.rrs;
    if (t.lastTarget >= 0) {
      this.lastRel = t.lastRel;
      this.lastAt = base + t.lastTarget;
    }
    return true;
  }

  addSoa(apex: string, ttl: number, soa: ZoneSoa): boolean {
    return this.rr(apex, rrTypeCode.SOA, ttl, null, () => {
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
    return copyOf(this.buf, this.offset);
  }

  /**
   * One RR: its data from `r` (the zone's RRs: no closure per RR, a transfer writes millions) or
   * written by `data` (SOA, OPT).
   */
  private rr(owner: string | null, type: number, ttl: number, r: Omit<ZoneRecord, 'owner'> | null, data: (() => void) | null, rrClass = classIN, apex = '', domain = '', rel = ''): boolean {
    const start = this.offset;
    const namesBefore = this.names.size;
    try {
      if (owner !== null) this.name(owner);
      else this.ownerBelow(apex, domain, rel);
      this.u16(type);
      this.u16(rrClass);
      this.u32(ttl);
      const lengthAt = this.offset;
      this.offset += 2;
      if (r !== null) this.rdata(r);
      else if (data !== null) data();
      this.buf.writeUInt16BE(this.offset - lengthAt - 2, lengthAt);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      this.offset = this.limit + 1;
    }
    if (this.offset > this.limit && this.count > 0) {
      this.offset = start;
      if (this.names.size !== namesBefore) for (const [k, v] of this.names) if (v >= start) this.names.delete(k);
      if (this.lastAt >= start) this.lastAt = -1;
      if (this.domainAt >= start) this.domain = '';
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
        // Dotted quad digit by digit: no split, no numbers parsed from substrings.
        const s = String(d);
        let octet = 0;
        for (let i = 0; i < s.length; i++) {
          const c = s.charCodeAt(i);
          if (c === 0x2e) {
            this.buf[this.offset++] = octet;
            octet = 0;
          } else {
            octet = octet * 10 + c - 0x30;
          }
        }
        this.buf[this.offset++] = octet;
        return;
      }
      case 'AAAA': {
        const groups = ipv6Groups(String(d));
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

  /** `rel` + `.` + `domain` (`domain` alone for `''`), pointing at what the previous RRs wrote. */
  private ownerBelow(apex: string, domain: string, rel: string): void {
    if (domain === this.domain) {
      if (rel === '') return this.u16(0xc000 | this.domainAt);
      if (rel === this.lastRel && this.lastAt >= 0) return this.u16(0xc000 | this.lastAt);
      const at = this.offset;
      this.labels(rel);
      this.u16(0xc000 | this.domainAt);
      this.lastRel = rel;
      this.lastAt = at <= maxPointer ? at : -1;
      return;
    }
    const relAt = this.offset;
    if (rel !== '') this.labels(rel);
    const domainAt = this.offset;
    this.labelOf(domain, 0, domain.length - apex.length - 1);
    this.name(apex);
    // Beyond the pointer range the next RR of this domain spells it out again.
    this.domain = domainAt <= maxPointer ? domain : '';
    this.domainAt = domainAt;
    this.lastRel = rel;
    this.lastAt = rel !== '' && relAt <= maxPointer ? relAt : -1;
  }

  private labels(rel: string): void {
    if (rel.indexOf('.') < 0) this.labelOf(rel, 0, rel.length);
    else for (const l of rel.split('.')) this.labelOf(l, 0, l.length);
  }

  /** A name, compressed against what this message already holds. */
  private name(fqdn: string): void {
    const n = fqdn.endsWith('.') ? fqdn.slice(0, -1) : fqdn;
    if (n === '') {
      this.buf[this.offset++] = 0;
      return;
    }
    // Suffixes are matched with their case: a pointer never changes the case of what it names.
    const whole = this.names.get(n);
    if (whole !== undefined) {
      this.u16(0xc000 | whole);
      return;
    }
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
    this.labelOf(label, 0, label.length, fqdn);
  }

  /** The label `s[from, to)`. */
  private labelOf(s: string, from: number, to: number, fqdn = s): void {
    const len = to - from;
    if (len <= 0 || len > 63) throw new Error(`bad label in ${fqdn}`);
    if (this.offset + 1 + len > this.buf.length) throw new RangeError('message full');
    let ascii = true;
    for (let j = 0; j < len; j++) {
      const c = s.charCodeAt(from + j);
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
    const bytes = Buffer.from(s.slice(from, to), 'utf8');
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
