/**
 * The common query answered without `dns-packet`: one question of class IN for A, AAAA, MX,
 * TXT, NS or CNAME below a zone apex, no EDNS options, no TSIG, answered by an RRset, NODATA or
 * NXDOMAIN. The question is read straight from the bytes and the answer written with
 * `MessageWriter`; anything else (CNAME chains, referrals, the apex, big answers, odd packets)
 * returns null and takes the general path (`answer.ts`), which the tests hold this one equal to.
 */
import { findZone, type Zones } from './answer.js';
import { MessageWriter } from './message-writer.js';
import { canonicalName } from './zone-store.js';
import { Flag, Rcode, ourUdpSize } from './wire.js';

const fastTypes: Record<number, string> = { 1: 'A', 2: 'NS', 5: 'CNAME', 15: 'MX', 16: 'TXT', 28: 'AAAA' };
/** Bigger answers are rare; the general path handles them (and truncation). */
const fastLimit = 1232;
/** Answers are written here and copied out (`finish`): one buffer, not one per query. */
const scratch = Buffer.allocUnsafe(fastLimit + 16_384);
/** A query name is at most 255 octets. */
const nameBytes = Buffer.allocUnsafe(512);

/** Printable ASCII except the dot: labels the general path would read the same way. */
function plainLabel(buf: Buffer, from: number, to: number): boolean {
  for (let j = from; j < to; j++) {
    const c = buf[j] ?? 0;
    if (c <= 0x20 || c >= 0x7f || c === 0x2e) return false;
  }
  return true;
}

export function fastAnswer(buf: Buffer, zones: Zones, tcp: boolean): Buffer | null {
  if (buf.length < 17 || buf.length > 512) return null;
  const flags = buf.readUInt16BE(2);
  if ((flags & Flag.QR) !== 0 || ((flags >> 11) & 0xf) !== 0) return null;
  if (buf.readUInt16BE(4) !== 1 || buf.readUInt16BE(6) !== 0 || buf.readUInt16BE(8) !== 0) return null;
  const arcount = buf.readUInt16BE(10);
  if (arcount > 1) return null;
  // The name is read once into `nameBytes` with dots between the labels, then made one string.
  let i = 12;
  let n = 0;
  for (;;) {
    const len = buf[i];
    if (len === undefined || len > 63 || i + 1 + len > buf.length) return null;
    if (len === 0) {
      i++;
      break;
    }
    if (!plainLabel(buf, i + 1, i + 1 + len)) return null;
    if (n > 0) nameBytes[n++] = 0x2e;
    for (let j = i + 1; j <= i + len; j++) nameBytes[n++] = buf[j] ?? 0;
    i += 1 + len;
  }
  if (n === 0 || i + 4 > buf.length) return null;
  const questionEnd = i + 4;
  const qtype = buf.readUInt16BE(i);
  if (buf.readUInt16BE(i + 2) !== 1) return null;
  const typeName = fastTypes[qtype];
  if (typeName === undefined) return null;
  i += 4;
  let limit = 512;
  let edns = false;
  if (arcount === 1) {
    // OPT: root name, type 41, class = UDP size, TTL = extended rcode, version, flags; no options.
    if (i + 11 !== buf.length || buf[i] !== 0 || buf.readUInt16BE(i + 1) !== 41 || buf[i + 6] !== 0 || buf.readUInt16BE(i + 9) !== 0) return null;
    limit = Math.max(512, buf.readUInt16BE(i + 3));
    edns = true;
  } else if (i !== buf.length) {
    return null;
  }
  if (tcp) limit = fastLimit;
  const qname = nameBytes.toString('latin1', 0, n);
  const store = findZone(zones, qname);
  if (store === undefined || canonicalName(qname) === store.apex) return null;
  const found = store.lookup(qname, typeName);
  if (found.kind !== 'answer' && found.kind !== 'nodata' && found.kind !== 'nxdomain') return null;
  const rcode = found.kind === 'nxdomain' ? Rcode.NXDOMAIN : Rcode.NOERROR;
  const w = new MessageWriter({ id: buf.readUInt16BE(0), flags: Flag.QR | (flags & Flag.RD) | Flag.AA | rcode }, undefined, Math.min(limit, fastLimit), scratch);
  w.copyQuestion(buf, questionEnd, qname, store.apex);
  try {
    let fits = true;
    if (found.kind === 'answer') {
      for (const r of found.records) fits &&= w.add(r.owner, r);
    } else {
      w.toSection(1);
      fits = w.addSoa(store.apex, Math.min(store.ttl, store.soa.minimum), store.soa);
    }
    if (edns) fits &&= w.addOpt(ourUdpSize);
    return fits ? w.finish() : null;
  } catch {
    return null; // a record too big for the fast path's buffer: the general path truncates properly
  }
}
