/**
 * Closed-loop virtual users: each repeats its operation until the time is up, waiting a think
 * time (uniform 0.5–1.5 × `thinkMs`) between an answer and its next request. Latency is measured
 * per request, from sending to the whole body read.
 */
export interface PathResult {
  requests: number;
  errors: number;
  firstError: string | null;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

export async function drive(users: number, seconds: number, thinkMs: number, op: (user: number, i: number) => Promise<void>): Promise<PathResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: users }, async (_, u) => {
      // Spread the first requests over one think time, as people do not all click at once.
      if (thinkMs > 0) await sleep(Math.random() * thinkMs);
      for (let i = 0; performance.now() < end; i++) {
        const t = performance.now();
        try {
          await op(u, i);
          latencies.push(performance.now() - t);
        } catch (err) {
          errors++;
          firstError ??= String(err);
        }
        if (thinkMs > 0) await sleep(thinkMs * (0.5 + Math.random()));
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, firstError, p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99), rps: latencies.length / elapsed };
}
