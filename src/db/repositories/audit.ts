import { and, count, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { auditEvents } from '../schema/index.js';

export interface AuditEventInput {
  at: Date;
  actorId: string | null;
  actorUsername: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  result: 'success' | 'failure';
  ip: string | null;
  userAgent: string | null;
  details?: Record<string, unknown>;
}

export async function insertAuditEvent(db: Db, e: AuditEventInput): Promise<void> {
  await db.insert(auditEvents).values({
    at: e.at,
    actorId: e.actorId,
    actorUsername: e.actorUsername?.slice(0, 64) ?? null,
    action: e.action,
    targetType: e.targetType ?? null,
    targetId: e.targetId ?? null,
    result: e.result,
    ip: e.ip,
    userAgent: e.userAgent?.slice(0, 512) ?? null,
    details: e.details ?? {},
  });
}

export interface AuditFilter {
  action?: string | undefined;
  actor?: string | undefined;
  /** The target's id (a user, an application, a domain…), exact. */
  target?: string | undefined;
  result?: 'success' | 'failure' | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  page: number;
  pageSize: number;
}

export async function findAuditEvents(db: Db, f: AuditFilter) {
  const conditions: SQL[] = [];
  if (f.action !== undefined) conditions.push(eq(auditEvents.action, f.action));
  if (f.actor !== undefined) conditions.push(eq(auditEvents.actorUsername, f.actor));
  if (f.target !== undefined) conditions.push(eq(auditEvents.targetId, f.target));
  if (f.result !== undefined) conditions.push(eq(auditEvents.result, f.result));
  if (f.from !== undefined) conditions.push(gte(auditEvents.at, f.from));
  if (f.to !== undefined) conditions.push(lte(auditEvents.at, f.to));
  const where = conditions.length === 0 ? undefined : and(...conditions);
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(auditEvents)
      .where(where)
      .orderBy(desc(auditEvents.at), desc(auditEvents.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(auditEvents).where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}
