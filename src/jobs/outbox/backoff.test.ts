import { describe, expect, it } from 'vitest';
import { backoffMs } from './backoff.js';

describe('retry backoff', () => {
  it('doubles per attempt within the jitter band and stops at the cap', () => {
    expect(backoffMs(1, () => 1)).toBe(30_000);
    expect(backoffMs(1, () => 0)).toBe(15_000);
    expect(backoffMs(3, () => 1)).toBe(120_000);
    expect(backoffMs(30, () => 1)).toBe(3_600_000);
    for (let i = 0; i < 100; i++) {
      const v = backoffMs(4);
      expect(v).toBeGreaterThanOrEqual(120_000);
      expect(v).toBeLessThanOrEqual(240_000);
    }
  });
});
