import type { Clock } from '../../src/app/context.js';

/** A clock the test moves by hand, to cross idle timeouts, lock windows and expiry dates. */
export class ManualClock implements Clock {
  private t: number;
  constructor(start = new Date()) {
    this.t = start.getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
  minutes(n: number): void {
    this.advance(n * 60_000);
  }
}
