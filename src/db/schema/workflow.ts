import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, char, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import type { ApplicationStatus, ApplicationType, UnitType } from '../../domain/types.js';
import { users } from './accounts.js';
import { ts } from './common.js';
import { domains, websites } from './names.js';
import { regions, units } from './organisation.js';

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
    unitType: varchar('unit_type', { length: 32 }).$type<UnitType>().notNull(),
    websiteId: uuid('website_id').references(() => websites.id),
    /** The Chinese domain a 新开办网站申请 is for (for the other types: the website's). */
    domainId: uuid('domain_id').references(() => domains.id),
    chain: jsonb('chain').$type<('office' | 'center' | 'paper')[]>().notNull(),
    stepIndex: integer('step_index').notNull().default(0),
    /** The pending step, null when the application is not pending. */
    step: varchar('step', { length: 16 }).$type<'office' | 'center' | 'paper'>(),
    /** When the pending step is due (working days, see calendar_days). */
    dueAt: ts('due_at'),
    /** Last overdue reminder sent to the step's reviewers (at most one a day). */
    overdueRemindedAt: ts('overdue_reminded_at'),
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
    // A queue tab of an office (status, region) in submission order: the page's ids are chosen from
    // this index alone (id included), then only those rows are read.
    index('applications_status_region_submitted_idx').using('btree', t.status, sql`${t.regionPath} text_pattern_ops`, t.submittedAt, t.id),
    index('applications_website_idx').on(t.websiteId),
    // One open application per website, and per domain for a 新开办网站申请: the database enforces it.
    uniqueIndex('applications_one_open_per_website_idx')
      .on(t.websiteId)
      .where(sql`status in ('draft', 'pending_office', 'pending_center', 'pending_paper', 'returned')`),
    uniqueIndex('applications_one_open_new_site_per_domain_idx')
      .on(t.domainId)
      .where(sql`type = 'new_site' and status in ('draft', 'pending_office', 'pending_center', 'pending_paper', 'returned')`),
    index('applications_step_queue_idx').using('btree', t.step, sql`${t.regionPath} text_pattern_ops`, t.submittedAt, t.id),
    // The queue in submission order without a region (the centre; a province's 全部 tab), and its
    // keyset pages; and 按截止时间 for the pending ones (issue 10, scale).
    index('applications_status_submitted_idx').on(t.status, t.submittedAt, t.id),
    // 全部 in submission order, keyset pages: status and region filtered on the index entries (a
    // province's page passes ~30 entries per row it keeps) instead of on the rows.
    index('applications_submitted_region_idx').on(t.submittedAt, t.id, t.status, t.regionPath),
    index('applications_status_due_idx').on(t.status, t.dueAt, t.id).where(sql`due_at is not null`),
    // The pending applications of a region (only they have a due date): 超期 and 按截止时间 in an
    // office's scope, a few thousand entries of a province instead of the country's rows; with the
    // columns those filters and their counts read, so neither reads a row.
    index('applications_pending_region_cover_idx')
      .using('btree', sql`${t.regionPath} text_pattern_ops`, t.dueAt, t.status, t.step, t.submittedAt, t.id)
      .where(sql`due_at is not null`),
    // The pending applications in submission order: 超期 without a region (the centre's; its home
    // page) walks these instead of every application since 2016 (which finds the overdue, recent
    // ones last: 4.4 s for one row on a tenth of the national data set, 0.1 ms here).
    index('applications_pending_submitted_idx').on(t.submittedAt, t.id, t.dueAt, t.status, t.step).where(sql`due_at is not null`),
    // The same for one status (a tab of the office queue), with the type and unit type filters:
    // without the status PostgreSQL ANDs the region's pending rows with the country's rows of it.
    index('applications_pending_status_region_cover_idx')
      .using('btree', t.status, sql`${t.regionPath} text_pattern_ops`, t.dueAt, t.id, t.type, t.unitType)
      .where(sql`due_at is not null`),
    // 超期 in an office's scope, oldest submitted first: a province's pending rows in submission
    // order, so the page stops at its 50th overdue row (the region's rows by due date had to read
    // and sort all ~7,000 overdue ones of a province: 15–43 ms; this: 0.4 ms). The queries add
    // `substr(region_path, 1, 6) = <province>` (filterConditions) to reach it.
    index('applications_pending_province_submitted_idx')
      .using('btree', sql`substr(${t.regionPath}, 1, 6)`, t.submittedAt, t.id, t.status, t.step, t.dueAt, t.regionPath)
      .where(sql`due_at is not null`),
  ],
);

/**
 * Applications counted per region, status, type and unit type (and whether the centre reviews
 * them), kept by a trigger on `applications` (migration 0015): the queue's counts per status
 * and the counts per region read a few thousand rows instead of counting 10,000,000.
 */
export const applicationCounts = pgTable(
  'application_counts',
  {
    regionPath: varchar('region_path', { length: 64 }).notNull(),
    status: varchar('status', { length: 16 }).$type<ApplicationStatus>().notNull(),
    type: varchar('type', { length: 16 }).$type<ApplicationType>().notNull(),
    unitType: varchar('unit_type', { length: 32 }).$type<UnitType>().notNull(),
    inCenter: boolean('in_center').notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.regionPath, t.status, t.type, t.unitType, t.inCenter] }),
    index('application_counts_path_idx').using('btree', sql`${t.regionPath} text_pattern_ops`),
  ],
);

/**
 * The same counts per province (the first segment of the region path), for the centre's counts
 * per status and province without summing every region's rows. Kept by the same trigger
 * (migration 0021). A change adds to one of 4 rows (shards) of its bucket, chosen by
 * the application's id, so the reviewers of one province do not all wait on one row until their
 * decisions commit; readers sum the shards.
 */
export const applicationProvinceCounts = pgTable(
  'application_province_counts',
  {
    province: varchar('province', { length: 12 }).notNull(),
    status: varchar('status', { length: 16 }).$type<ApplicationStatus>().notNull(),
    type: varchar('type', { length: 16 }).$type<ApplicationType>().notNull(),
    unitType: varchar('unit_type', { length: 32 }).$type<UnitType>().notNull(),
    inCenter: boolean('in_center').notNull(),
    shard: smallint('shard').notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.province, t.status, t.type, t.unitType, t.inCenter, t.shard] })],
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
    /** Non-blocking warnings of the form's rules (e.g. a 党政机关 site outside gov.cn), for reviewers. */
    warnings: jsonb('warnings').$type<{ code: string; message: string }[]>().notNull().default([]),
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

/** Every transition of an application, in order: who did what, from which state to which. */
export const applicationHistory = pgTable(
  'application_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    event: varchar('event', { length: 16 }).notNull(),
    fromStatus: varchar('from_status', { length: 16 }).$type<ApplicationStatus>().notNull(),
    toStatus: varchar('to_status', { length: 16 }).$type<ApplicationStatus>().notNull(),
    step: varchar('step', { length: 16 }),
    revision: integer('revision').notNull(),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id),
    at: ts('at').notNull(),
    note: jsonb('note').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('application_history_app_idx').on(t.applicationId, t.id)],
);

/** A region's workflow settings (chains, paper items, deadlines), edited by the admin. */
export const workflowConfigs = pgTable('workflow_configs', {
  regionCode: char('region_code', { length: 6 })
    .primaryKey()
    .references(() => regions.code),
  config: jsonb('config').$type<Record<string, unknown>>().notNull(),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: ts('updated_at').notNull(),
});

/** Exceptions to the Monday–Friday week: public holidays, and weekend days that are worked (调休). */
export const calendarDays = pgTable('calendar_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  kind: varchar('kind', { length: 16 }).$type<'holiday' | 'workday'>().notNull(),
  name: varchar('name', { length: 64 }).notNull(),
});

/** A DNS change that an approved 变更 proposes (old records to delete, the URL转发 to add); the
 * DNS module applies or dismisses it. */
export const dnsChangeProposals = pgTable(
  'dns_change_proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    domainId: uuid('domain_id')
      .notNull()
      .references(() => domains.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    proposal: jsonb('proposal').$type<Record<string, unknown>>().notNull(),
    status: varchar('status', { length: 16 }).$type<'proposed' | 'applied' | 'dismissed'>().notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('dns_change_proposals_domain_idx').on(t.domainId, t.createdAt)],
);
