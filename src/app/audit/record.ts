import type { Db } from '../../db/client.js';
import { auditChainHead, inTransaction, insertAuditEvent, lockAuditChain, storedAuditValues } from '../../db/repositories/audit.js';
import type { AuditAction } from '../../domain/audit/actions.js';
import { auditEventHash, genesisHash } from '../../domain/audit/chain.js';
import type { Clock, RequestMeta } from '../context.js';
import { sealUnsealedLocked } from './chain.js';

export interface AuditEntry {
  action: AuditAction;
  result: 'success' | 'failure';
  actor: { id: string | null; username: string | null };
  target?: { type: string; id: string };
  details?: Record<string, unknown>;
}

/**
 * Writes one audit event in the caller's transaction, so it commits with the change it records,
 * chained to the previous event (SM3, domain/audit/chain.ts). The chain lock is a transaction-level
 * advisory lock held until the caller commits, so events from several processes form one line in
 * commit order. Because the lock is held to the end, record the event after the transaction's
 * other row locks (zone serials, application rows…), never before them: otherwise two
 * transactions can wait for each other.
 */
export function recordAudit(db: Db, clock: Clock, meta: RequestMeta, e: AuditEntry): Promise<void> {
  const write = async (tx: Db) => {
    const values = storedAuditValues({
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
    await lockAuditChain(tx);
    let head = await auditChainHead(tx, values.details);
    if (head.last !== null && head.last.hash === null) {
      // Events written before the chain existed: sealed once, here if `migrate` has not done it.
      await sealUnsealedLocked(tx);
      head = await auditChainHead(tx, values.details);
    }
    const prevHash = head.last?.hash ?? head.anchorHash ?? genesisHash;
    const hash = auditEventHash({ id: head.newId, ...values, detailsText: head.detailsText }, prevHash);
    await insertAuditEvent(tx, head.newId, values, { prevHash, hash });
  };
  return inTransaction(db) ? write(db) : db.transaction(write);
}
