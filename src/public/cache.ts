/**
 * A per-process cache of what the edge renders, so a badge or page costs no database query on
 * the hot path. Entries live `ttlMs`; an entry up to one more `ttlMs` past its time is still
 * served while one background load refreshes it (stale-while-revalidate), so a burst never
 * waits on the database and a change shows within 2 × ttl (plus the HTTP max-age). Older
 * entries are loaded before answering. Concurrent loads of one key share one query.
 * Oldest-inserted entries go first when `max` is reached.
 */
export class EdgeCache<V> {
  private readonly entries = new Map<string, { value: V; loadedAt: number }>();
  private readonly loading = new Map<string, Promise<V>>();

  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The fresh value, without any I/O, or undefined. */
  peek(key: string): V | undefined {
    const e = this.entries.get(key);
    return e !== undefined && this.now() - e.loadedAt < this.ttlMs ? e.value : undefined;
  }

  async get(key: string, load: () => Promise<V>, keep?: (old: V, fresh: V) => V): Promise<V> {
    const e = this.entries.get(key);
    const age = e === undefined ? Infinity : this.now() - e.loadedAt;
    if (e !== undefined && age < this.ttlMs) return e.value;
    const refresh = this.load(key, load, keep);
    if (e !== undefined && age < 2 * this.ttlMs) {
      refresh.catch(() => undefined);
      return e.value;
    }
    return refresh;
  }

  private load(key: string, load: () => Promise<V>, keep?: (old: V, fresh: V) => V): Promise<V> {
    const pending = this.loading.get(key);
    if (pending !== undefined) return pending;
    const p = load().then(
      (fresh) => {
        this.loading.delete(key);
        const old = this.entries.get(key);
        const value = old !== undefined && keep !== undefined ? keep(old.value, fresh) : fresh;
        this.entries.delete(key);
        this.entries.set(key, { value, loadedAt: this.now() });
        if (this.entries.size > this.max) {
          const oldest = this.entries.keys().next().value;
          if (oldest !== undefined) this.entries.delete(oldest);
        }
        return value;
      },
      (err: unknown) => {
        this.loading.delete(key);
        throw err;
      },
    );
    this.loading.set(key, p);
    return p;
  }

  clear(): void {
    this.entries.clear();
  }
}
