/**
 * An in-memory index of one zone for answering queries and transfers: exact match, CNAME at
 * the name, wildcard synthesis (RFC 4592 basics), delegation cuts with glue, NXDOMAIN vs NODATA
 * (RFC 2308; empty non-terminals are NODATA). Names are ACE, compared case-insensitively.
 *
 * The store is updated in place, one registered domain at a time (`applyChanges`), so a change
 * to one domain of a 1,000,000-domain zone costs that domain, not the zone. Every update keeps
 * its difference in a bounded journal that IXFR (RFC 1995) is served from. Node arrays are never
 * mutated, only replaced, so a transfer that has taken a `snapshot` keeps a consistent view
 * while updates go on. Identical RRs (the edge's addresses on a million names) share one object.
 *
 * For AXFR the zone's domains are split into buckets (by a hash of the domain, about 256 domains
 * each); each bucket keeps its RRs encoded as ready transfer messages, re-encoded only after a
 * change to one of its domains. A transfer then mostly copies bytes, as Knot does from its tree.
 */
import { diffZones, type ZoneDiff } from '../domain/dns/diff.js';
import type { Zone, ZoneRecord, ZoneSoa } from '../domain/dns/zone.js';
import { MessageWriter } from './message-writer.js';

export type Lookup =
  /** The RRset(s) at the name; owners are the query name (wildcards synthesised). */
  | { kind: 'answer'; records: ZoneRecord[]; wildcard: boolean }
  /** A CNAME at the name; `target` is where the chain continues. */
  | { kind: 'cname'; record: ZoneRecord; target: string; wildcard: boolean }
  /** The name is at or below a delegation cut: NS of the cut and in-zone glue. */
  | { kind: 'referral'; cut: string; ns: ZoneRecord[]; glue: ZoneRecord[] }
  | { kind: 'nodata' }
  | { kind: 'nxdomain' };

/** An RR without its owner: the node's key is the owner. */
export type NodeRR = Omit<ZoneRecord, 'owner'>;
type Node = readonly NodeRR[];

/** One step of the journal: the zone at `from` plus this difference is the zone at `to`. */
export interface JournalEntry extends ZoneDiff {
  from: number;
  to: number;
}

export interface JournalLimits {
  /** At most this many entries… */
  entries: number;
  /** …holding at most this many RRs in all; older entries are dropped first. */
  records: number;
}

const defaultLimits: JournalLimits = { entries: 1000, records: 200_000 };

/** Answer-section bytes per cached transfer message. */
const bucketMessageBudget = 32_000;
/** Flags of a cached transfer message (QR, AA); the request's id and flags are patched in. */
const transferFlags = 0x8400;

/** FNV-1a over the UTF-16 code units: a stable bucket for a domain. */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export const canonicalName = (name: string): string => {
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  return /[A-Z]/.test(n) ? n.toLowerCase() : n;
};

function parentOf(name: string): string | null {
  const dot = name.indexOf('.');
  return dot < 0 ? null : name.slice(dot + 1);
}

/** Shares identical RRs; bounded, so a zone of distinct addresses does not grow a second index. */
class RRInterner {
  private readonly seen = new Map<string, NodeRR>();
  constructor(private readonly max = 10_000) {}
  intern(r: ZoneRecord): NodeRR {
    if (typeof r.data !== 'string') return { type: r.type, ttl: r.ttl, data: r.data };
    const key = `${r.type} ${r.ttl} ${r.data}`;
    const known = this.seen.get(key);
    if (known !== undefined) return known;
    const rr: NodeRR = Object.freeze({ type: r.type, ttl: r.ttl, data: r.data });
    if (this.seen.size < this.max) this.seen.set(key, rr);
    return rr;
  }
}

const dataKey = (d: ZoneRecord['data']) => (typeof d === 'string' ? d : JSON.stringify(d));

/**
 * `node` with `r` added, keeping the RRset rules of RFC 2181 §5: an identical RR is not added
 * twice, and every RR of a set carries the set's lowest TTL.
 */
function withRecord(node: Node, r: ZoneRecord, interner: RRInterner): Node {
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
  out.push(ttl === r.ttl ? interner.intern(r) : interner.intern({ ...r, ttl }));
  return out;
}

export class ZoneStore {
  readonly apex: string;
  readonly ttl: number;
  readonly ns: readonly string[];
  private soaNow: ZoneSoa;
  /** Owner (lower-case ACE) → its RRs. The apex NS are kept apart, in `ns`. */
  private readonly nodes = new Map<string, Node>();
  /** Name → how many owners lie strictly below it: what makes an empty non-terminal exist. */
  private readonly below = new Map<string, number>();
  /** Owners below the apex that hold NS records: delegation points. */
  private readonly cuts = new Set<string>();
  /** Domains with owners other than the domain itself and its `www`. */
  private readonly extraOwners = new Map<string, Set<string>>();
  private readonly apexDepth: number;
  private readonly interner = new RRInterner();
  /** Domains holding records, per bucket; and each bucket's encoded messages (null: to encode). */
  private readonly bucketDomains: Set<string>[];
  private readonly bucketMessages: (Buffer[] | null)[];
  private journalEntries: JournalEntry[] = [];
  private journalRecords = 0;
  private readonly limits: JournalLimits;

  constructor(zone: Zone, limits: JournalLimits = defaultLimits) {
    this.apex = canonicalName(zone.apex);
    this.apexDepth = this.apex.split('.').length;
    this.soaNow = zone.soa;
    this.ttl = zone.ttl ?? 3600;
    this.ns = zone.ns;
    this.limits = limits;
    const buckets = Math.min(65_536, Math.max(1, Math.ceil((zone.expectedDomains ?? zone.records.length / 3) / 256)));
    this.bucketDomains = Array.from({ length: buckets }, () => new Set<string>());
    this.bucketMessages = Array.from({ length: buckets }, () => null);
    for (const r of zone.records) this.addRecord(r);
  }

  get serial(): number {
    return this.soaNow.serial;
  }

  get soa(): ZoneSoa {
    return this.soaNow;
  }

  /** Number of owner names holding records (apex NS excluded). */
  get size(): number {
    return this.nodes.size;
  }

  /** The apex NS RRs. */
  apexNs(): ZoneRecord[] {
    return this.ns.map((data): ZoneRecord => ({ owner: this.apex, type: 'NS', ttl: this.ttl, data }));
  }

  /** The zone's RRs (apex NS first, SOA excluded). For small zones and tests; transfers use `snapshot`. */
  records(): ZoneRecord[] {
    const out = this.apexNs();
    for (const [owner, node] of this.nodes) for (const rr of node) out.push({ owner, ...rr });
    return out;
  }

  /** A consistent view of the zone's nodes for a transfer that runs while updates go on. */
  snapshot(): { soa: ZoneSoa; ns: ZoneRecord[]; nodes: [string, Node][] } {
    return { soa: this.soaNow, ns: this.apexNs(), nodes: [...this.nodes] };
  }

  /** Encodes up to `limit` buckets that changed since they were last encoded; true when none is left. */
  encodeBuckets(limit = Number.POSITIVE_INFINITY): boolean {
    let done = 0;
    for (let b = 0; b < this.bucketMessages.length; b++) {
      if (this.bucketMessages[b] !== null) continue;
      if (done >= limit) return false;
      this.bucketMessages[b] = this.encodeBucket(b);
      done++;
    }
    return true;
  }

  private encodeBucket(b: number): Buffer[] {
    const out: Buffer[] = [];
    let writer = new MessageWriter({ id: 0, flags: transferFlags }, undefined, bucketMessageBudget);
    for (const domain of this.bucketDomains[b] ?? []) {
      for (const owner of [domain, `www.${domain}`, ...(this.extraOwners.get(domain) ?? [])]) {
        for (const rr of this.nodes.get(owner) ?? []) {
          if (writer.add(owner, rr)) continue;
          out.push(writer.finish());
          writer = new MessageWriter({ id: 0, flags: transferFlags }, undefined, bucketMessageBudget);
          writer.add(owner, rr);
        }
      }
    }
    if (writer.count > 0) out.push(writer.finish());
    return out;
  }

  /**
   * The zone as encoded transfer messages (answer sections only, id 0), consistent at this
   * moment: buckets changed since their last encoding are encoded now.
   */
  transferSnapshot(): { soa: ZoneSoa; ns: ZoneRecord[]; messages: Buffer[][] } {
    this.encodeBuckets();
    return { soa: this.soaNow, ns: this.apexNs(), messages: this.bucketMessages.map((m) => m ?? []) };
  }

  /** Whether `name` (any case, ACE) is at or below the apex. */
  contains(name: string): boolean {
    const n = canonicalName(name);
    return n === this.apex || n.endsWith(`.${this.apex}`);
  }

  /** The registered domain (one label below the apex) that `owner` belongs to, or null for the apex. */
  domainOf(owner: string): string | null {
    const labels = canonicalName(owner).split('.');
    if (labels.length <= this.apexDepth) return null;
    return labels.slice(labels.length - this.apexDepth - 1).join('.');
  }

  // --- updates -------------------------------------------------------------------------------

  /** Adds records while the zone is first built (no journal entry). */
  load(records: Iterable<ZoneRecord>): void {
    for (const r of records) this.addRecord(r);
  }

  private bucketOf(domain: string): number {
    return hashOf(domain) % this.bucketDomains.length;
  }

  private addRecord(r: ZoneRecord): void {
    const owner = canonicalName(r.owner);
    if (!this.contains(owner) || owner === this.apex) return;
    const domain = this.domainOf(owner);
    if (domain !== null) {
      const b = this.bucketOf(domain);
      this.bucketDomains[b]?.add(domain);
      this.bucketMessages[b] = null;
    }
    const node = this.nodes.get(owner);
    if (node === undefined) {
      this.addOwner(owner);
      this.nodes.set(owner, [this.interner.intern(r)]);
    } else {
      this.nodes.set(owner, withRecord(node, r, this.interner));
    }
    if (r.type === 'NS') this.cuts.add(owner);
  }

  private addOwner(owner: string): void {
    for (let n = parentOf(owner); n !== null && n !== this.apex; n = parentOf(n)) this.below.set(n, (this.below.get(n) ?? 0) + 1);
    const domain = this.domainOf(owner);
    if (domain !== null && owner !== domain && owner !== `www.${domain}`) {
      let set = this.extraOwners.get(domain);
      if (set === undefined) this.extraOwners.set(domain, (set = new Set()));
      set.add(owner);
    }
  }

  private removeOwner(owner: string): void {
    this.nodes.delete(owner);
    this.cuts.delete(owner);
    for (let n = parentOf(owner); n !== null && n !== this.apex; n = parentOf(n)) {
      const count = (this.below.get(n) ?? 0) - 1;
      if (count > 0) this.below.set(n, count);
      else this.below.delete(n);
    }
    const domain = this.domainOf(owner);
    const extra = domain === null ? undefined : this.extraOwners.get(domain);
    if (extra !== undefined && domain !== null) {
      extra.delete(owner);
      if (extra.size === 0) this.extraOwners.delete(domain);
    }
  }

  /** Whether any RR is held at `name`. */
  hasOwner(name: string): boolean {
    return this.nodes.has(canonicalName(name));
  }

  /** Every RR the zone holds for `domain` (ACE) and the names below it. */
  recordsOfDomain(domain: string): ZoneRecord[] {
    const d = canonicalName(domain);
    const owners = [d, `www.${d}`, ...(this.extraOwners.get(d) ?? [])];
    const out: ZoneRecord[] = [];
    for (const owner of owners) for (const rr of this.nodes.get(owner) ?? []) out.push({ owner, ...rr });
    return out;
  }

  /**
   * Replaces the records of each given domain (ACE → its complete new RR list) and moves the
   * serial to `serial`, journaling the difference. Returns it.
   */
  applyChanges(serial: number, domains: ReadonlyMap<string, readonly ZoneRecord[]>): ZoneDiff {
    const removed: ZoneRecord[] = [];
    const added: ZoneRecord[] = [];
    for (const [domain, next] of domains) {
      const before = this.recordsOfDomain(domain);
      const inside = next.filter((r) => this.domainOf(r.owner) === canonicalName(domain));
      const diff = diffZones(before, inside);
      if (diff.removed.length === 0 && diff.added.length === 0) continue;
      removed.push(...diff.removed);
      added.push(...diff.added);
      for (const owner of new Set(before.map((r) => canonicalName(r.owner)))) this.removeOwner(owner);
      const b = this.bucketOf(canonicalName(domain));
      this.bucketMessages[b] = null;
      if (inside.length === 0) this.bucketDomains[b]?.delete(canonicalName(domain));
      for (const r of inside) this.addRecord(r);
    }
    const from = this.soaNow.serial;
    if (serial !== from) {
      this.remember({ from, to: serial, removed, added });
      this.soaNow = { ...this.soaNow, serial };
    }
    return { removed, added };
  }

  private remember(entry: JournalEntry): void {
    this.journalEntries.push(entry);
    this.journalRecords += entry.removed.length + entry.added.length;
    while (this.journalEntries.length > this.limits.entries || (this.journalRecords > this.limits.records && this.journalEntries.length > 1)) {
      const dropped = this.journalEntries.shift();
      if (dropped !== undefined) this.journalRecords -= dropped.removed.length + dropped.added.length;
    }
  }

  /**
   * The journal entries leading from `serial` to the current serial, or null when the journal
   * does not reach back that far (the caller then sends the whole zone).
   */
  journalFrom(serial: number): JournalEntry[] | null {
    if (serial === this.soaNow.serial) return [];
    const start = this.journalEntries.findIndex((e) => e.from === serial);
    if (start < 0) return null;
    const steps = this.journalEntries.slice(start);
    for (let i = 1; i < steps.length; i++) if (steps[i]?.from !== steps[i - 1]?.to) return null;
    return steps.at(-1)?.to === this.soaNow.serial ? steps : null;
  }

  // --- queries -------------------------------------------------------------------------------

  private exists(name: string): boolean {
    return name === this.apex || this.nodes.has(name) || this.below.has(name);
  }

  private nodeAt(name: string): Node | undefined {
    if (name === this.apex) return this.ns.map((data): NodeRR => ({ type: 'NS', ttl: this.ttl, data }));
    return this.nodes.get(name);
  }

  /** Address records at `name`, ignoring cuts (glue lives below them). */
  addresses(name: string): ZoneRecord[] {
    const owner = canonicalName(name);
    return (this.nodes.get(owner) ?? []).filter((r) => r.type === 'A' || r.type === 'AAAA').map((r) => ({ owner, ...r }));
  }

  /** The delegation cut at or above `name` (below the apex), if any: the highest one wins. */
  private cutAbove(name: string): string | null {
    if (this.cuts.size === 0) return null;
    const labels = name.split('.');
    for (let i = labels.length - this.apexDepth - 1; i >= 0; i--) {
      const candidate = labels.slice(i).join('.');
      if (this.cuts.has(candidate)) return candidate;
    }
    return null;
  }

  private referral(cut: string): Lookup {
    const ns = (this.nodes.get(cut) ?? []).filter((r) => r.type === 'NS').map((r) => ({ owner: cut, ...r }));
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
    if (this.exists(name)) return this.fromNode(this.nodeAt(name), qname, qtype, false);
    // RFC 4592 §4.1: the closest encloser's wildcard, if that exists, synthesises the answer.
    let encloser = parentOf(name);
    while (encloser !== null && !this.exists(encloser)) encloser = parentOf(encloser);
    if (encloser === null) return { kind: 'nxdomain' };
    const wildcard = this.nodes.get(`*.${encloser}`);
    if (wildcard === undefined) return { kind: 'nxdomain' };
    return this.fromNode(wildcard, qname, qtype, true);
  }

  private fromNode(node: Node | undefined, qname: string, qtype: string, wildcard: boolean): Lookup {
    if (node === undefined || node.length === 0) return { kind: 'nodata' };
    const owner = qname.endsWith('.') ? qname.slice(0, -1) : qname;
    const named = (rs: readonly NodeRR[]) => rs.map((r): ZoneRecord => ({ owner, ...r }));
    if (qtype === 'ANY') return { kind: 'answer', records: named(node), wildcard };
    const set = node.filter((r) => r.type === qtype);
    if (set.length > 0) return { kind: 'answer', records: named(set), wildcard };
    const cname = node.find((r) => r.type === 'CNAME');
    if (cname !== undefined) return { kind: 'cname', record: { owner, ...cname }, target: String(cname.data), wildcard };
    return { kind: 'nodata' };
  }
}
