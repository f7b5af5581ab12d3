/**
 * The difference between two versions of a zone's records: what an IXFR journal entry holds
 * between its two SOAs (RFC 1995). RRs are compared whole, TTL included, so a TTL change is a
 * removal of the old RR and an addition of the new one, as IXFR expresses it.
 */
import { recordKey, sortCanonical } from './canonical.js';
import type { ZoneRecord } from './zone.js';

export interface ZoneDiff {
  removed: ZoneRecord[];
  added: ZoneRecord[];
}

/** Records only in `from`, as a multiset: duplicates in `from` are matched one by one. */
function minus(from: readonly ZoneRecord[], other: readonly ZoneRecord[]): ZoneRecord[] {
  const counts = new Map<string, number>();
  for (const r of other) {
    const key = recordKey(r);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const out: ZoneRecord[] = [];
  for (const r of from) {
    const key = recordKey(r);
    const n = counts.get(key) ?? 0;
    if (n > 0) counts.set(key, n - 1);
    else out.push(r);
  }
  return out;
}

export function diffZones(before: readonly ZoneRecord[], after: readonly ZoneRecord[]): ZoneDiff {
  return { removed: sortCanonical(minus(before, after)), added: sortCanonical(minus(after, before)) };
}
