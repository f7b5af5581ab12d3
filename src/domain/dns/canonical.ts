/**
 * A total, deterministic order on zone records: owner names in DNSSEC canonical order
 * (RFC 4034 §6.1: labels compared right to left, case-folded, a parent before its children),
 * then RR type number, then data (addresses numerically, names canonically, the rest as text),
 * then TTL. Large inputs sort each run of one owner once, by a flat string key with the engine's
 * native comparison, which keeps a 1,000,000-domain zone cheap to order.
 */
import { expandIpv6 } from '../validators/ipv6.js';
import { splitCharacterStrings } from './txt.js';
import type { ZoneRecord } from './zone.js';

export const rrTypeCode = { A: 1, NS: 2, CNAME: 5, SOA: 6, MX: 15, TXT: 16, AAAA: 28 } as const;

/* Field separator \u0000 sorts below the label separator \u0001, which sorts below every octet
   a label can hold, so `a` < `b.a` < `a-` as the canonical order requires. */
const FIELD = '\u0000';
const LABEL = '\u0001';

function normalName(name: string): string {
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  return /[A-Z]/.test(n) ? n.toLowerCase() : n;
}

export function canonicalNameKey(name: string): string {
  const n = normalName(name);
  return n === '' ? '' : n.split('.').reverse().join(LABEL);
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** TXT data as its character-strings; a plain string is split the way it is rendered. */
export function txtStrings(data: ZoneRecord['data']): string[] {
  if (Array.isArray(data)) return data;
  return splitCharacterStrings(typeof data === 'string' ? data : '');
}

function dataKey(r: ZoneRecord): string {
  const d = r.data;
  if (typeof d === 'object' && !Array.isArray(d)) return hex(d.preference, 4) + FIELD + canonicalNameKey(d.exchange);
  if (r.type === 'TXT') return txtStrings(d).join(FIELD);
  const s = Array.isArray(d) ? d.join(' ') : d;
  if (r.type === 'A' && /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(s)) return s.split('.').map((o) => o.padStart(3, '0')).join('.');
  if (r.type === 'AAAA') return expandIpv6(s)?.map((g) => hex(g, 4)).join('') ?? s;
  if (r.type === 'CNAME' || r.type === 'NS') return canonicalNameKey(s);
  return s;
}

/** Identity and sort key of a record: equal keys mean the same RR with the same TTL. */
export function recordKey(r: ZoneRecord): string {
  return `${canonicalNameKey(r.owner)}${FIELD}${hex(rrTypeCode[r.type], 4)}${FIELD}${dataKey(r)}${FIELD}${hex(r.ttl, 8)}`;
}

/** Order of two records with the same owner. */
function compareAtOwner(a: ZoneRecord, b: ZoneRecord): number {
  const byType = rrTypeCode[a.type] - rrTypeCode[b.type];
  if (byType !== 0) return byType;
  const ka = dataKey(a);
  const kb = dataKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : a.ttl - b.ttl;
}

/** A new array in canonical order. */
export function sortCanonical<T extends ZoneRecord>(records: readonly T[]): T[] {
  if (records.length <= 64) {
    const keyed = records.map((r) => ({ key: recordKey(r), r }));
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return keyed.map((k) => k.r);
  }
  // Runs of adjacent records with the same owner (a domain's records usually come together) are
  // sorted by owner key; the run's index rides after the key, so a default sort of plain strings,
  // much faster than one with a comparator, does the work. Runs of one owner then merge.
  const keys: string[] = [];
  const starts: number[] = [];
  for (let i = 0; i < records.length; ) {
    const owner = records[i]?.owner;
    let j = i + 1;
    while (j < records.length && records[j]?.owner === owner) j++;
    keys.push(`${canonicalNameKey(owner ?? '')}${FIELD}${starts.length}`);
    starts.push(i);
    i = j;
  }
  starts.push(records.length);
  keys.sort();
  const out: T[] = [];
  let group: T[] = [];
  let groupOwner: string | undefined;
  const flush = () => {
    if (group.length > 1) group.sort(compareAtOwner);
    for (const r of group) out.push(r);
    group = [];
  };
  for (const key of keys) {
    const cut = key.lastIndexOf(FIELD);
    const ownerKey = key.slice(0, cut);
    if (ownerKey !== groupOwner) flush();
    groupOwner = ownerKey;
    const run = Number(key.slice(cut + 1));
    for (let i = starts[run] ?? 0; i < (starts[run + 1] ?? 0); i++) group.push(records[i] as T);
  }
  flush();
  return out;
}
