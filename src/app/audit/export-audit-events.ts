import { findAuditEvents, type AuditFilter } from '../../db/repositories/audit.js';
import { auditActions, isAuditAction } from '../../domain/audit/actions.js';
import { Forbidden } from '../../domain/errors.js';
import { recordAudit } from './record.js';
import type { Ctx } from '../context.js';

/** A CSV field: quoted, quotes doubled; a leading = + - @ is prefixed so spreadsheets do not run it. */
const cell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
};

const maxRows = 100_000;

/**
 * 审计日志 export for the auditor: the filtered events as CSV (UTF-8 with BOM, so Excel reads the
 * Chinese), at most 100,000 rows. The export itself is audited.
 */
export async function exportAuditEvents(ctx: Ctx, filter: Omit<AuditFilter, 'page' | 'pageSize'>): Promise<string> {
  if (ctx.actor.role !== 'auditor') throw new Forbidden('AUDITOR_ONLY', '只有审计管理员可以查看审计日志');
  const { rows } = await findAuditEvents(ctx.db, { ...filter, page: 1, pageSize: maxRows });
  const header = ['时间', '操作人', '操作', '操作代码', '对象类型', '对象', '结果', 'IP', '客户端', '详情'];
  const lines = rows.map((r) =>
    [r.at.toISOString(), r.actorUsername, isAuditAction(r.action) ? auditActions[r.action] : r.action, r.action, r.targetType, r.targetId, r.result === 'success' ? '成功' : '失败', r.ip, r.userAgent, r.details]
      .map(cell)
      .join(','),
  );
  await recordAudit(ctx.db, ctx.clock, ctx.meta, { action: 'audit_export', result: 'success', actor: { id: ctx.actor.id, username: ctx.actor.username }, details: { rows: rows.length } });
  return `\ufeff${[header.map(cell).join(','), ...lines].join('\r\n')}\r\n`;
}
