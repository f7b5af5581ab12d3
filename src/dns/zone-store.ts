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
 * its difference in a bounded journal (`zone-journal.ts`) that IXFR (RFC 1995) is served from.
 * Domain entries and RR arrays are never mutated, only replaced, so a transfer that has taken a `snapshot` keeps a
 * consistent view while updates go on. Identical RRs (the edge's addresses on a million names,
 * a domain's address at `@` and `www`) share one object.
 *
 * For AXFR the zone's domains are split into buckets kept encoded as transfer messages
 * (`transfer-buckets.ts`). The first build fills entries in place and shares them at the end
 * (`loadRR`, `sealLoad`): a million domains are not copied once per record; the buckets are
 * filled then too, in one pass, with the entries the first encoding reads.
 */
import { diffZones, type ZoneDiff } from '../domain/dns/diff.js';
import type { Zone, ZoneRecord, ZoneSoa } from '../domain/dns/zone.js';
import { addRR, fullName, relativeName, sameIn, sameNodeIn, sealEntry, withRecord, type DomainNode, type EntryInterners, type Node, type NodeRR } from './domain-entry.js';
import { ArrayInterner, RRInterner, detach } from './interners.js';
import { TransferBuckets } from './transfer-buckets.js';
import { ZoneJournal, type JournalEntry, type JournalLimits } from './zone-journal.js';

export type { NodeRR } from './domain-entry.js';
export type { JournalEntry, JournalLimits } from './zone-journal.js';

export type Lookup =
  /** The RRset(s) at the name; owners are the query name (wildcards synthesised). */
  | { kind: 'answer'; records: ZoneRecord[]; wildcard: boolean }
  /** A CNAME at the name; `target` is where the chain continues. */
  | { kind: 'cname'; record: ZoneRecord; target: string; wildcard: boolean }
  /** The name is at or below a delegation cut: NS of the cut and in-zone glue. */
  | { kind: 'referral'; cut: string; ns: ZoneRecord[]; glue: ZoneRecord[] }
  | { kind: 'nodata' }
  | { kind: 'nxdomain' };

/** Buckets for a zone of `domains` registered domains: about 256 domains each. */
const bucketsFor = (domains: number) => Math.min(65_536, Math.max(1, Math.ceil(domains / 256)));

export const canonicalName = (name: string): string => {
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  return /[A-Z]/.test(n) ? n.toLowerCase() : n;
};

function parentOf(name: string): string | null {
  const dot = name.indexOf('.');
  return dot < 0 ? null : name.slice(dot + 1);
}

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
  /** The interners, for RRs made outside (`ZoneEntryLoader`) that this store then holds. */
  readonly interners: EntryInterners = { rr: this.interner, node: this.nodeInterner, entry: this.domainInterner };
  /** Domain entries held by more than one domain (transfers write them from a template). */
  private readonly sharedDomains = new WeakSet<DomainNode>();
  /**
   * The zone's domains in buckets, each kept encoded for transfers: made when the first build is
   * sealed (`sealLoad`), in the map's order, so a build does no bucket work per domain and need not
   * know the zone's size before its records (`expectDomains`).
   */
  private buckets: TransferBuckets | null = null;
  /** How many buckets `sealLoad` makes. */
  private bucketCount: number;
  private readonly journal: ZoneJournal;

  constructor(zone: Zone, limits?: JournalLimits) {
    this.apex = canonicalName(zone.apex);
    this.dotApex = `.${this.apex}`;
    this.apexDepth = this.apex.split('.').length;
    this.soaNow = zone.soa;
    this.ttl = zone.ttl ?? 3600;
    this.ns = zone.ns;
    this.journal = new ZoneJournal(limits);
    this.bucketCount = bucketsFor(zone.expectedDomains ?? zone.records.length / 3);
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
    return this.sealLoad().encode(limit);
  }

  /**
   * The zone as encoded transfer messages (answer sections only; id and flags are the caller's to
   * set, the messages shared and never to be written), per bucket, consistent at this moment
   * (`TransferBuckets.snapshot`).
   */
  transferSnapshot(): { soa: ZoneSoa; ns: ZoneRecord[]; messages: Iterable<Buffer[]> } {
    return { soa: this.soaNow, ns: this.apexNs(), messages: this.sealLoad().snapshot() };
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

  // --- the first build: entries built in place, then sealed ---------------------------------

  /** Domains whose entries are still being built in place (`loadRR`); none once sealed. */
  private unsealed: number | null = 0;

  /**
   * During the first build: adds `rr` at `rel` (relative name) of `domain` (canonical, one label
   * below the apex). The domain's entry is built in place, not copied per RR as `applyChanges`
   * must; `sealLoad` shares the entries once every RR is in.
   */
  loadRR(domain: string, rel: string, rr: NodeRR): void {
    this.loadNode(domain, rel, [rr]);
  }

  /**
   * `loadRR` of each RR of `node`, in order (RRset rules kept). Where `rel` holds nothing yet,
   * `node` itself is taken (never mutated; a URL转发 name gets the edge's node so, not a copy).
   */
  loadNode(domain: string, rel: string, node: Node): void {
    if (this.unsealed === null) throw new Error('the zone is sealed: use applyChanges');
    const dn = this.domains.get(domain) as (string | Node)[] | undefined;
    if (dn === undefined) {
      if (!this.isBelow(domain) || this.domainPart(domain) !== domain) return;
      // Names sliced out of a scan line are copied, not kept as views of the line (`detach`).
      this.domains.set(detach(domain), [detach(rel), node]);
      this.unsealed++;
      this.owners++;
    } else {
      // Arrays are replaced by ones of the exact length, not pushed to: a pushed-to array keeps
      // room for 17 elements, a few hundred megabytes over a million domains before `sealLoad`.
      let i = 0;
      while (i < dn.length && dn[i] !== rel) i += 2;
      if (i < dn.length) {
        let rrs = dn[i + 1] as NodeRR[];
        for (const rr of node) rrs = addRR(rrs, rr, this.interner);
        dn[i + 1] = rrs;
      } else {
        this.domains.set(domain, dn.concat([detach(rel), node]));
        this.owners++;
      }
    }
    for (const rr of node) if (rr.type === 'NS') this.cuts.add(detach(fullName(rel, domain)));
  }

  /**
   * During the first build, after the domain's own RRs: `node` at `@` and `www` where the domain
   * holds nothing (its website is on 网络红页). A domain with no RRs of its own gets `redOnly`,
   * one entry held by all such domains.
   */
  loadRedPage(domain: string, node: Node, redOnly: DomainNode): void {
    const dn = this.domains.get(domain) as (string | Node)[] | undefined;
    if (dn === undefined) {
      if (!this.isBelow(domain) || this.domainPart(domain) !== domain) return;
      this.domains.set(detach(domain), redOnly);
      this.sharedDomains.add(redOnly);
      this.owners += redOnly.length / 2;
      return;
    }
    if (this.sharedDomains.has(dn)) return; // already the red-only entry
    const add: (string | Node)[] = [];
    if (!dn.includes('')) add.push('', node);
    if (!dn.includes('www')) add.push('www', node);
    if (add.length === 0) return;
    this.domains.set(domain, dn.concat(add));
    this.owners += add.length / 2;
  }

  /**
   * During the first build, before it is sealed: the zone's registered domains, active ones
   * included that publish nothing (the bucket count follows it, as it did when it was known first).
   */
  expectDomains(domains: number): void {
    if (this.unsealed === null) throw new Error('the zone is sealed');
    this.bucketCount = bucketsFor(domains);
  }

  /**
   * Ends the first build: entries built in place are shared where equal and never changed again,
   * and the domains go into their transfer buckets, with their entries for the first encoding.
   */
  sealLoad(): TransferBuckets {
    if (this.buckets !== null) return this.buckets;
    const buckets = new TransferBuckets(this.apex, this.bucketCount, (d) => this.domains.get(d), (dn) => this.sharedDomains.has(dn));
    // Replacing the value of a key while iterating is allowed (the order does not change).
    this.domains.forEach((dn, domain, map) => {
      if (this.sharedDomains.has(dn)) return buckets.place(domain, dn);
      const entry = sealEntry(dn as (string | Node)[], this.interners);
      if (entry !== dn) {
        this.sharedDomains.add(entry);
        map.set(domain, entry);
      }
      buckets.place(domain, entry);
    });
    this.buckets = buckets;
    this.unsealed = null;
    return buckets;
  }

  private addRecord(r: ZoneRecord): void {
    const owner = canonicalName(r.owner);
    if (!this.isBelow(owner)) return;
    const domain = this.domainPart(owner);
    const rel = relativeName(owner, domain);
    const dn = this.domains.get(domain);
    let next: DomainNode;
    if (dn === undefined) {
      this.buckets?.added(domain);
      next = [rel, this.nodeInterner.intern([this.interner.intern(r)])];
      this.owners++;
    } else {
      this.buckets?.changed(domain);
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

  /** Takes a domain and all its names out of the zone. */
  private removeDomain(domain: string): void {
    const dn = this.domains.get(domain);
    if (dn === undefined) return;
    this.owners -= dn.length / 2;
    if (this.cuts.size > 0) for (let i = 0; i < dn.length; i += 2) this.cuts.delete(fullName(dn[i] as string, domain));
    this.domains.delete(domain);
    this.buckets?.removed(domain);
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
    this.sealLoad();
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
      this.journal.remember({ from, to: serial, removed, added });
      this.soaNow = { ...this.soaNow, serial };
    }
    return { removed, added };
  }

  /**
   * The journal entries leading from `serial` to the current serial, or null when the journal
   * does not reach back that far (the caller then sends the whole zone).
   */
  journalFrom(serial: number): JournalEntry[] | null {
    return this.journal.from(serial, this.soaNow.serial);
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
