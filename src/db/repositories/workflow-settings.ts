import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client.js';
import { openUserRow } from '../personal-data/fields.js';
import { calendarDays, regions, users, workflowConfigs } from '../schema/index.js';

export type WorkflowConfigRow = typeof workflowConfigs.$inferSelect;

/** The stored configs of a region path's regions, nearest first. */
export async function configsAlongPath(db: Db, regionPath: string): Promise<WorkflowConfigRow[]> {
  const codes = regionPath.split('/').reverse();
  const rows = await db.select().from(workflowConfigs).where(inArray(workflowConfigs.regionCode, codes));
  return codes.flatMap((code) => rows.filter((r) => r.regionCode === code));
}

/** Every region's settings (a row per region an admin configured: a few hundred at most). */
export const allWorkflowConfigs = (db: Db): Promise<WorkflowConfigRow[]> => db.select().from(workflowConfigs);

export async function findWorkflowConfig(db: Db, regionCode: string) {
  const [row] = await db.select().from(workflowConfigs).where(eq(workflowConfigs.regionCode, regionCode)).limit(1);
  return row;
}

export async function upsertWorkflowConfig(db: Db, values: typeof workflowConfigs.$inferInsert): Promise<void> {
  await db
    .insert(workflowConfigs)
    .values(values)
    .onConflictDoUpdate({
      target: workflowConfigs.regionCode,
      set: { config: values.config, version: values.version, updatedBy: values.updatedBy, updatedAt: values.updatedAt },
    });
}

export const allCalendarDays = (db: Db) => db.select().from(calendarDays).orderBy(calendarDays.day);

export async function replaceCalendarDays(db: Db, days: (typeof calendarDays.$inferInsert)[]): Promise<void> {
  await db.delete(calendarDays);
  if (days.length > 0) await db.insert(calendarDays).values(days);
}

/** Active office reviewers of the deepest office along the path that has any (the 同级编办). */
export async function officeReviewersFor(db: Db, regionPath: string) {
  const codes = regionPath.split('/');
  const rows = await db
    .select({ id: users.id, mobile: users.mobile, email: users.email, regionCode: users.regionCode, regionName: regions.name })
    .from(users)
    .innerJoin(regions, eq(regions.code, users.regionCode))
    .where(and(inArray(users.regionCode, codes), eq(users.role, 'office_reviewer'), eq(users.disabled, false)));
  const active = rows.filter((r) => r.regionCode !== null).map(openUserRow);
  for (const code of [...codes].reverse()) {
    const here = active.filter((r) => r.regionCode === code);
    if (here.length > 0) return { regionName: here[0]?.regionName ?? '', reviewers: here };
  }
  return { regionName: '', reviewers: [] };
}

export async function centerReviewers(db: Db) {
  const rows = await db.select({ id: users.id, mobile: users.mobile, email: users.email }).from(users).where(and(eq(users.role, 'center_reviewer'), eq(users.disabled, false)));
  return rows.map(openUserRow);
}
