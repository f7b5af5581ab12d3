/**
 * An in-memory index of one zone for answering queries and transfers: exact match, CNAME at
 * the name, wildcard synthesis (RFC 4592 basics), delegation cuts with glue, NXDOMAIN vs NODATA
 * (RFC 2308; empty non-terminals are NODATA). Names are ACE, compared case-insensitively.
 *
 * Names are held by registered domain (the label below the apex): one map entry per domain with
 * its owners as names relative to it (`''`, `www`, `a.b`), which is what a 1,000,000-domain zone
 * needs to build in seconds and fit in memory; empty non-terminals, wildcards and cuts are found
 * among one domain's few owners. The store is updated in place, one registered domain at a time
 * (`applyChanges`), so a change to one domain costs that domain, not the zone. Every update keeps
 * its difference in a bounded journal that IXFR (RFC 1995) is served from. Domain entries and
 * RR arrays are never mutated, only replaced, so a transfer that has taken a `snapshot` keeps a
 * consistent view while updates go on. Identical RRs (the edge's addresses on a million names,
 * a domain's address at `@` and `www`) share one object.
 *
 * For AXFR the zone's domains are split into buckets (by a hash of the domain, about 256 domains
 * each); each bucket keeps its RRs encoded as ready transfer messages, re-encoded only after a
 * change to one of its domains. A transfer then mostly copies bytes, as Knot does from its tree.
 */
import { diffZones, type ZoneDiff } from '../domain/dns/diff.js';
import type { Zone, ZoneRecord, ZoneSoa } from '../domain/dns/zone.js';
import { compileTemplate, type DomainTemplate } from './domain-template.js';
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
/** One registered domain's owners: [relative name, RRs, relative name, RRs, …]; `''` is the domain itself. */
type DomainNode = readonly (string | Node)[];

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

/** Answer-section bytes per cached transfer message: within reach of a compression pointer (16,383). */
const bucketMessageBudget = 16_000;
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

/**
 * An interner is bounded, so a zone of distinct addresses does not grow a second index; when
 * full it starts again empty. It must not simply stop taking entries: a zone read in table
 * order brings 300,000 distinct addresses before the edge's address that a million names share.
 */
function forget(interner: { seen: Map<unknown, unknown>; count: number }): void {
  interner.seen.clear();
  interner.count = 0;
}

/**
 * Shares identical RRs. Looked up by the data string itself (no key is built per RR: a zone
 * build interns millions).
 */
class RRInterner {
  readonly seen = new Map<string, NodeRR[]>();
  count = 0;
  constructor(private readonly max = 10_000) {}
  intern(r: ZoneRecord): NodeRR {
    if (typeof r.data !== 'string') return { type: r.type, ttl: r.ttl, data: r.data };
    const known = this.seen.get(r.data);
    if (known !== undefined) for (const x of known) if (x.type === r.type && x.ttl === r.ttl) return x;
    const rr: NodeRR = Object.freeze({ type: r.type, ttl: r.ttl, data: r.data });
    if (this.count >= this.max) forget(this);
    if (known === undefined || this.count === 0) this.seen.set(r.data, [rr]);
    else known.push(rr);
    this.count++;
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
  return out.slice(); // exact length: a pushed-to array keeps room for 17 elements
}

/**
 * Shares equal arrays (same length, the same elements by identity): the edge's A and AAAA at
 * `@` and `www` of a million 网络红页 domains are one node, and their domain entries one entry.
 * Arrays here are never mutated, so sharing is safe. Bounded (see `forget`).
 */
class ArrayInterner<T> {
  readonly seen = new Map<unknown, (readonly T[])[]>();
  count = 0;
  constructor(private readonly max = 10_000) {}
  intern<A extends readonly T[]>(a: A): A {
    if (a.length === 0 || a.length > 8) return a;
    const known = this.seen.get(a[a.length - 1]);
    if (known !== undefined) {
      for (const k of known) {
        if (k.length !== a.length) continue;
        let same = true;
        for (let i = 0; i < a.length && same; i++) same = k[i] === a[i];
        if (same) return k as A;
      }
      if (known.length >= 8) return a;
    }
    if (this.count >= this.max) forget(this);
    if (known === undefined || this.count === 0) this.seen.set(a[a.length - 1], [a]);
    else known.push(a);
    this.count++;
    return a;
  }
}

/** An RR of `dn` equal to `r` (a domain's address at `@` and at `www`), to share it. */
function sameIn(dn: DomainNode, r: ZoneRecord): NodeRR | undefined {
  if (typeof r.data !== 'string') return undefined;
  for (let i = 1; i < dn.length; i += 2) for (const x of dn[i] as Node) if (x.data === r.data && x.type === r.type && x.ttl === r.ttl) return x;
  return undefined;
}

/** A node of `dn` with the same RRs as `node` (`@` and `www` of a domain often hold the same). */
function sameNodeIn(dn: DomainNode, node: Node): Node | undefined {
  for (let i = 1; i < dn.length; i += 2) {
    const other = dn[i] as Node;
    if (other.length === node.length && other.every((x, j) => x === node[j])) return other;
  }
  return undefined;
}

const www = 'www';

export class ZoneStore {
  readonly apex: string;
  readonly ttl: number;
  readonly ns: readonly string[];
  private soaNow: ZoneSoa;
  /** `.` + apex: the suffix of every name below it. */
  private readonly dotApex: string;
  /** Registered domain (lower-case ACE, one label below the apex) → its owners and their RRs. The apex NS are in `ns`. */
  private readonly domains = new Map<string, DomainNode>();
  private owners = 0;
  /** Owners below the apex that hold NS records: delegation points. */
  private readonly cuts = new Set<string>();
  private readonly apexDepth: number;
  private readonly interner = new RRInterner();
  private readonly nodeInterner = new ArrayInterner<NodeRR>();
  private readonly domainInterner = new ArrayInterner<string | Node>();
  /** Domain entries held by more than one domain, and their transfer templates (null: none). */
  private readonly sharedDomains = new WeakSet<DomainNode>();
  private readonly templates = new WeakMap<DomainNode, DomainTemplate | null>();
  /** Domains holding records, per bucket; and each bucket's encoded messages (null: to encode). */
  private readonly bucketDomains: string[][];
  private readonly bucketMessages: (Buffer[] | null)[];
  /** Moves whenever a bucket's messages are thrown away: an encoding begun before is not kept. */
  private readonly bucketVersions: Uint32Array;
  private journalEntries: JournalEntry[] = [];
  private journalRecords = 0;
  private readonly limits: JournalLimits;

  constructor(zone: Zone, limits: JournalLimits = defaultLimits) {
    this.apex = canonicalName(zone.apex);
    this.dotApex = `.${this.apex}`;
    this.apexDepth = this.apex.split('.').length;
    this.soaNow = zone.soa;
    this.ttl = zone.ttl ?? 3600;
    this.ns = zone.ns;
    this.limits = limits;
    const buckets = Math.min(65_536, Math.max(1, Math.ceil((zone.expectedDomains ?? zone.records.length / 3) / 256)));
    this.bucketDomains = Array.from({ length: buckets }, () => []);
    this.bucketMessages = Array.from({ length: buckets }, () => null);
    this.bucketVersions = new Uint32Array(buckets);
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
    return this.owners;
  }

  /** The apex NS RRs. */
  apexNs(): ZoneRecord[] {
    return this.ns.map((data): ZoneRecord => ({ owner: this.apex, type: 'NS', ttl: this.ttl, data }));
  }

  /** The zone's RRs (apex NS first, SOA excluded). For small zones and tests; transfers use `transferSnapshot`. */
  records(): ZoneRecord[] {
    const out = this.apexNs();
    for (const [owner, node] of this.ownerNodes()) for (const rr of node) out.push({ owner, ...rr });
    return out;
  }

  private *ownerNodes(): Generator<[string, Node]> {
    for (const [domain, dn] of this.domains) for (let i = 0; i < dn.length; i += 2) yield [fullName(dn[i] as string, domain), dn[i + 1] as Node];
  }

  /** A consistent view of the zone's nodes, for tests and small zones. */
  snapshot(): { soa: ZoneSoa; ns: ZoneRecord[]; nodes: [string, Node][] } {
    return { soa: this.soaNow, ns: this.apexNs(), nodes: [...this.ownerNodes()] };
  }

  /** Encodes up to `limit` buckets that changed since they were last encoded; true when none is left. */
  encodeBuckets(limit = Number.POSITIVE_INFINITY): boolean {
    let done = 0;
    const scratch = Buffer.allocUnsafe(bucketMessageBudget + 16_384);
    for (let b = 0; b < this.bucketMessages.length; b++) {
      if (this.bucketMessages[b] !== null) continue;
      if (done >= limit) return false;
      this.bucketMessages[b] = this.encodeBucket(b, scratch);
      done++;
    }
    return true;
  }

  private encodeBucket(b: number, scratch: Buffer): Buffer[] {
    const names = this.bucketDomains[b] ?? [];
    return this.encodeDomains(names, names.map((d) => this.domains.get(d)), scratch);
  }

  /** Transfer messages of the given domains and their entries. */
  private encodeDomains(names: readonly string[], entries: readonly (DomainNode | undefined)[], scratch: Buffer): Buffer[] {
    const out: Buffer[] = [];
    let writer = new MessageWriter({ id: 0, flags: transferFlags }, undefined, bucketMessageBudget, scratch);
    // Neighbours often hold the same shared entry: its template is looked up once for a run of them.
    let lastEntry: DomainNode | undefined;
    let lastTemplate: DomainTemplate | null = null;
    for (let k = 0; k < names.length; k++) {
      const domain = names[k] ?? '';
      const dn = entries[k];
      if (dn === undefined) continue;
      if (dn !== lastEntry) {
        lastEntry = dn;
        lastTemplate = this.sharedDomains.has(dn) ? this.templateOf(dn) : null;
      }
      const t = lastTemplate;
      if (t !== null) {
        if (writer.addTemplate(this.apex, domain, t)) continue;
        if (writer.count > 0) {
          out.push(writer.finish());
          writer = new MessageWriter({ id: 0, flags: transferFlags }, undefined, bucketMessageBudget, scratch);
          if (writer.addTemplate(this.apex, domain, t)) continue;
        }
      }
      for (let i = 0; i < dn.length; i += 2) {
        const rel = dn[i] as string;
        for (const rr of dn[i + 1] as Node) {
          if (writer.addBelow(this.apex, domain, rel, rr)) continue;
          out.push(writer.finish());
          writer = new MessageWriter({ id: 0, flags: transferFlags }, undefined, bucketMessageBudget, scratch);
          writer.addBelow(this.apex, domain, rel, rr);
        }
      }
    }
    if (writer.count > 0) out.push(writer.finish());
    return out;
  }

  private templateOf(dn: DomainNode): DomainTemplate | null {
    let t = this.templates.get(dn);
    if (t === undefined) this.templates.set(dn, (t = compileTemplate(dn)));
    return t;
  }

  /**
   * The zone as encoded transfer messages (answer sections only, id 0), per bucket, consistent
   * at this moment. Buckets changed since their last encoding are encoded as the caller reaches
   * them (so the first transfer after a build streams while it encodes), from the domain entries
   * taken now: entries are never mutated, so later changes do not leak into this transfer.
   */
  transferSnapshot(): { soa: ZoneSoa; ns: ZoneRecord[]; messages: Iterable<Buffer[]> } {
    type Pending = { version: number; names: string[]; entries: (DomainNode | undefined)[] };
    const parts = this.bucketMessages.map((m, b): Buffer[] | Pending => {
      if (m !== null) return m;
      const names = (this.bucketDomains[b] ?? []).slice();
      return { version: this.bucketVersions[b] ?? 0, names, entries: names.map((d) => this.domains.get(d)) };
    });
    const encode = (b: number, part: Pending, scratch: Buffer) => {
      // Encoded meanwhile (the background warm-up after a build) from the same entries: reuse it.
      const done = this.bucketMessages[b];
      if (done !== null && done !== undefined && this.bucketVersions[b] === part.version) return done;
      const out = this.encodeDomains(part.names, part.entries, scratch);
      if (this.bucketVersions[b] === part.version && this.bucketMessages[b] === null) this.bucketMessages[b] = out;
      return out;
    };
    function* messages(): Generator<Buffer[]> {
      const scratch = Buffer.allocUnsafe(bucketMessageBudget + 16_384);
      for (let b = 0; b < parts.length; b++) {
        const part = parts[b];
        if (part !== undefined) yield Array.isArray(part) ? part : encode(b, part, scratch);
      }
    }
    return { soa: this.soaNow, ns: this.apexNs(), messages: messages() };
  }

  /** Whether `name` (any case, ACE) is at or below the apex. */
  contains(name: string): boolean {
    const n = canonicalName(name);
    return n === this.apex || n.endsWith(this.dotApex);
  }

  /** Whether a canonical name lies strictly below the apex. */
  private isBelow(name: string): boolean {
    return name.length > this.dotApex.length && name.endsWith(this.dotApex);
  }

  /** The registered domain of a canonical name strictly below the apex. */
  private domainPart(name: string): string {
    const start = name.lastIndexOf('.', name.length - this.dotApex.length - 1) + 1;
    return start === 0 ? name : name.slice(start);
  }

  /** The registered domain (one label below the apex) that `owner` belongs to, or null for the apex. */
  domainOf(owner: string): string | null {
    const n = canonicalName(owner);
    if (this.isBelow(n)) return this.domainPart(n);
    const labels = n.split('.');
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
    if (!this.isBelow(owner)) return;
    const domain = this.domainPart(owner);
    const rel = relativeName(owner, domain);
    const b = this.bucketOf(domain);
    this.dirty(b);
    const dn = this.domains.get(domain);
    let next: DomainNode;
    if (dn === undefined) {
      this.bucketDomains[b]?.push(domain);
      next = [rel, this.nodeInterner.intern([this.interner.intern(r)])];
      this.owners++;
    } else {
      let i = 0;
      while (i < dn.length && dn[i] !== rel) i += 2;
      if (i < dn.length) {
        const node = withRecord(dn[i + 1] as Node, r, this.interner);
        const copy = dn.slice();
        copy[i + 1] = sameNodeIn(dn, node) ?? this.nodeInterner.intern(node);
        next = copy;
      } else {
        const node = [sameIn(dn, r) ?? this.interner.intern(r)];
        next = dn.concat([rel, sameNodeIn(dn, node) ?? this.nodeInterner.intern(node)]);
        this.owners++;
      }
    }
    const shared = this.domainInterner.intern(next);
    if (shared !== next) this.sharedDomains.add(shared);
    this.domains.set(domain, shared);
    if (r.type === 'NS') this.cuts.add(owner);
  }

  private dirty(b: number): void {
    this.bucketMessages[b] = null;
    this.bucketVersions[b] = (this.bucketVersions[b] ?? 0) + 1;
  }

  /** Takes a domain and all its names out of the zone. */
  private removeDomain(domain: string): void {
    const dn = this.domains.get(domain);
    if (dn === undefined) return;
    this.owners -= dn.length / 2;
    if (this.cuts.size > 0) for (let i = 0; i < dn.length; i += 2) this.cuts.delete(fullName(dn[i] as string, domain));
    this.domains.delete(domain);
    const b = this.bucketOf(domain);
    this.dirty(b);
    this.bucketDomains[b] = (this.bucketDomains[b] ?? []).filter((d) => d !== domain);
  }

  /** Whether any RR is held at `name`. */
  hasOwner(name: string): boolean {
    return this.ownerNode(canonicalName(name)) !== undefined;
  }

  /** Every RR the zone holds for `domain` (ACE) and the names below it. */
  recordsOfDomain(domain: string): ZoneRecord[] {
    const d = canonicalName(domain);
    const dn = this.domains.get(d);
    const out: ZoneRecord[] = [];
    if (dn === undefined) return out;
    for (let i = 0; i < dn.length; i += 2) {
      const owner = fullName(dn[i] as string, d);
      for (const rr of dn[i + 1] as Node) out.push({ owner, ...rr });
    }
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
      const d = canonicalName(domain);
      const before = this.recordsOfDomain(d);
      const inside = next.filter((r) => this.domainOf(r.owner) === d);
      const diff = diffZones(before, inside);
      if (diff.removed.length === 0 && diff.added.length === 0) continue;
      removed.push(...diff.removed);
      added.push(...diff.added);
      this.removeDomain(d);
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

  /** The RRs held at a canonical name below the apex. */
  private ownerNode(name: string): Node | undefined {
    if (!this.isBelow(name)) return undefined;
    const domain = this.domainPart(name);
    const dn = this.domains.get(domain);
    if (dn === undefined) return undefined;
    const rel = relativeName(name, domain);
    for (let i = 0; i < dn.length; i += 2) if (dn[i] === rel) return dn[i + 1] as Node;
    return undefined;
  }

  /** Whether a canonical name exists: the apex, an owner, or an empty non-terminal above owners. */
  private exists(name: string): boolean {
    if (name === this.apex) return true;
    if (!this.isBelow(name)) return false;
    const domain = this.domainPart(name);
    const dn = this.domains.get(domain);
    if (dn === undefined) return false;
    const rel = relativeName(name, domain);
    if (rel === '') return true;
    for (let i = 0; i < dn.length; i += 2) {
      const o = dn[i] as string;
      if (o === rel || (o.length > rel.length && o.endsWith(rel) && o.charCodeAt(o.length - rel.length - 1) === 0x2e)) return true;
    }
    return false;
  }

  private nodeAt(name: string): Node | undefined {
    if (name === this.apex) return this.ns.map((data): NodeRR => ({ type: 'NS', ttl: this.ttl, data }));
    return this.ownerNode(name);
  }

  /** Address records at `name`, ignoring cuts (glue lives below them). */
  addresses(name: string): ZoneRecord[] {
    const owner = canonicalName(name);
    return (this.ownerNode(owner) ?? []).filter((r) => r.type === 'A' || r.type === 'AAAA').map((r) => ({ owner, ...r }));
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
    const ns = (this.ownerNode(cut) ?? []).filter((r) => r.type === 'NS').map((r) => ({ owner: cut, ...r }));
    const glue = ns.flatMap((r) => (this.contains(String(r.data)) ? this.addresses(String(r.data)) : []));
    return { kind: 'referral', cut, ns, glue };
  }

  /** Looks `qname` up for `qtype` (an RR type name, or ANY). The name must be in this zone. */
  lookup(qname: string, qtype: string): Lookup {
    const name = canonicalName(qname);
    if (name !== this.apex && !name.endsWith(this.dotApex)) return { kind: 'nxdomain' };
    const cut = this.cutAbove(name);
    // DS at a cut is the parent's data (RFC 4035 §3.1.4.1); we publish none: NODATA.
    if (cut !== null && !(cut === name && qtype === 'DS')) return this.referral(cut);
    if (cut !== null) return { kind: 'nodata' };
    if (this.exists(name)) return this.fromNode(this.nodeAt(name), qname, qtype, false);
    // RFC 4592 §4.1: the closest encloser's wildcard, if that exists, synthesises the answer.
    let encloser = parentOf(name);
    while (encloser !== null && !this.exists(encloser)) encloser = parentOf(encloser);
    if (encloser === null) return { kind: 'nxdomain' };
    const wildcard = this.ownerNode(`*.${encloser}`);
    if (wildcard === undefined) return { kind: 'nxdomain' };
    return this.fromNode(wildcard, qname, qtype, true);
  }

  private fromNode(node: Node | undefined, qname: string, qtype: string, wildcard: boolean): Lookup {
    if (node === undefined || node.length === 0) return { kind: 'nodata' };
    const owner = qname.endsWith('.') ? qname.slice(0, -1) : qname;
    // Loops, not closures: this runs for every query that misses the answer cache.
    const records: ZoneRecord[] = [];
    let cname: NodeRR | undefined;
    for (const r of node) {
      if (qtype === 'ANY' || r.type === qtype) records.push({ owner, type: r.type, ttl: r.ttl, data: r.data });
      else if (r.type === 'CNAME') cname = r;
    }
    if (records.length > 0) return { kind: 'answer', records, wildcard };
    if (cname !== undefined) return { kind: 'cname', record: { owner, type: cname.type, ttl: cname.ttl, data: cname.data }, target: String(cname.data), wildcard };
    return { kind: 'nodata' };
  }
}

/** A canonical name relative to its registered domain: `''` for the domain itself. */
function relativeName(name: string, domain: string): string {
  if (name.length === domain.length) return '';
  const rel = name.slice(0, name.length - domain.length - 1);
  return rel === www ? www : rel; // one shared string for a million `www` names
}

const fullName = (rel: string, domain: string) => (rel === '' ? domain : `${rel}.${domain}`);
