import type { Db } from '../../db/client.js';
import type { SQL } from 'drizzle-orm';
import { auditEventWrite, inTransaction, insertAuditEvent, storedAuditValues } from '../../db/repositories/audit.js';
import type { AuditAction } from '../../domain/audit/actions.js';
import type { Clock, RequestMeta } from '../context.js';
import { auditSealerFor } from './sealer.js';

export interface AuditEntry {
  action: AuditAction;
  result: 'success' | 'failure';
  actor: { id: string | null; username: string | null };
  target?: { type: string; id: string };
  details?: Record<string, unknown>;
}

/**
 * Writes one audit event in the caller's transaction, so it commits with the change it records
 * (or not at all). The event is written unsealed and takes no lock: it is chained (SM3,
 * domain/audit/chain.ts) by the process's sealer once it has committed (app/audit/sealer.ts) —
 * the HTTP server nudges it after each response, the worker sweeps every second. Called outside a
 * transaction, it opens one and seals right after its commit.
 */
export async function recordAudit(db: Db, clock: Clock, meta: RequestMeta, e: AuditEntry): Promise<void> {
  const values = auditValues(clock, meta, e);
  if (inTransaction(db)) return insertAuditEvent(db, values);
  await insertAuditEvent(db, values);
  const sealer = auditSealerFor(db);
  sealer.nudge();
  await sealer.idle();
}

/** `recordAudit` inside a transaction, as a part of `writeTogether` (db/repositories/write-together.ts). */
export const auditWrite = (tx: Db, clock: Clock, meta: RequestMeta, e: AuditEntry): SQL => auditEventWrite(tx, auditValues(clock, meta, e));

const auditValues = (clock: Clock, meta: RequestMeta, e: AuditEntry) =>
  storedAuditValues({
    at: clock.now(),
    actorId: e.actor.id,
    actorUsername: e.actor.username,
    action: e.action,
    targetType: e.target?.type ?? null,
    targetId: e.target?.id ?? null,
    result: e.result,
    ip: meta.ip,
    userAgent: meta.userAgent,
    ...(e.details === undefined ? {} : { details: e.details }),
  });
