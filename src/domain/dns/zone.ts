/**
 * The zone of one TLD (`xn--zfr164b` for .政务, `xn--55qw42g` for .公益) as real DNS software sees
 * it, and the expansion of our record specs into it. URL转发 is HTTP, not DNS (reference §3.3):
 * its names answer with the public edge's addresses and the edge serves the redirect or frame.
 */
import { recordKey, sortCanonical } from './canonical.js';
import { splitCharacterStrings } from './txt.js';
import { defaultTtl, isAtOrBelow, type DnsRecordSpec } from './types.js';

export { renderMasterFile } from './master-file.js';
export { nextSerial, serialGreaterThan } from './serial.js';

export interface ZoneSoa {
  /** Primary name server, FQDN without trailing dot. */
  mname: string;
  /** Responsible mailbox in domain-name form (`hostmaster.example.cn`); `a@b` is accepted too. */
  rname: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  /** Negative-caching TTL (RFC 2308). */
  minimum: number;
}

export type WireType = 'A' | 'AAAA' | 'CNAME' | 'MX' | 'TXT' | 'NS';
export interface MxData {
  preference: number;
  exchange: string;
}

export interface ZoneRecord {
  /** FQDN in ACE, no trailing dot. */
  owner: string;
  type: WireType;
  ttl: number;
  /** Address or name; MX data; TXT character-strings (a plain TXT string is split when rendered). */
  data: string | MxData | string[];
}

export interface Zone {
  /** ACE, e.g. `xn--zfr164b`. */
  apex: string;
  soa: ZoneSoa;
  /** Apex name servers, FQDNs without trailing dot. */
  ns: string[];
  /** TTL of the SOA and apex NS records; 3600 when absent. */
  ttl?: number;
  records: ZoneRecord[];
  /** How many domains the zone will hold (sizes the primary's transfer buckets); from `records` when absent. */
  expectedDomains?: number;
}

/**
 * Addresses of the public edge that serves 网络红页 and URL转发 (`EDGE_IPV4` / `EDGE_IPV6`).
 * Treat it as immutable: its sorted form is remembered per object.
 */
export interface Edge {
  ipv4: string[];
  ipv6: string[];
}

/** The edge's addresses in canonical order, worked out once per Edge object (zones build millions). */
const sortedEdges = new WeakMap<Edge, Edge>();
function inOrder(edge: Edge): Edge {
  let sorted = sortedEdges.get(edge);
  if (sorted === undefined) {
    const order = (type: 'A' | 'AAAA', list: string[]) =>
      sortCanonical([...new Set(list)].map((data): ZoneRecord => ({ owner: '', type, ttl: 0, data }))).map((r) => String(r.data));
    sorted = { ipv4: order('A', edge.ipv4), ipv6: order('AAAA', edge.ipv6) };
    sortedEdges.set(edge, sorted);
  }
  return sorted;
}

function edgeRecords(owner: string, ttl: number, edge: Edge): ZoneRecord[] {
  const { ipv4, ipv6 } = inOrder(edge);
  return [
    ...ipv4.map((a): ZoneRecord => ({ owner, type: 'A', ttl, data: a })),
    ...ipv6.map((a): ZoneRecord => ({ owner, type: 'AAAA', ttl, data: a })),
  ];
}

/** What of a record's spec the zone publishes (a whole-zone read fetches only these). */
export type SpecValues = Pick<DnsRecordSpec, 'owner' | 'ttl' | 'type' | 'value'> & { priority?: number };

function wireOf(spec: SpecValues, edge: Edge): ZoneRecord[] {
  const { owner, ttl } = spec;
  switch (spec.type) {
    case 'URL_REDIRECT':
    case 'URL_FRAME':
      return edgeRecords(owner, ttl, edge);
    case 'MX':
      return [{ owner, type: 'MX', ttl, data: { preference: spec.priority ?? 0, exchange: spec.value } }];
    case 'TXT':
      return [{ owner, type: 'TXT', ttl, data: splitCharacterStrings(spec.value) }];
    default:
      return [{ owner, type: spec.type, ttl, data: spec.value }];
  }
}

/**
 * The RRs that publish one domain's records, in canonical order. Identical RRs (two URL转发
 * halves can never produce them, but stored data is not trusted) appear once, and every RRset
 * gets the lowest TTL of its members, since RFC 2181 §5.2 forbids mixed TTLs in an RRset.
 * @throws Error when a spec's owner is not at or below `domainAce` (a caller bug).
 */
export function toWireRecords(domainAce: string, specs: readonly DnsRecordSpec[], edge: Edge): ZoneRecord[] {
  const records: ZoneRecord[] = [];
  for (const spec of specs) {
    if (!isAtOrBelow(spec.owner, domainAce)) throw new Error(`record owner ${spec.owner} is outside ${domainAce}`);
    records.push(...wireOf(spec, edge));
  }
  return harmoniseTtls(records);
}

/** The RRs one spec publishes (URL转发 names answer with the edge). */
export function wireRecordsOfSpec(domainAce: string, spec: SpecValues, edge: Edge): ZoneRecord[] {
  if (!isAtOrBelow(spec.owner, domainAce)) throw new Error(`record owner ${spec.owner} is outside ${domainAce}`);
  return wireOf(spec, edge);
}

/**
 * The same RRs as `toWireRecords`, in no particular order: what the primary's in-memory zone
 * needs, at a fraction of the cost of canonical sorting (a 1,000,000-domain zone builds from it).
 * Values in specs are canonical already, so identical RRs are found by their text.
 */
export function toWireRecordsUnordered(domainAce: string, specs: readonly DnsRecordSpec[], edge: Edge): ZoneRecord[] {
  const records: ZoneRecord[] = [];
  for (const spec of specs) {
    if (!isAtOrBelow(spec.owner, domainAce)) throw new Error(`record owner ${spec.owner} is outside ${domainAce}`);
    for (const r of wireOf(spec, edge)) records.push(r);
  }
  if (records.length <= 1) return records;
  const rrset = (r: ZoneRecord) => `${r.owner}\u0000${r.type}`;
  const minTtl = new Map<string, number>();
  for (const r of records) minTtl.set(rrset(r), Math.min(r.ttl, minTtl.get(rrset(r)) ?? r.ttl));
  const seen = new Set<string>();
  const out: ZoneRecord[] = [];
  for (const r of records) {
    const set = rrset(r);
    const key = `${set}\u0000${typeof r.data === 'string' ? r.data : JSON.stringify(r.data)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const ttl = minTtl.get(set) ?? r.ttl;
    out.push(ttl === r.ttl ? r : { ...r, ttl });
  }
  return out;
}

/** `@` and `www` answering with the edge's addresses: a domain whose website is on 网络红页. */
export function redPageRecords(domainAce: string, edge: Edge, ttl = defaultTtl): ZoneRecord[] {
  return [...edgeRecords(domainAce, ttl, edge), ...edgeRecords(`www.${domainAce}`, ttl, edge)];
}

/**
 * Records in canonical order with RFC 2181 §5 kept: identical RRs once, each RRset at the lowest
 * TTL of its members. For a whole zone as read from the database (the master-file export).
 */
export function harmoniseTtls(records: ZoneRecord[]): ZoneRecord[] {
  const minTtl = new Map<string, number>();
  const rrset = (r: ZoneRecord) => `${r.owner}\u0000${r.type}`;
  for (const r of records) minTtl.set(rrset(r), Math.min(r.ttl, minTtl.get(rrset(r)) ?? r.ttl));
  const out: ZoneRecord[] = [];
  let previousKey = '';
  for (const r of sortCanonical(records.map((r) => ({ ...r, ttl: minTtl.get(rrset(r)) ?? r.ttl })))) {
    const key = recordKey(r);
    if (key !== previousKey) out.push(r);
    previousKey = key;
  }
  return out;
}
