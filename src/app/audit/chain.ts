import type { Db } from '../../db/client.js';
import {
  archivableBatch,
  auditTableCounts,
  chainPage,
  latestArchiveAnchor,
  lockAuditChain,
  moveToArchive,
  unsealedCount,
} from '../../db/repositories/audit.js';
import { ChainVerifier, type ChainBreak, type ChainWitness } from '../../domain/audit/chain.js';
import { Forbidden } from '../../domain/errors.js';
import type { AppContext, Clock, Ctx, RequestMeta } from '../context.js';
import { recordAudit } from './record.js';
import { sealAuditChain } from './sealer.js';

export { sealAuditChain } from './sealer.js';

const batchSize = 2000;

export interface ChainReport {
  ok: boolean;
  /** Events whose link held, archive and live table together. */
  checked: number;
  archived: number;
  live: number;
  /** Live events not sealed yet (written, waiting for the sealer): not checked, and not a break. */
  unsealed: number;
  /** The newest event checked: write it down to notice a later rewrite of the whole chain. */
  head: { id: number | null; hash: string };
  /** The archive's anchor: where the live table's chain starts. */
  anchor: { lastId: number; lastHash: string; at: string } | null;
  broken: (ChainBreak & { table: 'audit_events' | 'audit_events_archive' }) | null;
}

/**
 * Recomputes the whole chain — the archive, its anchor, then the live table's sealed events, in
 * chain order — in one read-only snapshot, and reports the first broken link and how many events
 * are still waiting to be sealed.
 */
export async function verifyChain(db: Db, witnesses: readonly ChainWitness[] = []): Promise<ChainReport> {
  return db.transaction(
    async (tx) => {
      const v = new ChainVerifier(undefined, witnesses);
      let table: 'audit_events' | 'audit_events_archive' = 'audit_events_archive';
      for (const part of ['archive', 'live'] as const) {
        table = part === 'live' ? 'audit_events' : 'audit_events_archive';
        if (part === 'live' && !v.checkAnchor(await latestArchiveAnchor(tx) ?? null)) break;
        let after = 0;
        for (;;) {
          const rows = await chainPage(tx, part, after, batchSize);
          for (const r of rows) if (!v.push(r)) break;
          if (v.broken !== null || rows.length < batchSize) break;
          after = rows[rows.length - 1]!.place;
        }
        if (v.broken !== null) break;
      }
      v.finish();
      const anchor = (await latestArchiveAnchor(tx)) ?? null;
      const counts = await auditTableCounts(tx);
      return {
        ok: v.broken === null,
        checked: v.checked,
        archived: counts.archived,
        live: counts.live,
        unsealed: await unsealedCount(tx),
        head: v.head,
        anchor: anchor === null ? null : { lastId: anchor.lastId, lastHash: anchor.lastHash, at: anchor.at.toISOString() },
        broken: v.broken === null ? null : { ...v.broken, table: v.broken.kind === 'anchor' ? 'audit_events_archive' : table },
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/**
 * 校验审计日志 for the auditor (API and console): what has committed is sealed first, then the
 * report; the check itself is audited.
 */
export async function verifyAuditChain(ctx: Ctx): Promise<ChainReport> {
  if (ctx.actor.role !== 'auditor') throw new Forbidden('AUDITOR_ONLY', '只有审计管理员可以查看审计日志');
  await sealAuditChain(ctx.db);
  const report = await verifyChain(ctx.db);
  await recordAudit(ctx.db, ctx.clock, ctx.meta, {
    action: 'audit_verify',
    result: report.ok ? 'success' : 'failure',
    actor: { id: ctx.actor.id, username: ctx.actor.username },
    details: { checked: report.checked, headId: report.head.id, headHash: report.head.hash, ...(report.broken === null ? {} : { brokenId: report.broken.id, kind: report.broken.kind }) },
  });
  return report;
}

/** The retention rule: at least 180 days (网络安全法 第二十一条: logs kept ≥ six months). */
export const minRetentionDays = 180;

export interface ArchiveResult {
  cutoff: string;
  archived: number;
  batches: number;
  anchor: { lastId: number; lastHash: string } | null;
}

/**
 * Moves audit events older than the retention period to `audit_events_archive`, in chain order and
 * only as a prefix of the chain (sealed events up to the first one inside the period), in batches; each batch
 * records its last hash as the anchor the live chain continues from. Nothing is dropped: the
 * archive is append-only and a live event can only be deleted once its archived copy exists.
 */
export async function archiveAuditEvents(app: Pick<AppContext, 'db' | 'clock'>, retentionDays: number, meta: RequestMeta = { ip: null, userAgent: 'cli' }): Promise<ArchiveResult> {
  if (!Number.isInteger(retentionDays) || retentionDays < minRetentionDays) throw new Error(`AUDIT_RETENTION_DAYS must be at least ${minRetentionDays}`);
  await sealAuditChain(app.db);
  const now = app.clock.now();
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  let archived = 0;
  let batches = 0;
  let anchor: ArchiveResult['anchor'] = null;
  for (;;) {
    const moved = await app.db.transaction(async (tx) => {
      await lockAuditChain(tx);
      const batch = await archivableBatch(tx, cutoff, batchSize);
      if (batch === null) return null;
      const r = await moveToArchive(tx, batch, now, cutoff);
      return { rows: r.rows, lastId: r.lastId, lastHash: r.lastHash };
    });
    if (moved === null) break;
    archived += moved.rows;
    batches += 1;
    anchor = { lastId: moved.lastId, lastHash: moved.lastHash };
  }
  if (archived > 0) await recordArchive(app.db, app.clock, meta, { archived, cutoff, anchor });
  return { cutoff: cutoff.toISOString(), archived, batches, anchor };
}

const recordArchive = (db: Db, clock: Clock, meta: RequestMeta, d: { archived: number; cutoff: Date; anchor: ArchiveResult['anchor'] }) =>
  recordAudit(db, clock, meta, {
    action: 'audit_archive',
    result: 'success',
    actor: { id: null, username: 'system' },
    details: { archived: d.archived, cutoff: d.cutoff.toISOString(), ...(d.anchor === null ? {} : { anchorId: d.anchor.lastId, anchorHash: d.anchor.lastHash }) },
  });
