/**
 * A zone's bounded journal of differences, one entry per serial step, that IXFR (RFC 1995) is
 * served from; the oldest entries are dropped first.
 */
import type { ZoneDiff } from '../domain/dns/diff.js';

/** One step of the journal: the zone at `from` plus this difference is the zone at `to`. */
export interface JournalEntry extends ZoneDiff {
  from: number;
  to: number;
}

export interface JournalLimits {
  /** At most this many entries… */
  entries: number;
  /** …holding at most this many RRs in all; older entries are dropped first. */
  records: number;
}

const defaultLimits: JournalLimits = { entries: 1000, records: 200_000 };

export class ZoneJournal {
  private entries: JournalEntry[] = [];
  private records = 0;

  constructor(private readonly limits: JournalLimits = defaultLimits) {}

  remember(entry: JournalEntry): void {
    this.entries.push(entry);
    this.records += entry.removed.length + entry.added.length;
    while (this.entries.length > this.limits.entries || (this.records > this.limits.records && this.entries.length > 1)) {
      const dropped = this.entries.shift();
      if (dropped !== undefined) this.records -= dropped.removed.length + dropped.added.length;
    }
  }

  /** The entries leading from `serial` to `current`, or null when the journal does not reach back that far. */
  from(serial: number, current: number): JournalEntry[] | null {
    if (serial === current) return [];
    const start = this.entries.findIndex((e) => e.from === serial);
    if (start < 0) return null;
    const steps = this.entries.slice(start);
    for (let i = 1; i < steps.length; i++) if (steps[i]?.from !== steps[i - 1]?.to) return null;
    return steps.at(-1)?.to === current ? steps : null;
  }
}
