/** Exponential backoff with jitter: base·2^(attempt−1), capped, then scaled into [50%, 100%] so
 * that messages failing together do not all come back at the same instant. */
export function backoffMs(attempt: number, random: () => number = Math.random, baseMs = 30_000, capMs = 3_600_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling * (0.5 + 0.5 * random()));
}
