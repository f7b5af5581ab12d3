import { describe, expect, it } from 'vitest';
import { EdgeCache } from './cache.js';

describe('the edge cache', () => {
  it('serves a fresh value without loading, a stale one while refreshing, an old one after loading', async () => {
    let t = 0;
    let loads = 0;
    const cache = new EdgeCache<number>(1000, 10, () => t);
    const load = async () => ++loads;
    expect(await cache.get('a', load)).toBe(1);
    t = 500;
    expect(await cache.get('a', load)).toBe(1);
    expect(loads).toBe(1);
    t = 1500; // stale: old value now, refreshed behind
    expect(await cache.get('a', load)).toBe(1);
    await Promise.resolve();
    expect(cache.peek('a')).toBe(2);
    t = 5000; // too old: waits for the load
    expect(await cache.get('a', load)).toBe(3);
  });
  it('shares one load between concurrent callers and forgets a failed load', async () => {
    let loads = 0;
    const cache = new EdgeCache<number>(1000, 10);
    const slow = () => new Promise<number>((r) => setTimeout(() => r(++loads), 5));
    const [a, b] = await Promise.all([cache.get('k', slow), cache.get('k', slow)]);
    expect([a, b, loads]).toEqual([1, 1, 1]);
    await expect(cache.get('x', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.get('x', async () => 7)).toBe(7);
  });
  it('keeps at most max entries, dropping the oldest', async () => {
    const cache = new EdgeCache<string>(1000, 2);
    for (const k of ['a', 'b', 'c']) await cache.get(k, async () => k);
    expect(cache.peek('a')).toBeUndefined();
    expect(cache.peek('c')).toBe('c');
  });
});
