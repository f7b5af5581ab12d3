import { sql } from 'drizzle-orm';
import { char, index, integer, jsonb, pgTable, text, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import type { ApplicationStatus, ApplicationType } from '../../domain/types.js';
import { users } from './accounts.js';
import { ts } from './common.js';
import { websites } from './names.js';
import { units } from './organisation.js';

/** An application (新开办网站申请, 资格复核, 变更, 注销). Its form lives in revisions; `payload`
 * is the current revision's copy, `chain` the review steps chosen when it was submitted. */
export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: varchar('number', { length: 32 }).notNull(),
    type: varchar('type', { length: 16 }).$type<ApplicationType>().notNull(),
    status: varchar('status', { length: 16 }).$type<ApplicationStatus>().notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    /** Denormalised from the unit so a reviewer's queue is one index range scan. */
    regionPath: varchar('region_path', { length: 64 }).notNull(),
    websiteId: uuid('website_id').references(() => websites.id),
    chain: jsonb('chain').$type<string[]>().notNull(),
    stepIndex: integer('step_index').notNull().default(0),
    revision: integer('revision').notNull().default(1),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    submittedAt: ts('submitted_at'),
    decidedAt: ts('decided_at'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('applications_number_idx').on(t.number),
    index('applications_unit_idx').on(t.unitId, t.createdAt),
    index('applications_queue_idx').using('btree', t.status, sql`${t.regionPath} text_pattern_ops`, t.submittedAt),
    index('applications_website_idx').on(t.websiteId),
  ],
);

export const applicationRevisions = pgTable(
  'application_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    revision: integer('revision').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** SHA-256 of the canonical payload: what a printed form's QR code refers to. */
    contentHash: char('content_hash', { length: 64 }).notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('application_revisions_app_rev_idx').on(t.applicationId, t.revision)],
);

export const reviewDecisions = pgTable(
  'review_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    revision: integer('revision').notNull(),
    step: varchar('step', { length: 16 }).notNull(),
    decision: varchar('decision', { length: 16 }).$type<'approve' | 'return'>().notNull(),
    /** Reasons, optionally tied to form fields: [{ field?: string, reason: string }]. */
    reasons: jsonb('reasons').$type<{ field?: string; reason: string }[]>().notNull(),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('review_decisions_app_idx').on(t.applicationId, t.createdAt)],
);

/** Paper materials expected for an application at its paper step, and their receipt. */
export const paperMaterials = pgTable(
  'paper_materials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    kind: varchar('kind', { length: 64 }).notNull(),
    label: varchar('label', { length: 128 }).notNull(),
    copies: integer('copies').notNull(),
    status: varchar('status', { length: 16 }).$type<'expected' | 'received' | 'rejected'>().notNull(),
    revision: integer('revision'),
    note: text('note'),
    receivedBy: uuid('received_by').references(() => users.id),
    receivedAt: ts('received_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('paper_materials_app_idx').on(t.applicationId)],
);
