import { spawnSync } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { archiveAuditEvents, sealAuditChain, verifyChain } from '../../src/app/audit/chain.js';
import { recordAudit } from '../../src/app/audit/record.js';
import { auditSealerFor } from '../../src/app/audit/sealer.js';
import { chainPage } from '../../src/db/repositories/audit.js';
import { auditEventHash, genesisHash } from '../../src/domain/audit/chain.js';
import type { Db } from '../../src/db/client.js';
import { useTestApp } from '../support/app.js';
import { buildUser } from '../support/factories.js';

const t = useTestApp();

const rows = async <T>(db: Db, q: string): Promise<T[]> => ((await db.execute(sql.raw(q))) as unknown as { rows: T[] }).rows;

/** Runs statements with the audit log's guard trigger off, as someone with the table owner's rights could. */
const tamper = (statements: string[]) =>
  t.db.transaction(async (tx) => {
    await tx.execute(sql.raw('alter table audit_events disable trigger audit_events_guard'));
    for (const s of statements) await tx.execute(sql.raw(s));
    await tx.execute(sql.raw('alter table audit_events enable trigger audit_events_guard'));
  });

async function auditor() {
  const u = await buildUser(t.db, { role: 'auditor' });
  const c = t.client();
  await c.login(u.username, u.password);
  return c;
}

/** A failed login, a login and a logout, then sealed. */
async function someActivity() {
  const u = await buildUser(t.db);
  const c = t.client();
  await c.login(u.username, 'Wrong#aaaa1');
  await c.login(u.username, u.password);
  await c.post('/api/session/logout');
  // The server's sealer runs shortly after each answer: wait for it, so no sealing transaction is
  // open (holding the chain lock) while a test blocks this process in spawnSync on the CLI.
  await auditSealerFor(t.db).idle();
  await sealAuditChain(t.db);
  return u;
}

describe('the audit hash chain', () => {
  it('links every event to the one before with SM3, and the auditor can verify it', async () => {
    await someActivity();
    const a = await auditor();
    const res = await a.get('/api/audit-events/verify');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, broken: null, archived: 0 });
    expect(res.body.checked).toBeGreaterThanOrEqual(4);
    const [first] = await rows<{ prev_hash: string; hash: string }>(t.db, 'select prev_hash, hash from audit_events order by chain_seq limit 1');
    expect(first?.prev_hash).toBe('0'.repeat(64));
    expect(first?.hash).toMatch(/^[0-9a-f]{64}$/);
    // The check is itself audited.
    const log = await a.get('/api/audit-events?action=audit_verify');
    expect(log.body.items[0]).toMatchObject({ result: 'success', actionLabel: '校验审计日志' });
  });

  it('finds exactly the event altered in the database, then verifies again once it is put back', async () => {
    const u = await someActivity();
    const [victim] = await rows<{ id: string; hash: string }>(t.db, `select id, hash from audit_events where actor_username = '${u.username}' and result = 'failure' order by id limit 1`);
    await tamper([`update audit_events set result = 'success' where id = ${victim!.id}`]);
    const report = await verifyChain(t.db);
    expect(report.ok).toBe(false);
    expect(report.broken).toMatchObject({ kind: 'modified', table: 'audit_events', id: Number(victim!.id), stored: victim!.hash });
    expect(report.broken?.expected).not.toBe(victim!.hash);

    const a = await auditor();
    const res = await a.get('/api/audit-events/verify');
    expect(res.body).toMatchObject({ ok: false, broken: { id: Number(victim!.id), kind: 'modified' } });

    await tamper([`update audit_events set result = 'failure' where id = ${victim!.id}`]);
    expect((await verifyChain(t.db)).ok).toBe(true);
  });

  it('finds the gap where an event was deleted', async () => {
    const u = await someActivity();
    const events = await rows<{ id: string; hash: string }>(t.db, `select id, hash from audit_events where actor_username = '${u.username}' order by chain_seq`);
    const [before, deleted, after] = events;
    await tamper([
      'drop table if exists zm_saved_event',
      `create table zm_saved_event as select * from audit_events where id = ${deleted!.id}`,
      `delete from audit_events where id = ${deleted!.id}`,
    ]);
    const report = await verifyChain(t.db);
    expect(report.broken).toMatchObject({ kind: 'gap', id: Number(after!.id), previousId: Number(before!.id), expected: before!.hash, stored: deleted!.hash });

    if (t.kind === 'postgres' && t.databaseUrl !== null) {
      // The auditor's command: exit 1 and the broken link on stdout.
      const cli = spawnSync('npx', ['tsx', 'src/cli.ts', 'audit', 'verify'], { env: { ...process.env, DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'silent' }, encoding: 'utf8', timeout: 60_000 });
      expect(cli.status).toBe(1);
      expect(cli.stdout).toContain(`first broken link: audit_events id ${after!.id}`);
      expect(cli.stdout).toContain(`expected ${before!.hash}`);
    }

    await tamper(['insert into audit_events select * from zm_saved_event', 'drop table zm_saved_event']);
    expect((await verifyChain(t.db)).ok).toBe(true);
  });

  it('stays one line when several transactions write events at once', async () => {
    const meta = { ip: '127.0.0.1', userAgent: 'concurrency' };
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        t.db.transaction(async (tx) => {
          await recordAudit(tx, t.clock, meta, { action: 'login', result: 'failure', actor: { id: null, username: `conc${i}` }, details: { i, n: 1.5, nested: { b: 1, a: [true, null] } } });
          await new Promise((r) => setTimeout(r, i % 3));
          await recordAudit(tx, t.clock, meta, { action: 'logout', result: 'success', actor: { id: null, username: `conc${i}` } });
        }),
      ),
    );
    await sealAuditChain(t.db);
    expect(await verifyChain(t.db)).toMatchObject({ ok: true, broken: null, unsealed: 0 });
  });

  it('seals once the events not chained yet (written before the chain existed, or just committed)', async () => {
    await sealAuditChain(t.db);
    await t.db.execute(sql.raw(`insert into audit_events (at, actor_username, action, result, details) values (now(), 'legacy1', 'login', 'success', '{"x": 1}'), (now(), 'legacy2', 'logout', 'success', '{}')`));
    // Waiting to be sealed is not a break: the verifier counts them and checks the sealed chain.
    expect(await verifyChain(t.db)).toMatchObject({ ok: true, broken: null, unsealed: 2 });
    expect(await sealAuditChain(t.db)).toBe(2);
    expect(await sealAuditChain(t.db)).toBe(0);
    expect(await verifyChain(t.db)).toMatchObject({ ok: true, unsealed: 0 });
    // Only unsealed rows may be given hashes: a sealed row stays as it is.
    const err = await t.db.execute(sql.raw(`update audit_events set hash = repeat('a', 64) where actor_username = 'legacy1'`)).then(() => null, (e: Error & { cause?: Error }) => String(e.cause?.message ?? e.message));
    expect(err).toMatch(/append-only/);
  });

  it('finds a chain rewritten and rehashed as a whole only against a head written down outside the database', async () => {
    await someActivity();
    const before = await verifyChain(t.db);
    expect(before.ok).toBe(true);
    const witness = { id: before.head.id!, hash: before.head.hash };
    // Someone with write access changes an early event and recomputes every hash after it.
    const [victim] = await rows<{ id: string }>(t.db, 'select id from audit_events order by id limit 1 offset 1');
    await tamper([`update audit_events set result = 'failure' where id = ${victim!.id}`]);
    const events = await chainPage(t.db, 'live', 0, 100_000);
    let prev = genesisHash;
    const rehash: string[] = [];
    for (const e of events) {
      const hash = auditEventHash(e, prev);
      rehash.push(`update audit_events set prev_hash = '${prev}', hash = '${hash}' where id = ${e.id}`);
      prev = hash;
    }
    await tamper(rehash);

    // The chain alone holds: every link was recomputed.
    expect((await verifyChain(t.db)).ok).toBe(true);
    // The head written down earlier does not.
    const report = await verifyChain(t.db, [witness]);
    expect(report.ok).toBe(false);
    expect(report.broken).toMatchObject({ kind: 'witness', id: witness.id, expected: witness.hash });
    expect(report.broken?.stored).not.toBe(witness.hash);
    // A witnessed event that is gone is reported too.
    const gone = await verifyChain(t.db, [{ id: 999_999_999, hash: 'a'.repeat(64) }]);
    expect(gone.broken).toMatchObject({ kind: 'witness', id: 999_999_999, stored: null });

    if (t.databaseUrl !== null) {
      const cli = (...args: string[]) =>
        spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'audit', 'verify', ...args], { env: { ...process.env, DATABASE_URL: t.databaseUrl ?? '' }, encoding: 'utf8' });
      expect(cli().status).toBe(0);
      const broken = cli('--expect', `${witness.id}:${witness.hash}`);
      expect(broken.status).toBe(1);
      expect(broken.stdout).toContain('与库外记录的哈希不符');
      expect(cli('--expect', 'not-a-head').status).toBe(2);
    }
  });
});

describe('audit retention', () => {
  it('moves events past AUDIT_RETENTION_DAYS to the archive, never dropping them, and the chain verifies across the boundary', async () => {
    await expect(archiveAuditEvents(t.app, 90)).rejects.toThrow(/180/);
    const [{ n: before } = { n: 0 }] = await rows<{ n: number }>(t.db, 'select count(*)::int as n from audit_events');
    expect(await archiveAuditEvents(t.app, 365)).toMatchObject({ archived: 0 });

    t.clock.advance(400 * 86_400_000);
    await someActivity();
    const r = await archiveAuditEvents(t.app, 365);
    expect(r.archived).toBe(before);
    const [{ n: archived } = { n: 0 }] = await rows<{ n: number }>(t.db, 'select count(*)::int as n from audit_events_archive');
    expect(archived).toBe(before);
    const live = await rows<{ action: string; prev_hash: string }>(t.db, 'select action, prev_hash from audit_events order by chain_seq');
    // What is left: the new activity and the archiving's own event; the first links to the anchor.
    expect(live.at(-1)?.action).toBe('audit_archive');
    const [anchor] = await rows<{ last_hash: string }>(t.db, 'select last_hash from audit_archive_runs order by id desc limit 1');
    expect(live[0]?.prev_hash).toBe(anchor?.last_hash);

    const report = await verifyChain(t.db);
    expect(report).toMatchObject({ ok: true, archived: before, anchor: { lastHash: anchor?.last_hash } });
    expect(report.checked).toBe(before + live.length);

    // The archive cannot be changed, and a live event cannot be deleted unless archived.
    const refusal = (q: string) => t.db.execute(sql.raw(q)).then(() => null, (e: Error & { cause?: Error }) => String(e.cause?.message ?? e.message));
    expect(await refusal('delete from audit_events_archive')).toMatch(/append-only/);
    expect(await refusal(`update audit_archive_runs set last_hash = repeat('0', 64)`)).toMatch(/append-only/);
    expect(await refusal('delete from audit_events')).toMatch(/append-only/);

    // An archived event altered behind the trigger's back is still found.
    const [old] = await rows<{ id: string }>(t.db, 'select id from audit_events_archive order by id limit 1 offset 1');
    await t.db.transaction(async (tx) => {
      await tx.execute(sql.raw('alter table audit_events_archive disable trigger audit_events_archive_no_change'));
      await tx.execute(sql.raw(`update audit_events_archive set ip = '10.0.0.1' where id = ${old!.id}`));
      await tx.execute(sql.raw('alter table audit_events_archive enable trigger audit_events_archive_no_change'));
    });
    expect((await verifyChain(t.db)).broken).toMatchObject({ kind: 'modified', table: 'audit_events_archive', id: Number(old!.id) });
  });

});
