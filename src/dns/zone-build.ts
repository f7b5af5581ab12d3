/**
 * The whole-zone build of the primary: one pass over the database's zone scan (records in
 * table order, one text line each (`db/repositories/zone-lines.ts`), read while the database produces them), each
 * registered domain's entry built in place in the store and shared once complete (`sealLoad`),
 * not copied for every record. The RRs are the same as `domainWireRecords` gives domain by domain (the build and the
 * incremental path must agree: `zone-build.test.ts`), without a `ZoneRecord` per RR: the RRs of
 * URL转发 and 网络红页 names (the edge's addresses, two thirds of a national zone) are made once
 * per TTL and shared.
 */
import { redPageRecords, wireRecordsOfSpec, type Edge } from '../domain/dns/zone.js';
import { defaultTtl, isUrlForward, recordTypes, type RecordType } from '../domain/dns/types.js';
import { addRR, fullName, type Node, type NodeRR } from './domain-entry.js';
import { detach } from './interners.js';
import type { ZoneStore } from './zone-store.js';

/** Turns the zone scan's records (in any order) into the store's domain entries. */
export class ZoneEntryLoader {
  /** The edge's A/AAAA as interned RRs, per TTL. */
  private readonly edgeNodes = new Map<number, Node>();
  /** …and as URL转发 records publish them (`forwardNode`). */
  private readonly forwardNodes = new Map<number, Node>();
  private readonly dotApex: string;

  constructor(
    private readonly store: ZoneStore,
    private readonly edge: Edge,
  ) {
    this.dotApex = `.${store.apex}`;
  }

  /**
   * One record of an active domain as the zone scan's line (`db/repositories/zone-lines.ts`:
   * `type ttl priority domain owner value`, the domain in lower-case ACE), read in place: no row
   * object or string per field (the owner is compared within the line, the type matched against
   * the known ones). A stored owner outside its domain cannot be published (the record rules never
   * write one): such a line is skipped.
   */
  loadLine(line: string): void {
    const a = line.indexOf(' ');
    const b = line.indexOf(' ', a + 1);
    const c = line.indexOf(' ', b + 1);
    const d = c < 0 ? -1 : line.indexOf(' ', c + 1);
    const e = d < 0 ? -1 : line.indexOf(' ', d + 1);
    if (a < 0 || b < 0 || e < 0) return; // not a line of ours: skipped, as a row with a missing value is
    const type = typeAt(line, a);
    if (type === null) return;
    const domain = line.slice(c + 1, d);
    const domainLength = d - c - 1;
    const relLength = e - d - 1 - domainLength - 1; // -1: the owner is the domain itself
    let rel: string;
    if (relLength === -1 && line.startsWith(domain, d + 1)) rel = '';
    else if (relLength >= 0 && line.charCodeAt(d + 1 + relLength) === 0x2e && line.startsWith(domain, e - domainLength)) {
      rel = relLength === 3 && line.startsWith(www, d + 1) ? www : line.slice(d + 1, d + 1 + relLength);
    } else return; // an owner outside its domain
    this.loadAt(domain, rel, type, integerAt(line, a + 1, b), line.slice(e + 1), b + 1 === c ? null : integerAt(line, b + 1, c));
  }

  private loadAt(domain: string, rel: string, type: RecordType, ttl: number, value: string, priority: number | null): void {
    if (!domain.endsWith(this.dotApex)) return;
    const rr = this.store.interners.rr;
    switch (type) {
      case 'A':
      case 'AAAA':
      case 'CNAME':
      case 'NS':
        this.store.loadRR(domain, rel, rr.internParts(type, ttl, value));
        return;
      case 'MX':
        this.store.loadRR(domain, rel, rr.internMx(ttl, priority ?? 0, value));
        return;
      default:
        if (isUrlForward(type)) {
          // The edge's RRs as one node (`loadNode`), not RR by RR: a third of a national zone's domains.
          this.store.loadNode(domain, rel, this.forwardNode(ttl));
          return;
        }
        for (const r of wireRecordsOfSpec(domain, { owner: fullName(rel, domain), ttl, type, value: detach(value) }, this.edge)) this.store.loadRR(domain, rel, rr.intern(r));
    }
  }

  /** After every record: the 网络红页 domains' `@` and `www`, then the store is sealed. */
  finish(redPage: Iterable<string>): void {
    const node = this.edgeNode(defaultTtl);
    const redOnly = this.store.interners.entry.intern(['', node, 'www', node]);
    for (const domain of redPage) if (domain.endsWith(this.dotApex)) this.store.loadRedPage(domain, node, redOnly);
    this.store.sealLoad();
  }

  private edgeNode(ttl: number): Node {
    let node = this.edgeNodes.get(ttl);
    if (node === undefined) {
      const rr = this.store.interners.rr;
      const rrs: NodeRR[] = redPageRecords('x', this.edge, ttl)
        .filter((r) => r.owner === 'x')
        .map((r) => rr.intern(r));
      node = this.store.interners.node.intern(rrs);
      this.edgeNodes.set(ttl, node);
    }
    return node;
  }

  /**
   * The edge's RRs as a URL转发 record publishes them: `edgeNode` with the RRset rules applied
   * (`addRR`, as loading them one by one does), the same object when that changes nothing.
   */
  private forwardNode(ttl: number): Node {
    let node = this.forwardNodes.get(ttl);
    if (node === undefined) {
      const edge = this.edgeNode(ttl);
      let folded: NodeRR[] = [];
      for (const x of edge) folded = addRR(folded, x, this.store.interners.rr);
      node = folded.length === edge.length && folded.every((x, i) => x === edge[i]) ? edge : folded;
      this.forwardNodes.set(ttl, node);
    }
    return node;
  }
}

const www = 'www';

/** The record type (one of `recordTypes`, the constant string) spelled by `line[0, end)`, or null. */
function typeAt(line: string, end: number): RecordType | null {
  for (const t of recordTypes) if (t.length === end && line.startsWith(t)) return t;
  return null;
}

/** The integer written in `s[from, to)` (decimal, an optional minus: PostgreSQL's int4 text). */
function integerAt(s: string, from: number, to: number): number {
  const negative = s.charCodeAt(from) === 0x2d;
  let n = 0;
  for (let i = negative ? from + 1 : from; i < to; i++) n = n * 10 + s.charCodeAt(i) - 0x30;
  return negative ? -n : n;
}
