import { sql } from 'drizzle-orm';
import { bigint, bigserial, char, index, integer, jsonb, pgTable, text, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { ts } from './common.js';

export type NotificationChannel = 'sms' | 'email' | 'inbox';
export type NotificationStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'logged';

/** The outbox: one row per message to send, written in the transaction of the event that
 * causes it. Rows of channel `inbox` are the in-app messages themselves. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channel: varchar('channel', { length: 8 }).$type<NotificationChannel>().notNull(),
    template: varchar('template', { length: 64 }).notNull(),
    recipientUserId: uuid('recipient_user_id').references(() => users.id),
    /** The application the message is about, for its delivery log. */
    applicationId: uuid('application_id'),
    /** The mobile number or email, sealed (SM4-CBC + HMAC-SM3); null for the inbox. */
    toAddress: text('to_address'),
    /** Keyed SM3 hash of the clear address: the delivery log's filter by recipient. */
    toAddressHash: char('to_address_hash', { length: 64 }),
    subject: varchar('subject', { length: 256 }).notNull(),
    body: text('body').notNull(),
    params: jsonb('params').$type<Record<string, string>>().notNull(),
    status: varchar('status', { length: 16 }).$type<NotificationStatus>().notNull(),
    idempotencyKey: varchar('idempotency_key', { length: 128 }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull(),
    providerMessageId: varchar('provider_message_id', { length: 128 }),
    lastError: text('last_error'),
    sentAt: ts('sent_at'),
    readAt: ts('read_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('notifications_idempotency_idx').on(t.idempotencyKey),
    index('notifications_due_idx').on(t.status, t.nextAttemptAt),
    index('notifications_recipient_idx').on(t.recipientUserId, t.channel, t.createdAt),
    index('notifications_application_idx').on(t.applicationId, t.createdAt),
    index('notifications_status_idx').on(t.status, t.createdAt),
    index('notifications_to_hash_idx').on(t.toAddressHash, t.createdAt),
  ],
);

/**
 * Messages to a step's reviewers, waiting to be addressed: a decision writes one row here in its
 * transaction (the intent commits with it); the outbox worker turns it into the reviewers'
 * inbox/SMS/email rows of `notifications` (keys `<idempotency_key>:<user id>:<channel>`) and
 * deletes it, in one transaction. A decision at the centre's door would otherwise seal and write
 * three rows per centre reviewer while the reviewer waits.
 */
export const notificationFanouts = pgTable(
  'notification_fanouts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id').notNull(),
    /** Whose reviewers: the centre's, or the office (同级编办) along this region path. */
    step: varchar('step', { length: 16 }).$type<'office' | 'center' | 'paper'>().notNull(),
    regionPath: varchar('region_path', { length: 64 }).notNull(),
    template: varchar('template', { length: 64 }).notNull(),
    params: jsonb('params').$type<Record<string, string>>().notNull(),
    idempotencyKey: varchar('idempotency_key', { length: 100 }).notNull(),
    createdAt: ts('created_at').notNull(),
    /** Why it could not be addressed (a template or parameter this code does not know): kept aside, not retried. */
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('notification_fanouts_key_idx').on(t.idempotencyKey),
    index('notification_fanouts_waiting_idx').on(t.createdAt).where(sql`${t.lastError} is null`),
  ],
);

/** Append-only: a trigger in the migrations refuses UPDATE and DELETE. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull(),
    actorId: uuid('actor_id'),
    actorUsername: varchar('actor_username', { length: 64 }),
    action: varchar('action', { length: 64 }).notNull(),
    targetType: varchar('target_type', { length: 32 }),
    targetId: varchar('target_id', { length: 64 }),
    result: varchar('result', { length: 16 }).$type<'success' | 'failure'>().notNull(),
    ip: varchar('ip', { length: 64 }),
    userAgent: varchar('user_agent', { length: 512 }),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    /** The hash chain (SM3, hex): the previous event's `hash`, and SM3 of this event's canonical
     * content with `prev_hash` (domain/audit/chain.ts). Null until the event is sealed: writers
     * insert unsealed events and the sealer (app/audit/sealer.ts) chains them after they commit. */
    prevHash: char('prev_hash', { length: 64 }),
    hash: char('hash', { length: 64 }),
    /** The event's place in the chain, given when it is sealed (sealing order, not id order: ids
     * are taken before commit). Null on events sealed before migration 0019, whose place is their
     * id — hence chain order is `coalesce(chain_seq, id)` over sealed events. */
    chainSeq: bigint('chain_seq', { mode: 'number' }),
  },
  (t) => [
    index('audit_events_at_idx').on(t.at),
    index('audit_events_action_idx').on(t.action, t.at),
    index('audit_events_actor_idx').on(t.actorUsername, t.at),
    uniqueIndex('audit_events_chain_order_idx').on(sql`(coalesce(${t.chainSeq}, ${t.id}))`).where(sql`${t.hash} is not null`),
    index('audit_events_unsealed_idx').on(t.id).where(sql`${t.hash} is null`),
  ],
);

/** Audit events past the retention period (AUDIT_RETENTION_DAYS), moved here whole with their
 * hashes, so the chain still verifies from the first event; append-only like the live table. */
export const auditEventsArchive = pgTable(
  'audit_events_archive',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull(),
    actorId: uuid('actor_id'),
    actorUsername: varchar('actor_username', { length: 64 }),
    action: varchar('action', { length: 64 }).notNull(),
    targetType: varchar('target_type', { length: 32 }),
    targetId: varchar('target_id', { length: 64 }),
    result: varchar('result', { length: 16 }).$type<'success' | 'failure'>().notNull(),
    ip: varchar('ip', { length: 64 }),
    userAgent: varchar('user_agent', { length: 512 }),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    prevHash: char('prev_hash', { length: 64 }).notNull(),
    hash: char('hash', { length: 64 }).notNull(),
    archivedAt: ts('archived_at').notNull(),
    /** As in the live table: null on events sealed before migration 0019 (their place is their id). */
    chainSeq: bigint('chain_seq', { mode: 'number' }),
  },
  (t) => [index('audit_events_archive_at_idx').on(t.at), uniqueIndex('audit_events_archive_chain_order_idx').on(sql`(coalesce(${t.chainSeq}, ${t.id}))`)],
);

/** One row per archiving batch: the anchor the live chain continues from (`last_hash`). */
export const auditArchiveRuns = pgTable('audit_archive_runs', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: ts('at').notNull(),
  cutoff: ts('cutoff').notNull(),
  firstId: bigint('first_id', { mode: 'number' }).notNull(),
  lastId: bigint('last_id', { mode: 'number' }).notNull(),
  rows: integer('rows').notNull(),
  lastHash: char('last_hash', { length: 64 }).notNull(),
});

