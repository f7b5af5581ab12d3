import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sealAuditChain, verifyChain } from '../../src/app/audit/chain.js';
import { recordAudit } from '../../src/app/audit/record.js';
import { auditSealerFor } from '../../src/app/audit/sealer.js';
import { openPostgres, type Db } from '../../src/db/client.js';
import { useTestApp } from '../support/app.js';

const t = useTestApp();

const rows = async <T>(db: Db, q: string): Promise<T[]> => ((await db.execute(sql.raw(q))) as unknown as { rows: T[] }).rows;
const meta = { ip: '127.0.0.1', userAgent: 'sealing' };
const write = (db: Db, username: string, details: Record<string, unknown> = {}) =>
  recordAudit(db, t.clock, meta, { action: 'login', result: 'success', actor: { id: null, username }, details });

/** Places are handed out one after another by one sealer at a time: no place twice, none skipped. */
async function expectOneUnbrokenLine(): Promise<void> {
  const report = await verifyChain(t.db);
  expect(report).toMatchObject({ ok: true, broken: null, unsealed: 0 });
  const [places] = await rows<{ sealed: number; distinct_places: number; first: string; last: string }>(
    t.db,
    'select count(*)::int as sealed, count(distinct chain_seq)::int as distinct_places, min(chain_seq) as first, max(chain_seq) as last from audit_events where chain_seq is not null',
  );
  expect(places!.distinct_places).toBe(places!.sealed);
  expect(Number(places!.last) - Number(places!.first) + 1).toBe(places!.sealed);
  expect(report.checked).toBe(report.live + report.archived);
}

describe('sealing the audit chain after commit', () => {
  it('writes an event unsealed, without any lock, and the verifier reports it as waiting rather than broken', async () => {
    await sealAuditChain(t.db);
    const before = await verifyChain(t.db);
    await t.db.transaction((tx) => write(tx, 'waiting1'));
    const [row] = await rows<{ hash: string | null; prev_hash: string | null; chain_seq: string | null }>(t.db, `select hash, prev_hash, chain_seq from audit_events where actor_username = 'waiting1'`);
    expect(row).toEqual({ hash: null, prev_hash: null, chain_seq: null });

    const waiting = await verifyChain(t.db);
    expect(waiting).toMatchObject({ ok: true, broken: null, unsealed: 1, checked: before.checked, head: before.head });

    expect(await sealAuditChain(t.db)).toBe(1);
    const sealed = await verifyChain(t.db);
    expect(sealed).toMatchObject({ ok: true, unsealed: 0, checked: before.checked + 1 });
    expect(sealed.head.hash).not.toBe(before.head.hash);
  });

  it('chains events in the order they are sealed, not in id order', async () => {
    // A takes its id first but commits after B: B's event is sealed (and chained) before A's.
    let releaseA!: () => void;
    const aMayCommit = new Promise<void>((r) => (releaseA = r));
    let aWrote!: () => void;
    const aHasWritten = new Promise<void>((r) => (aWrote = r));
    const a = t.db.transaction(async (tx) => {
      await write(tx, 'order-a');
      aWrote();
      await aMayCommit;
    });
    await aHasWritten;
    if (t.kind === 'postgres') {
      await t.db.transaction((tx) => write(tx, 'order-b'));
      await sealAuditChain(t.db);
    }
    releaseA();
    await a;
    // On PGlite (one connection) B waits for A; its id is then larger and its place too.
    if (t.kind === 'pglite') await t.db.transaction((tx) => write(tx, 'order-b'));
    await sealAuditChain(t.db);
    const order = await rows<{ actor_username: string; id: string; chain_seq: string }>(
      t.db,
      `select actor_username, id, chain_seq from audit_events where actor_username in ('order-a', 'order-b') order by chain_seq`,
    );
    expect(order.map((r) => r.actor_username)).toEqual(t.kind === 'postgres' ? ['order-b', 'order-a'] : ['order-a', 'order-b']);
    expect(Number(order.find((r) => r.actor_username === 'order-a')!.id)).toBeLessThan(Number(order.find((r) => r.actor_username === 'order-b')!.id));
    await expectOneUnbrokenLine();
  });

  it('never shows the event of a transaction that was rolled back, and leaves no hole in the chain', async () => {
    const failed = t.db.transaction(async (tx) => {
      await write(tx, 'rolled-back');
      throw new Error('the change failed after its event was written');
    });
    await expect(failed).rejects.toThrow(/failed after/);
    await t.db.transaction((tx) => write(tx, 'after-rollback'));
    await sealAuditChain(t.db);
    expect(await rows(t.db, `select id from audit_events where actor_username = 'rolled-back'`)).toEqual([]);
    expect(await rows(t.db, `select id from audit_events where actor_username = 'after-rollback' and hash is not null`)).toHaveLength(1);
    await expectOneUnbrokenLine();
  });

  it('finds a sealed event altered in the database', async () => {
    await t.db.transaction((tx) => write(tx, 'victim', { amount: 1 }));
    await sealAuditChain(t.db);
    const [victim] = await rows<{ id: string; hash: string }>(t.db, `select id, hash from audit_events where actor_username = 'victim'`);
    const tamper = (details: string) =>
      t.db.transaction(async (tx) => {
        await tx.execute(sql.raw('alter table audit_events disable trigger audit_events_guard'));
        await tx.execute(sql.raw(`update audit_events set details = '${details}' where id = ${victim!.id}`));
        await tx.execute(sql.raw('alter table audit_events enable trigger audit_events_guard'));
      });
    await tamper('{"amount": 2}');
    expect((await verifyChain(t.db)).broken).toMatchObject({ kind: 'modified', id: Number(victim!.id), stored: victim!.hash });
    await tamper('{"amount": 1}');
    expect((await verifyChain(t.db)).ok).toBe(true);
  });

  it('lets no one change an unsealed event, nor seal it without its place, nor seal a sealed one again', async () => {
    await t.db.transaction((tx) => write(tx, 'guarded'));
    const refusal = (q: string) => t.db.execute(sql.raw(q)).then(() => null, (e: Error & { cause?: Error }) => String(e.cause?.message ?? e.message));
    expect(await refusal(`update audit_events set result = 'failure' where actor_username = 'guarded'`)).toMatch(/append-only/);
    expect(await refusal(`update audit_events set hash = repeat('a', 64), prev_hash = repeat('b', 64) where actor_username = 'guarded'`)).toMatch(/append-only/);
    expect(await refusal(`delete from audit_events where actor_username = 'guarded'`)).toMatch(/append-only/);
    await sealAuditChain(t.db);
    expect(await refusal(`update audit_events set chain_seq = chain_seq + 1000 where actor_username = 'guarded'`)).toMatch(/append-only/);
    await expectOneUnbrokenLine();
  });

  it('seals after the answer of an audited request, without the request waiting for it', async () => {
    const c = t.client();
    await c.login('nobody-here', 'Wrong#aaaa1');
    await auditSealerFor(t.db).idle();
    const [row] = await rows<{ hash: string | null }>(t.db, `select hash from audit_events where actor_username = 'nobody-here'`);
    expect(row?.hash).toMatch(/^[0-9a-f]{64}$/);
    await expectOneUnbrokenLine();
  });

  it('forms one unbroken chain, every event sealed exactly once, when several processes write and seal at once', async () => {
    // Each "process" is a pool of its own with its own sealer, as the API processes and workers are.
    const processes = t.databaseUrl === null ? [{ db: t.db, close: async () => undefined }] : await Promise.all([1, 2, 3].map(async () => {
      const d = await openPostgres(t.databaseUrl!, 4);
      return { db: d.db, close: () => d.close() };
    }));
    const perProcess = 40;
    await Promise.all(
      processes.map((p, n) =>
        Promise.all(
          Array.from({ length: perProcess }, async (_, i) => {
            await p.db.transaction(async (tx) => {
              await write(tx, `proc${n}-${i}`, { n, i });
              if (i % 7 === 0) await write(tx, `proc${n}-${i}-second`, { n, i });
            });
            auditSealerFor(p.db).nudge();
          }),
        ),
      ),
    );
    await Promise.all(processes.map((p) => auditSealerFor(p.db).idle()));
    // What a lost race left behind is the sweep's: here, one more seal.
    await sealAuditChain(t.db);
    await Promise.all(processes.map((p) => p.close()));
    const [written] = await rows<{ n: number }>(t.db, `select count(*)::int as n from audit_events where actor_username like 'proc%'`);
    expect(written!.n).toBe(processes.length * (perProcess + Math.ceil(perProcess / 7)));
    await expectOneUnbrokenLine();
  });
});
