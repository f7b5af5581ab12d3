/**
 * One registered domain's part of a zone, as the store holds it: `[relative name, RRs, relative
 * name, RRs, …]` with `''` for the domain itself. Entries and their RR arrays are never mutated,
 * only replaced, so transfers holding an old one stay consistent, and equal ones are shared.
 */
import type { ZoneRecord } from '../domain/dns/zone.js';
import type { ArrayInterner, RRInterner } from './interners.js';

/** An RR without its owner: the node's key is the owner. */
export type NodeRR = Omit<ZoneRecord, 'owner'>;
export type Node = readonly NodeRR[];
export type DomainNode = readonly (string | Node)[];

const www = 'www';

/** A canonical name relative to its registered domain: `''` for the domain itself. */
export function relativeName(name: string, domain: string): string {
  if (name.length === domain.length) return '';
  const rel = name.slice(0, name.length - domain.length - 1);
  return rel === www ? www : rel; // one shared string for a million `www` names
}

export const fullName = (rel: string, domain: string) => (rel === '' ? domain : `${rel}.${domain}`);

const dataKey = (d: ZoneRecord['data']) => (typeof d === 'string' ? d : JSON.stringify(d));

/**
 * `node` with `r` added, keeping the RRset rules of RFC 2181 §5: an identical RR is not added
 * twice, and every RR of a set carries the set's lowest TTL.
 */
export function withRecord(node: Node, r: NodeRR, interner: RRInterner): Node {
  const key = dataKey(r.data);
  let ttl = r.ttl;
  for (const x of node) {
    if (x.type !== r.type) continue;
    if (dataKey(x.data) === key && x.ttl <= r.ttl) return node;
    ttl = Math.min(ttl, x.ttl);
  }
  const out: NodeRR[] = [];
  for (const x of node) {
    if (x.type === r.type && dataKey(x.data) === key) continue;
    out.push(x.type === r.type && x.ttl !== ttl ? { type: x.type, ttl, data: x.data } : x);
  }
  out.push(interner.intern(ttl === r.ttl ? r : { type: r.type, ttl, data: r.data }));
  return out.slice(); // exact length: a pushed-to array keeps room for 17 elements
}

/** An RR of `dn` equal to `r` (a domain's address at `@` and at `www`), to share it. */
export function sameIn(dn: DomainNode, r: NodeRR): NodeRR | undefined {
  if (typeof r.data !== 'string') return undefined;
  for (let i = 1; i < dn.length; i += 2) for (const x of dn[i] as Node) if (x.data === r.data && x.type === r.type && x.ttl === r.ttl) return x;
  return undefined;
}

/** A node of `dn` with the same RRs as `node` (`@` and `www` of a domain often hold the same). */
export function sameNodeIn(dn: DomainNode, node: Node): Node | undefined {
  for (let i = 1; i < dn.length; i += 2) {
    const other = dn[i] as Node;
    if (other.length === node.length && other.every((x, j) => x === node[j])) return other;
  }
  return undefined;
}

export interface EntryInterners {
  rr: RRInterner;
  node: ArrayInterner<NodeRR>;
  entry: ArrayInterner<string | Node>;
}

/**
 * `node` with `rr` added, for a node that nothing else holds yet (a zone's first build): the
 * rules of `withRecord`, an array of the exact length, and `node` itself reused when it can be.
 */
export function addRR(node: NodeRR[], rr: NodeRR, interner: RRInterner): NodeRR[] {
  const key = dataKey(rr.data);
  let ttl = rr.ttl;
  let sameType = false;
  for (const x of node) {
    if (x.type !== rr.type) continue;
    if (dataKey(x.data) === key && x.ttl <= rr.ttl) return node;
    sameType = true;
    ttl = Math.min(ttl, x.ttl);
  }
  if (!sameType) {
    const out = new Array<NodeRR>(node.length + 1);
    for (let i = 0; i < node.length; i++) out[i] = node[i] as NodeRR;
    out[node.length] = rr;
    return out;
  }
  const out: NodeRR[] = [];
  for (const x of node) {
    if (x.type === rr.type && dataKey(x.data) === key) continue;
    out.push(x.type === rr.type && x.ttl !== ttl ? interner.intern({ type: x.type, ttl, data: x.data }) : x);
  }
  out.push(ttl === rr.ttl ? rr : interner.intern({ type: rr.type, ttl, data: rr.data }));
  return out.slice();
}

/**
 * The shared form of an entry built in place: its nodes and itself interned (`@` and `www`
 * holding the same RRs are one node). Returns it and whether another domain holds it too.
 */
export function sealEntry(dn: (string | Node)[], interners: EntryInterners): DomainNode {
  for (let i = 1; i < dn.length; i += 2) {
    const node = dn[i] as Node;
    let same: Node | undefined;
    for (let j = 1; j < i && same === undefined; j += 2) {
      const other = dn[j] as Node;
      if (other.length === node.length && other.every((x, k) => x === node[k])) same = other;
    }
    dn[i] = same ?? interners.node.intern(node);
  }
  return interners.entry.intern(dn);
}
