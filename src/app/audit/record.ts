import type { Db } from '../../db/client.js';
import { insertAuditEvent } from '../../db/repositories/audit.js';
import type { AuditAction } from '../../domain/audit/actions.js';
import type { Clock, RequestMeta } from '../context.js';

export interface AuditEntry {
  action: AuditAction;
  result: 'success' | 'failure';
  actor: { id: string | null; username: string | null };
  target?: { type: string; id: string };
  details?: Record<string, unknown>;
}

/** Writes one audit event in the caller's transaction, so it commits with the change it records. */
export function recordAudit(db: Db, clock: Clock, meta: RequestMeta, e: AuditEntry): Promise<void> {
  return insertAuditEvent(db, {
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
}
