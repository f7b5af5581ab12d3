/**
 * A zone as an RFC 1035 §5 master file, for `zhengming` zone export and for kzonecheck /
 * named-checkzone: $ORIGIN and $TTL, the SOA with all seven fields on one line, the apex NS,
 * then every record in canonical order (canonical.ts). Names are relative to the origin when
 * they are inside it, absolute (trailing dot) otherwise; the output is pure ASCII.
 */
import { sortCanonical, txtStrings } from './canonical.js';
import { quoteCharacterString } from './txt.js';
import type { Zone, ZoneRecord } from './zone.js';

const defaultZoneTtl = 3600;
const plainName = /^[a-z0-9_*.-]*$/;

/** One label in presentation form: anything beyond LDH, `_` and `*` as \DDD per octet. */
function escapeLabel(label: string): string {
  let out = '';
  for (const byte of Buffer.from(label, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[a-z0-9_*-]/i.test(c) ? c : `\\${String(byte).padStart(3, '0')}`;
  }
  return out;
}

function escapeName(name: string): string {
  return plainName.test(name) ? name : name.split('.').map(escapeLabel).join('.');
}

function stripDot(name: string): string {
  return (name.endsWith('.') ? name.slice(0, -1) : name).toLowerCase();
}

/** `@`, a name relative to `origin`, or an absolute name with its trailing dot. */
export function presentName(name: string, origin: string): string {
  const n = stripDot(name);
  if (n === origin) return '@';
  if (n.endsWith(`.${origin}`)) return escapeName(n.slice(0, -(origin.length + 1)));
  return n === '' ? '.' : `${escapeName(n)}.`;
}

/** The SOA RNAME: `hostmaster.example.cn`, or `host.master@example.cn` with the local part's dots escaped. */
function presentMailbox(rname: string, origin: string): string {
  const at = rname.lastIndexOf('@');
  if (at < 0) return presentName(rname, origin);
  const domain = presentName(rname.slice(at + 1), origin);
  return `${escapeLabel(rname.slice(0, at))}.${domain === '@' ? `${origin}.` : domain}`;
}

function uint(n: number, bits: 16 | 31 | 32, what: string): string {
  if (!Number.isInteger(n) || n < 0 || n >= 2 ** bits) throw new RangeError(`${what} out of range: ${n}`);
  return String(n);
}

function rdata(r: ZoneRecord, origin: string): string {
  const d = r.data;
  if (r.type === 'TXT') return txtStrings(d).map(quoteCharacterString).join(' ');
  if (r.type === 'MX') {
    if (typeof d !== 'object' || Array.isArray(d)) throw new TypeError(`MX data of ${r.owner} is not { preference, exchange }`);
    return `${uint(d.preference, 16, 'MX preference')} ${presentName(d.exchange, origin)}`;
  }
  if (typeof d !== 'string') throw new TypeError(`${r.type} data of ${r.owner} is not a string`);
  return r.type === 'CNAME' || r.type === 'NS' ? presentName(d, origin) : d;
}

/**
 * The master file line by line (no newlines), for streaming a large zone to disk.
 * @throws Error when a record's owner is outside the zone; RangeError for out-of-range numbers.
 */
export function* masterFileLines(zone: Zone): Generator<string> {
  const origin = stripDot(zone.apex);
  const ttl = uint(zone.ttl ?? defaultZoneTtl, 31, 'zone TTL');
  const { soa } = zone;
  const soaFields = [
    presentName(soa.mname, origin),
    presentMailbox(soa.rname, origin),
    uint(soa.serial, 32, 'SOA serial'),
    uint(soa.refresh, 32, 'SOA refresh'),
    uint(soa.retry, 32, 'SOA retry'),
    uint(soa.expire, 32, 'SOA expire'),
    uint(soa.minimum, 32, 'SOA minimum'),
  ];
  yield `; zone ${origin}, serial ${soa.serial}`;
  yield `$ORIGIN ${origin}.`;
  yield `$TTL ${ttl}`;
  yield `@\t${ttl}\tIN\tSOA\t${soaFields.join(' ')}`;
  for (const ns of [...new Set(zone.ns.map(stripDot))].sort()) yield `@\t${ttl}\tIN\tNS\t${presentName(ns, origin)}`;
  for (const r of sortCanonical(zone.records)) {
    const owner = stripDot(r.owner);
    if (owner !== origin && !owner.endsWith(`.${origin}`)) throw new Error(`record owner ${r.owner} is outside zone ${origin}`);
    yield `${presentName(owner, origin)}\t${uint(r.ttl, 31, 'TTL')}\tIN\t${r.type}\t${rdata(r, origin)}`;
  }
}

/** The whole master file as one string, ending in a newline. */
export function renderMasterFile(zone: Zone): string {
  // Joining in batches keeps millions of short line strings from being alive at once.
  const chunks: string[] = [];
  let batch: string[] = [];
  for (const line of masterFileLines(zone)) {
    batch.push(line);
    if (batch.length === 4096) {
      chunks.push(batch.join('\n'));
      batch = [];
    }
  }
  chunks.push(batch.join('\n'));
  return `${chunks.join('\n')}\n`;
}
