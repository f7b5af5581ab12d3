/**
 * An in-memory index of one zone for answering queries: exact match, CNAME at the name,
 * wildcard synthesis (RFC 4592 basics), delegation cuts with glue, NXDOMAIN vs NODATA
 * (RFC 2308; empty non-terminals are NODATA). Names are ACE, compared case-insensitively.
 */
import type { Zone, ZoneRecord, ZoneSoa } from '../domain/dns/zone.js';

export type Lookup =
  /** The RRset(s) at the name; owners are the query name (wildcards synthesised). */
  | { kind: 'answer'; records: ZoneRecord[]; wildcard: boolean }
  /** A CNAME at the name; `target` is where the chain continues. */
  | { kind: 'cname'; record: ZoneRecord; target: string; wildcard: boolean }
  /** The name is at or below a delegation cut: NS of the cut and in-zone glue. */
  | { kind: 'referral'; cut: string; ns: ZoneRecord[]; glue: ZoneRecord[] }
  | { kind: 'nodata' }
  | { kind: 'nxdomain' };

type Node = Map<string, ZoneRecord[]>;

export const canonicalName = (name: string): string => name.replace(/\.$/, '').toLowerCase();

function parentOf(name: string): string | null {
  const dot = name.indexOf('.');
  return dot < 0 ? null : name.slice(dot + 1);
}

export class ZoneStore {
  readonly apex: string;
  readonly soa: ZoneSoa;
  readonly ttl: number;
  /** Owner (lower-case ACE) → type → RRs. The apex NS are here too. */
  private readonly nodes = new Map<string, Node>();
  /** Every name that exists: owners and the empty non-terminals above them. */
  private readonly names = new Set<string>();
  /** Owners below the apex that hold NS records: delegation points. */
  private readonly cuts = new Set<string>();
  private readonly zone: Zone;

  constructor(zone: Zone) {
    this.zone = zone;
    this.apex = canonicalName(zone.apex);
    this.soa = zone.soa;
    this.ttl = zone.ttl ?? 3600;
    this.names.add(this.apex);
    for (const ns of zone.ns) this.add({ owner: this.apex, type: 'NS', ttl: this.ttl, data: ns });
    for (const r of zone.records) this.add(r);
  }

  get serial(): number {
    return this.soa.serial;
  }

  /** The zone's RRs (apex NS first, SOA excluded), for AXFR. */
  records(): ZoneRecord[] {
    const apexNs = this.zone.ns.map((ns): ZoneRecord => ({ owner: this.zone.apex, type: 'NS', ttl: this.ttl, data: ns }));
    return [...apexNs, ...this.zone.records.filter((r) => this.contains(r.owner))];
  }

  /** Whether `name` (any case, ACE) is at or below the apex. */
  contains(name: string): boolean {
    const n = canonicalName(name);
    return n === this.apex || n.endsWith(`.${this.apex}`);
  }

  private add(r: ZoneRecord): void {
    const owner = canonicalName(r.owner);
    if (!this.contains(owner)) return;
    let node = this.nodes.get(owner);
    if (node === undefined) this.nodes.set(owner, (node = new Map()));
    const set = node.get(r.type);
    if (set === undefined) node.set(r.type, [r]);
    else set.push(r);
    if (r.type === 'NS' && owner !== this.apex) this.cuts.add(owner);
    for (let n: string | null = owner; n !== null && !this.names.has(n); n = parentOf(n)) this.names.add(n);
  }

  /** Address records at `name`, ignoring cuts (glue lives below them). */
  addresses(name: string): ZoneRecord[] {
    const node = this.nodes.get(canonicalName(name));
    return node === undefined ? [] : [...(node.get('A') ?? []), ...(node.get('AAAA') ?? [])];
  }

  /** The delegation cut at or above `name` (below the apex), if any: the highest one wins. */
  private cutAbove(name: string): string | null {
    const labels = name.split('.');
    const apexLabels = this.apex.split('.').length;
    for (let i = labels.length - apexLabels - 1; i >= 0; i--) {
      const candidate = labels.slice(i).join('.');
      if (this.cuts.has(candidate)) return candidate;
    }
    return null;
  }

  private referral(cut: string): Lookup {
    const ns = this.nodes.get(cut)?.get('NS') ?? [];
    const glue = ns.flatMap((r) => (this.contains(String(r.data)) ? this.addresses(String(r.data)) : []));
    return { kind: 'referral', cut, ns, glue };
  }

  /** Looks `qname` up for `qtype` (an RR type name, or ANY). The name must be in this zone. */
  lookup(qname: string, qtype: string): Lookup {
    const name = canonicalName(qname);
    if (!this.contains(name)) return { kind: 'nxdomain' };
    const cut = this.cutAbove(name);
    // DS at a cut is the parent's data (RFC 4035 §3.1.4.1); we publish none: NODATA.
    if (cut !== null && !(cut === name && qtype === 'DS')) return this.referral(cut);
    if (cut !== null) return { kind: 'nodata' };
    if (this.names.has(name)) return this.fromNode(this.nodes.get(name), qname, qtype, false);
    // RFC 4592 §4.1: the closest encloser's wildcard, if that exists, synthesises the answer.
    let encloser = parentOf(name);
    while (encloser !== null && !this.names.has(encloser)) encloser = parentOf(encloser);
    if (encloser === null) return { kind: 'nxdomain' };
    const wildcard = this.nodes.get(`*.${encloser}`);
    if (wildcard === undefined) return { kind: 'nxdomain' };
    return this.fromNode(wildcard, qname, qtype, true);
  }

  private fromNode(node: Node | undefined, qname: string, qtype: string, wildcard: boolean): Lookup {
    if (node === undefined) return { kind: 'nodata' };
    const owner = qname.replace(/\.$/, '');
    const rename = (rs: ZoneRecord[]) => rs.map((r) => ({ ...r, owner }));
    if (qtype === 'ANY') {
      const all = [...node.values()].flat();
      return all.length === 0 ? { kind: 'nodata' } : { kind: 'answer', records: rename(all), wildcard };
    }
    const set = node.get(qtype);
    if (set !== undefined && set.length > 0) return { kind: 'answer', records: rename(set), wildcard };
    const cname = node.get('CNAME')?.[0];
    if (cname !== undefined) return { kind: 'cname', record: { ...cname, owner }, target: String(cname.data), wildcard };
    return { kind: 'nodata' };
  }
}
