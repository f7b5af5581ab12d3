import { describe, expect, it } from 'vitest';
import { nextStreak, slotOf, type Streak } from './patrol.js';

const day = 86_400_000;

describe('the patrol schedule', () => {
  it('gives each website a fixed slot within the interval', () => {
    const id = '3f1c2a9e-1b2c-4d5e-8f90-0123456789ab';
    expect(slotOf(id, day)).toBe(slotOf(id, day));
    expect(slotOf(id, day)).toBeGreaterThanOrEqual(0);
    expect(slotOf(id, day)).toBeLessThan(day);
  });

  it('spreads many websites over the day', () => {
    const hours = new Set<number>();
    for (let i = 0; i < 200; i++) hours.add(Math.floor(slotOf(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, day) / 3_600_000));
    expect(hours.size).toBeGreaterThanOrEqual(20);
  });
});

describe('three failures in a row', () => {
  const t = (n: number) => new Date(Date.UTC(2026, 0, n));
  const start: Streak = { consecutiveFailures: 0, failingSince: null, notifiedAt: null };

  it('notify once, on the third, and the run remembers when it began', () => {
    const a = nextStreak(start, 'fail', t(1), 3);
    const b = nextStreak(a, 'fail', t(2), 3);
    const c = nextStreak(b, 'fail', t(3), 3);
    const d = nextStreak(c, 'fail', t(4), 3);
    expect([a.notify, b.notify, c.notify, d.notify]).toEqual([false, false, true, false]);
    expect(d).toMatchObject({ consecutiveFailures: 4, failingSince: t(1), notifiedAt: t(3) });
  });

  it('a pass ends the run; the next run is told again', () => {
    let s: Streak = { ...start };
    for (let i = 1; i <= 3; i++) s = nextStreak(s, 'fail', t(i), 3);
    const passed = nextStreak(s, 'pass', t(4), 3);
    expect(passed).toEqual({ consecutiveFailures: 0, failingSince: null, notifiedAt: null, notify: false });
    let again: Streak = passed;
    const told: boolean[] = [];
    for (let i = 5; i <= 7; i++) {
      const n = nextStreak(again, 'fail', t(i), 3);
      told.push(n.notify);
      again = n;
    }
    expect(told).toEqual([false, false, true]);
  });

  it('two failures, a pass, two failures: nobody is told', () => {
    const outcomes = ['fail', 'fail', 'pass', 'fail', 'fail'] as const;
    let s: Streak = { ...start };
    const told = outcomes.map((o, i) => {
      const n = nextStreak(s, o, t(i + 1), 3);
      s = n;
      return n.notify;
    });
    expect(told.every((x) => !x)).toBe(true);
  });
});
