/**
 * The patrol's (巡检) schedule and its run of failures. Every active self-hosted website is
 * re-checked once per interval; each gets a fixed slot within the interval from its id, so a
 * thousand websites enrolled at once are spread over the day instead of checked in one burst.
 */
import type { SiteCheckOutcome } from './types.js';

/** A stable offset in [0, intervalMs) for a website: FNV-1a of its id, with murmur3's final mix
 * so that ids differing only in their last characters still land far apart. */
export function slotOf(websiteId: string, intervalMs: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < websiteId.length; i++) {
    h ^= websiteId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  return intervalMs <= 0 ? 0 : Math.floor((h / 0x1_0000_0000) * intervalMs);
}

export interface Streak {
  consecutiveFailures: number;
  failingSince: Date | null;
  notifiedAt: Date | null;
}

/**
 * The failure run after one more patrol result. The 经办人 and the office are told once per run,
 * when it reaches `failuresToNotify`; a pass ends the run.
 */
export function nextStreak(prev: Streak, outcome: SiteCheckOutcome, at: Date, failuresToNotify: number): Streak & { notify: boolean } {
  if (outcome === 'pass') return { consecutiveFailures: 0, failingSince: null, notifiedAt: null, notify: false };
  const consecutiveFailures = prev.consecutiveFailures + 1;
  const failingSince = prev.failingSince ?? at;
  const notify = prev.notifiedAt === null && consecutiveFailures >= failuresToNotify;
  return { consecutiveFailures, failingSince, notifiedAt: notify ? at : prev.notifiedAt, notify };
}
