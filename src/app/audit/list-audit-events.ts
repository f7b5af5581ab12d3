import { findAuditEvents, type AuditFilter } from '../../db/repositories/audit.js';
import { auditActions, isAuditAction } from '../../domain/audit/actions.js';
import { Forbidden } from '../../domain/errors.js';
import type { Ctx } from '../context.js';

/** Only the auditor reads the audit log (等保 separation of duties: not even the admin). */
export async function listAuditEvents(ctx: Ctx, filter: AuditFilter) {
  if (ctx.actor.role !== 'auditor') throw new Forbidden('AUDITOR_ONLY', '只有审计管理员可以查看审计日志');
  const { rows, total } = await findAuditEvents(ctx.db, filter);
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorUsername: r.actorUsername,
      action: r.action,
      actionLabel: isAuditAction(r.action) ? auditActions[r.action] : r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      result: r.result,
      ip: r.ip,
      userAgent: r.userAgent,
      details: r.details,
    })),
    total,
    actions: Object.entries(auditActions).map(([value, label]) => ({ value, label })),
  };
}
