import { sql } from 'drizzle-orm';
import { boolean, char, index, integer, pgTable, text, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import type { Role } from '../../domain/types.js';
import { ts } from './common.js';
import { regions, units } from './organisation.js';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: varchar('username', { length: 64 }).notNull(),
    displayName: varchar('display_name', { length: 64 }).notNull(),
    role: varchar('role', { length: 32 }).$type<Role>().notNull(),
    unitId: uuid('unit_id').references(() => units.id),
    regionCode: char('region_code', { length: 6 }).references(() => regions.code),
    /** Personal data, sealed (SM4-CBC + HMAC-SM3, `sm4:<key id>:…`) by the repository. */
    mobile: text('mobile'),
    email: text('email'),
    /** Keyed SM3 hash of the mobile number: search by mobile without the clear value. */
    mobileHash: char('mobile_hash', { length: 64 }),
    passwordHash: varchar('password_hash', { length: 256 }).notNull(),
    passwordChangedAt: ts('password_changed_at').notNull(),
    /** Set when an admin assigned the password: the user must choose a new one at next login. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    /** Demo accounts and service accounts may be exempt from the expiry rule. */
    passwordNeverExpires: boolean('password_never_expires').notNull().default(false),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lockedUntil: ts('locked_until'),
    disabled: boolean('disabled').notNull().default(false),
    /** TOTP second factor: the base32 secret once confirmed (sealed like the personal data), when
     * it was turned on, and the last time step a code was accepted for (a code works once). */
    totpSecret: text('totp_secret'),
    totpEnabledAt: ts('totp_enabled_at'),
    totpLastStep: integer('totp_last_step'),
    /** A secret shown at enrolment, waiting for its first code (sealed). */
    totpPendingSecret: text('totp_pending_secret'),
    totpPendingAt: ts('totp_pending_at'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_username_lower_idx').on(sql`lower(${t.username})`),
    index('users_unit_idx').on(t.unitId),
    index('users_region_idx').on(t.regionCode),
    // The centre's reviewers (notified at each arrival at the centre) among 1,000,000 经办人.
    index('users_role_idx').on(t.role),
    index('users_mobile_hash_idx').on(t.mobileHash),
  ],
);

export const passwordHistory = pgTable(
  'password_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    passwordHash: varchar('password_hash', { length: 256 }).notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('password_history_user_idx').on(t.userId, t.createdAt)],
);

/** Server-side sessions, shared by every process. The cookie carries a random token; only its
 * SHA-256 is stored, so a database leak does not hand out live sessions. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: char('token_hash', { length: 64 }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: char('csrf_token', { length: 43 }).notNull(),
    createdAt: ts('created_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
    absoluteExpiresAt: ts('absolute_expires_at').notNull(),
    ip: varchar('ip', { length: 64 }),
    userAgent: varchar('user_agent', { length: 512 }),
    /** When this session passed the second factor; null: not (yet), which restricts it when the
     * user has one enrolled. */
    secondFactorAt: ts('second_factor_at'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** A new mobile or email waiting for its owner to confirm it with the code sent there. */
export const contactVerifications = pgTable(
  'contact_verifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    channel: varchar('channel', { length: 8 }).$type<'sms' | 'email'>().notNull(),
    /** The new mobile or email, sealed. */
    address: text('address').notNull(),
    codeHash: char('code_hash', { length: 64 }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: ts('expires_at').notNull(),
    consumedAt: ts('consumed_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('contact_verifications_user_idx').on(t.userId, t.createdAt)],
);

export const passwordResetCodes = pgTable(
  'password_reset_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    codeHash: char('code_hash', { length: 64 }).notNull(),
    channel: varchar('channel', { length: 8 }).$type<'sms' | 'email'>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: ts('expires_at').notNull(),
    consumedAt: ts('consumed_at'),
    requestIp: varchar('request_ip', { length: 64 }),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('password_reset_codes_user_idx').on(t.userId, t.createdAt),
    index('password_reset_codes_ip_idx').on(t.requestIp, t.createdAt),
  ],
);
