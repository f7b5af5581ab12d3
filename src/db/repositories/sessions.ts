import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../client.js';
import { openUserRow } from '../personal-data/fields.js';
import { regions, sessions, units, users } from '../schema/index.js';
import { userWithScope } from './users.js';

export type SessionRow = typeof sessions.$inferSelect;

export async function insertSession(db: Db, values: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(values);
}

/** The session with its user and the user's scope, in one query: this runs on every request. */
export async function findSessionWithUser(db: Db, tokenHash: string) {
  const rows = await db
    .select({ session: sessions, ...userWithScope })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(regions, eq(regions.code, users.regionCode))
    .leftJoin(units, eq(units.id, users.unitId))
    .where(eq(sessions.tokenHash, tokenHash))
    .limit(1);
  return rows[0] === undefined ? undefined : { ...rows[0], user: openUserRow(rows[0].user) };
}

export async function touchSession(db: Db, tokenHash: string, at: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Ends every session of a user, or every one but `keepTokenHash`. */
export async function deleteUserSessions(db: Db, userId: string, keepTokenHash?: string): Promise<void> {
  const where =
    keepTokenHash === undefined
      ? eq(sessions.userId, userId)
      : and(eq(sessions.userId, userId), ne(sessions.tokenHash, keepTokenHash));
  await db.delete(sessions).where(where);
}

/** The session passed the second factor. */
export async function markSessionSecondFactor(db: Db, tokenHash: string, at: Date): Promise<void> {
  await db.update(sessions).set({ secondFactorAt: at }).where(eq(sessions.tokenHash, tokenHash));
}
