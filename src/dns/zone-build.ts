/**
 * The whole-zone build of the primary: one pass over the database's zone scan (records in
 * table order, read while the database produces them), each registered domain's entry built in
 * place in the store and shared once complete (`sealLoad`), not copied for every record. The RRs are the same as `domainWireRecords` gives domain by domain (the build and the
 * incremental path must agree: `zone-build.test.ts`), without a `ZoneRecord` per RR: the RRs of
 * URL转发 and 网络红页 names (the edge's addresses, two thirds of a national zone) are made once
 * per TTL and shared.
 */
import type { ZoneScanRecord } from '../db/repositories/dns.js';
import { redPageRecords, wireRecordsOfSpec, type Edge } from '../domain/dns/zone.js';
import { defaultTtl, isRecordType, isUrlForward } from '../domain/dns/types.js';
import { relativeName, type Node, type NodeRR } from './domain-entry.js';
import type { ZoneStore } from './zone-store.js';

/** Turns the zone scan's records (in any order) into the store's domain entries. */
export class ZoneEntryLoader {
  /** The edge's A/AAAA as interned RRs, per TTL. */
  private readonly edgeNodes = new Map<number, Node>();
  private readonly dotApex: string;

  constructor(
    private readonly store: ZoneStore,
    private readonly edge: Edge,
  ) {
    this.dotApex = `.${store.apex}`;
  }

  /** One record of an active domain (`domain`: lower-case ACE, as stored). */
  load(row: ZoneScanRecord): void {
    const { domain, owner, type, ttl, value, priority } = row;
    if (!isRecordType(type) || !domain.endsWith(this.dotApex)) return;
    // A stored owner outside its domain cannot be published; the record rules never write one.
    if (owner !== domain && !(owner.length > domain.length && owner.endsWith(domain) && owner.charCodeAt(owner.length - domain.length - 1) === 0x2e)) return;
    const rel = relativeName(owner, domain);
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
          for (const x of this.edgeNode(ttl)) this.store.loadRR(domain, rel, x);
          return;
        }
        for (const r of wireRecordsOfSpec(domain, { owner, ttl, type, value }, this.edge)) this.store.loadRR(domain, rel, rr.intern(r));
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
}
