import { sql } from 'drizzle-orm';
import { describe, expect, inject, it } from 'vitest';
import { openPostgres } from '../../src/db/client.js';
import { useTestApp } from '../support/app.js';

const onPostgres = inject('testDb') === 'postgres';
const t = useTestApp();

const rows = async <T>(q: string, db = t.db): Promise<T[]> => ((await db.execute(sql.raw(q))) as unknown as { rows: T[] }).rows;

/** PostgreSQL restarts, fails over or has a backend terminated: the process keeps serving. */
describe('a pooled connection closed by PostgreSQL', () => {
  it.runIf(onPostgres)('is dropped from the pool, reported, and the next query opens a new one', async () => {
    const lost: string[] = [];
    const database = await openPostgres(t.databaseUrl ?? '', 2, (err) => void lost.push(err.message));
    try {
      const [first] = await rows<{ pid: number }>('select pg_backend_pid() as pid', database.db);
      const pid = first?.pid;
      expect(pid).toBeTypeOf('number');
      // Now idle in the pool; an administrator (or a failover) ends it.
      await rows(`select pg_terminate_backend(${pid})`);
      await expect.poll(() => lost.length, { timeout: 10_000 }).toBe(1);
      expect(lost[0]).toMatch(/terminat/);
      const [again] = await rows<{ pid: number }>('select pg_backend_pid() as pid', database.db);
      expect(again?.pid).not.toBe(pid);
    } finally {
      await database.close();
    }
  });
});
