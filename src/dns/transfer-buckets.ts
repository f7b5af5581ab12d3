/**
 * A zone's domains in buckets (by a hash of the domain, about 256 domains each), each bucket
 * kept as ready transfer messages, re-encoded only after a change to one of its domains: an
 * AXFR then mostly copies bytes, as Knot does from its tree. Domain entries held by many
 * domains (the edge's addresses at `@` and `www`) are written from a template.
 */
import { compileTemplate, type DomainTemplate } from './domain-template.js';
import type { DomainNode, Node } from './domain-entry.js';
import { MessageWriter } from './message-writer.js';

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

export class TransferBuckets {
  /** Domains holding records, per bucket; and each bucket's encoded messages (null: to encode). */
  private readonly domains: string[][];
  private readonly messages: (Buffer[] | null)[];
  /** Moves whenever a bucket's messages are thrown away: an encoding begun before is not kept. */
  private readonly versions: Uint32Array;
  /**
   * Each bucket's entries in the order of its domains, as the store placed them when the first
   * build was sealed (`place`), until the bucket is first encoded or changed: the first
   * encoding then reads them here instead of looking each of a million domains up in the store's
   * map (random reads across the heap: a second of the first AXFR at 1,000,000 domains).
   */
  private readonly collected: ((DomainNode | undefined)[] | null)[];
  /** Transfer templates of shared entries (null: none possible). */
  private readonly templates = new WeakMap<DomainNode, DomainTemplate | null>();

  constructor(
    private readonly apex: string,
    count: number,
    /** The zone's current entry of a domain. */
    private readonly entryOf: (domain: string) => DomainNode | undefined,
    /** Whether an entry is held by more than one domain. */
    private readonly isShared: (dn: DomainNode) => boolean,
  ) {
    this.domains = Array.from({ length: count }, () => []);
    this.messages = Array.from({ length: count }, () => null);
    this.versions = new Uint32Array(count);
    this.collected = Array.from({ length: count }, () => []);
  }

  /**
   * While the store seals its first build: `domain` with its `entry` goes last into its bucket.
   * The store places every domain in its map's order, the order `added` would have had.
   */
  place(domain: string, entry: DomainNode): void {
    const b = this.bucketOf(domain);
    this.domains[b]?.push(domain);
    this.collected[b]?.push(entry);
  }

  /** The entries of bucket `b`'s domains: collected at the seal if still valid, else looked up. */
  private entriesOf(b: number, names: readonly string[]): (DomainNode | undefined)[] {
    return this.collected[b] ?? names.map(this.entryOf);
  }

  /** A domain entered the zone. */
  added(domain: string): void {
    const b = this.bucketOf(domain);
    this.dirty(b);
    this.domains[b]?.push(domain);
  }

  /** A domain's entry is about to be replaced. */
  changed(domain: string): void {
    this.dirty(this.bucketOf(domain));
  }

  /** A domain left the zone. */
  removed(domain: string): void {
    const b = this.bucketOf(domain);
    this.dirty(b);
    this.domains[b] = (this.domains[b] ?? []).filter((d) => d !== domain);
  }

  private bucketOf(domain: string): number {
    return hashOf(domain) % this.domains.length;
  }

  private dirty(b: number): void {
    this.messages[b] = null;
    this.collected[b] = null;
    this.versions[b] = (this.versions[b] ?? 0) + 1;
  }

  /** Encodes up to `limit` buckets that changed since they were last encoded; true when none is left. */
  encode(limit = Number.POSITIVE_INFINITY): boolean {
    let done = 0;
    const scratch = Buffer.allocUnsafe(bucketMessageBudget + 16_384);
    for (let b = 0; b < this.messages.length; b++) {
      if (this.messages[b] !== null) continue;
      if (done >= limit) return false;
      this.messages[b] = this.encodeBucket(b, scratch);
      this.collected[b] = null; // encoded: no longer needed
      done++;
    }
    return true;
  }

  private encodeBucket(b: number, scratch: Buffer): Buffer[] {
    const names = this.domains[b] ?? [];
    return this.encodeDomains(names, this.entriesOf(b, names), scratch);
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
        lastTemplate = this.isShared(dn) ? this.templateOf(dn) : null;
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
   * The zone as encoded transfer messages (answer sections only; id and flags are set by each
   * transfer), per bucket, consistent at this moment. Buckets changed since their last encoding
   * are encoded as the caller reaches them (so the first transfer after a build streams while it
   * encodes), from the domain entries taken now: entries are never mutated, so later changes do
   * not leak into this transfer.
   */
  snapshot(): Iterable<Buffer[]> {
    type Pending = { version: number; names: string[]; entries: (DomainNode | undefined)[] };
    const parts = this.messages.map((m, b): Buffer[] | Pending => {
      if (m !== null) return m;
      const names = (this.domains[b] ?? []).slice();
      return { version: this.versions[b] ?? 0, names, entries: this.entriesOf(b, names) };
    });
    const encode = (b: number, part: Pending, scratch: Buffer) => {
      // Encoded meanwhile (the background warm-up after a build) from the same entries: reuse it.
      const done = this.messages[b];
      if (done !== null && done !== undefined && this.versions[b] === part.version) return done;
      const out = this.encodeDomains(part.names, part.entries, scratch);
      if (this.versions[b] === part.version && this.messages[b] === null) {
        this.messages[b] = out;
        this.collected[b] = null;
      }
      return out;
    };
    function* messages(): Generator<Buffer[]> {
      const scratch = Buffer.allocUnsafe(bucketMessageBudget + 16_384);
      for (let b = 0; b < parts.length; b++) {
        const part = parts[b];
        if (part !== undefined) yield Array.isArray(part) ? part : encode(b, part, scratch);
      }
    }
    return messages();
  }
}
