import { and, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Role } from '../../domain/types.js';
import { validateMobile } from '../../domain/validators/mobile.js';
import type { Db } from '../client.js';
import { openUserRow, sealUserValues } from '../personal-data/fields.js';
import { searchHashOf } from '../personal-data/keys.js';
import { passwordHistory, regions, units, users } from '../schema/index.js';

/** A user as the use cases see it: mobile, email and TOTP secrets in clear (sealed in the table). */
export type UserRow = typeof users.$inferSelect;
type UserValues = Partial<typeof users.$inferInsert>;

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  const rows = await db
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`)
    .limit(1);
  return rows[0] === undefined ? undefined : openUserRow(rows[0]);
}

export async function findUserById(db: Db, id: string, opts: { forUpdate?: boolean } = {}): Promise<UserRow | undefined> {
  const q = db.select().from(users).where(eq(users.id, id)).limit(1);
  const rows = opts.forUpdate === true ? await q.for('update') : await q;
  return rows[0] === undefined ? undefined : openUserRow(rows[0]);
}

/**
 * What login needs before the password is checked: the account's id, hash and lock, read by name.
 * Nothing sealed is read (opening the contact and second-factor secrets cost each login four SM4
 * decryptions for nothing).
 */
export async function findLoginCandidate(db: Db, username: string): Promise<{ id: string; passwordHash: string; lockedUntil: Date | null } | undefined> {
  const [row] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, lockedUntil: users.lockedUntil })
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`)
    .limit(1);
  return row;
}

/** A user's mobile and email, opened; nothing else of the account (hashes, second factor) is read. */
export async function findUserContact(db: Db, id: string): Promise<{ mobile: string | null; email: string | null } | undefined> {
  const [row] = await db.select({ mobile: users.mobile, email: users.email }).from(users).where(eq(users.id, id)).limit(1);
  return row === undefined ? undefined : openUserRow(row);
}

/** A user's second factor gone: no secret, none pending (turned off, or reset by an admin). */
export const withoutSecondFactor = {
  totpSecret: null,
  totpEnabledAt: null,
  totpLastStep: null,
  totpPendingSecret: null,
  totpPendingAt: null,
} as const satisfies UserValues;

export async function updateUser(db: Db, id: string, values: UserValues): Promise<void> {
  await db.update(users).set(sealUserValues(values)).where(eq(users.id, id));
}

/** Update only if nobody changed the row since `version` was read; false when someone did. */
export async function updateUserIfVersion(
  db: Db,
  id: string,
  version: number,
  values: UserValues,
): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ ...sealUserValues(values), version: version + 1 })
    .where(and(eq(users.id, id), eq(users.version, version)))
    .returning({ id: users.id });
  return rows.length === 1;
}

export async function insertUser(db: Db, values: typeof users.$inferInsert): Promise<UserRow> {
  const rows = await db.insert(users).values(sealUserValues(values)).returning();
  const row = rows[0];
  if (row === undefined) throw new Error('insert returned no row');
  return openUserRow(row);
}

export async function recentPasswordHashes(db: Db, userId: string, limit: number): Promise<string[]> {
  if (limit <= 0) return [];
  const rows = await db
    .select({ hash: passwordHistory.passwordHash })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, userId))
    .orderBy(desc(passwordHistory.createdAt))
    .limit(limit);
  return rows.map((r) => r.hash);
}

export async function addPasswordHistory(db: Db, userId: string, passwordHash: string, at: Date): Promise<void> {
  await db.insert(passwordHistory).values({ userId, passwordHash, createdAt: at });
}

export interface UserListFilter {
  q?: string | undefined;
  role?: Role | undefined;
  page: number;
  pageSize: number;
}

/** A user and their scope (region, unit), selected with `users` left-joined to `units` and `regions`. */
export const userWithScope = {
  user: users,
  unitName: units.name,
  unitType: units.type,
  regionName: regions.name,
  regionPath: regions.path,
};

export async function listUsers(db: Db, f: UserListFilter) {
  const conditions: SQL[] = [];
  if (f.role !== undefined) conditions.push(eq(users.role, f.role));
  if (f.q !== undefined && f.q !== '') {
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const mobile = validateMobile(f.q);
    // A whole mobile number also finds its owner, by the keyed hash (the column itself is sealed).
    const byMobile = mobile.ok ? [eq(users.mobileHash, searchHashOf('mobile', mobile.value) ?? '')] : [];
    const match = or(ilike(users.username, pattern), ilike(users.displayName, pattern), ...byMobile);
    if (match !== undefined) conditions.push(match);
  }
  const where = conditions.length === 0 ? undefined : and(...conditions);
  const [rows, totals] = await Promise.all([
    db
      .select(userWithScope)
      .from(users)
      .leftJoin(units, eq(units.id, users.unitId))
      .leftJoin(regions, eq(regions.code, users.regionCode))
      .where(where)
      .orderBy(users.username)
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(users).where(where),
  ]);
  return { rows: rows.map((r) => ({ ...r, user: openUserRow(r.user) })), total: totals[0]?.total ?? 0 };
}

/** A user with their scope; with `forUpdate` the user's row is locked for the transaction (login). */
export async function findUserWithScope(db: Db, id: string, opts: { forUpdate?: boolean } = {}) {
  const q = db
    .select(userWithScope)
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .leftJoin(regions, eq(regions.code, users.regionCode))
    .where(eq(users.id, id))
    .limit(1);
  const rows = opts.forUpdate === true ? await q.for('update', { of: users }) : await q;
  return rows[0] === undefined ? undefined : { ...rows[0], user: openUserRow(rows[0].user) };
}
