/**
 * Sharing of identical, never-mutated values while a zone is built and updated: the edge's
 * addresses on a million names, a domain's address at `@` and `www`, a million equal domain
 * entries. Both interners are bounded so a zone of distinct values does not grow a second index.
 */
import type { NodeRR } from './domain-entry.js';

/**
 * When full, an interner starts again empty. It must not simply stop taking entries: a zone read
 * in table order brings 300,000 distinct addresses before the edge's address that a million names share.
 */
function forget(interner: { seen: Map<unknown, unknown>; count: number }): void {
  interner.seen.clear();
  interner.count = 0;
}

/**
 * A copy of `s` that does not hold on to a longer string. V8 makes a substring of 13 or more
 * characters a view into its parent, so a name or value sliced out of a zone-scan line would keep
 * the whole line alive for as long as the zone holds it. A JSON round trip makes a plain string of
 * its own (`' ' + s` sliced again would still be a view, of a copy: one more object per name).
 */
export const detach = (s: string): string => (s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string));

/** Shares identical RRs, looked up by their data string (no key is built per RR: a build interns millions). */
export class RRInterner {
  readonly seen = new Map<string, NodeRR[]>();
  count = 0;
  /** MX data by `preference exchange`: a zone's domains mostly share a few mail exchangers. */
  private readonly mx = new Map<string, NodeRR>();
  constructor(private readonly max = 10_000) {}

  intern(r: NodeRR): NodeRR {
    if (typeof r.data !== 'string') return { type: r.type, ttl: r.ttl, data: r.data };
    return this.internParts(r.type, r.ttl, r.data);
  }

  /** The same as `intern({ type, ttl, data })` without the object when it is known. */
  internParts(type: NodeRR['type'], ttl: number, data: string): NodeRR {
    const known = this.seen.get(data);
    if (known !== undefined) for (const x of known) if (x.type === type && x.ttl === ttl) return x;
    const rr: NodeRR = Object.freeze({ type, ttl, data: detach(data) });
    if (this.count >= this.max) forget(this);
    if (known === undefined || this.count === 0) this.seen.set(data, [rr]);
    else known.push(rr);
    this.count++;
    return rr;
  }

  /** The last MX returned: a build asks for the same few mail exchangers again and again (no key string each time). */
  private lastMx: { ttl: number; preference: number; exchange: string; rr: NodeRR } | null = null;

  internMx(ttl: number, preference: number, exchange: string): NodeRR {
    const last = this.lastMx;
    if (last !== null && last.ttl === ttl && last.preference === preference && last.exchange === exchange) return last.rr;
    const key = `${ttl} ${preference} ${exchange}`;
    let rr = this.mx.get(key);
    if (rr === undefined) {
      if (this.mx.size >= this.max) this.mx.clear();
      rr = Object.freeze({ type: 'MX', ttl, data: Object.freeze({ preference, exchange: detach(exchange) }) });
      this.mx.set(key, rr);
    }
    this.lastMx = { ttl, preference, exchange: detach(exchange), rr };
    return rr;
  }
}

/**
 * Shares equal arrays (same length, the same elements by identity): the edge's A and AAAA at
 * `@` and `www` of a million 网络红页 domains are one node, and their domain entries one entry.
 * Arrays here are never mutated, so sharing is safe.
 */
export class ArrayInterner<T> {
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
