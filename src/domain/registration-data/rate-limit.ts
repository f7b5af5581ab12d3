/**
 * Per-client token buckets for the public registration-data services (RDAP, WHOIS), which are
 * the classic target of bulk harvesting. Each client may burst `burst` queries and then gets
 * `perMinute` a minute. The table is bounded: when it grows past `maxClients`, clients whose
 * bucket has refilled (they are indistinguishable from new ones) are forgotten first, then the oldest.
 */
export interface RateLimitPolicy {
  perMinute: number;
  burst: number;
  maxClients?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private readonly maxClients: number;

  constructor(private readonly policy: RateLimitPolicy) {
    this.perMs = policy.perMinute / 60_000;
    this.maxClients = policy.maxClients ?? 10_000;
  }

  /** Takes one token for `client` at time `now` (ms); false when the client is over its rate. */
  take(client: string, now: number): boolean {
    const b = this.buckets.get(client);
    const tokens = b === undefined ? this.policy.burst : Math.min(this.policy.burst, b.tokens + (now - b.at) * this.perMs);
    const allowed = tokens >= 1;
    this.buckets.delete(client); // re-insert: the Map's order is then least recently seen first
    this.buckets.set(client, { tokens: allowed ? tokens - 1 : tokens, at: now });
    if (this.buckets.size > this.maxClients) this.prune(now);
    return allowed;
  }

  get size(): number {
    return this.buckets.size;
  }

  private prune(now: number): void {
    for (const [k, b] of this.buckets) {
      if (b.tokens + (now - b.at) * this.perMs >= this.policy.burst) this.buckets.delete(k);
    }
    for (const k of this.buckets.keys()) {
      if (this.buckets.size <= this.maxClients) break;
      this.buckets.delete(k);
    }
  }
}

/** The client key of an address: IPv4 as is, IPv6 by its /64 (one host usually owns the whole /64). */
export function clientKey(address: string | undefined): string {
  if (address === undefined || address === '') return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped !== null) return mapped[1] ?? address;
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('%')[0]!.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = address.includes('::') ? (tail === '' ? [] : tail.split(':')) : [];
  const groups = address.includes('::') ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
