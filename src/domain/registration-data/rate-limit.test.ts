import { describe, expect, it } from 'vitest';
import { RateLimiter, clientKey } from './rate-limit.js';

describe('RateLimiter', () => {
  it('allows a burst, then refuses until tokens come back at the per-minute rate', () => {
    const r = new RateLimiter({ perMinute: 6, burst: 3 });
    expect([r.take('a', 0), r.take('a', 0), r.take('a', 0), r.take('a', 0)]).toEqual([true, true, true, false]);
    expect(r.take('b', 0)).toBe(true); // other clients are not affected
    expect(r.take('a', 9_000)).toBe(false);
    expect(r.take('a', 10_000)).toBe(true); // 6 a minute: one every 10 s
    expect(r.take('a', 10_000)).toBe(false);
  });

  it('refused attempts do not drain the bucket further', () => {
    const r = new RateLimiter({ perMinute: 60, burst: 1 });
    expect(r.take('a', 0)).toBe(true);
    for (let i = 0; i < 100; i++) expect(r.take('a', 10)).toBe(false);
    expect(r.take('a', 1_000)).toBe(true);
  });

  it('keeps its table bounded under many clients', () => {
    const r = new RateLimiter({ perMinute: 1, burst: 5, maxClients: 100 });
    for (let i = 0; i < 10_000; i++) r.take(`10.0.${i >> 8}.${i & 255}`, i);
    expect(r.size).toBeLessThanOrEqual(100);
  });
});

describe('clientKey', () => {
  it('keys IPv4 (also IPv4-mapped) by address and IPv6 by its /64', () => {
    expect(clientKey('203.0.113.9')).toBe('203.0.113.9');
    expect(clientKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(clientKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8:1:2::9')).toBe(clientKey('2001:0db8:0001:0002:ffff::1'));
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey(undefined)).toBe('unknown');
  });
});
