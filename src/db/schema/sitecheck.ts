import { index, integer, jsonb, pgTable, text, uuid, varchar } from 'drizzle-orm/pg-core';
import type { SiteCheckFinding, SiteCheckOutcome, SiteCheckReport, SiteCheckTrigger } from '../../domain/sitecheck/types.js';
import { users } from './accounts.js';
import { ts } from './common.js';
import { websites } from './names.js';
import { units } from './organisation.js';
import { applications } from './workflow.js';

/**
 * Every 网站核验 run: the 检测 button (`manual`), submission, a reviewer's re-check, the patrol.
 * `report` is the full evidence (DNS answers, each fetch, TLS, title comparison); `findings`
 * and `outcome` are copied out so lists need not read it.
 */
export const siteChecks = pgTable(
  'site_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trigger: varchar('trigger', { length: 16 }).$type<SiteCheckTrigger>().notNull(),
    unitId: uuid('unit_id').references(() => units.id),
    applicationId: uuid('application_id').references(() => applications.id),
    /** The application's revision whose form was checked. */
    revision: integer('revision'),
    websiteId: uuid('website_id').references(() => websites.id),
    requestedBy: uuid('requested_by').references(() => users.id),
    englishDomain: varchar('english_domain', { length: 253 }).notNull(),
    ipAddresses: text('ip_addresses').array().notNull(),
    websiteName: varchar('website_name', { length: 128 }).notNull(),
    outcome: varchar('outcome', { length: 8 }).$type<SiteCheckOutcome>().notNull(),
    findings: jsonb('findings').$type<SiteCheckFinding[]>().notNull(),
    report: jsonb('report').$type<SiteCheckReport>().notNull(),
    /** The 经办人's explanation of a failing check at submission, for the reviewers. */
    explanation: text('explanation'),
    startedAt: ts('started_at').notNull(),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [
    index('site_checks_application_idx').on(t.applicationId, t.startedAt),
    index('site_checks_website_idx').on(t.websiteId, t.startedAt),
    index('site_checks_requester_idx').on(t.requestedBy, t.trigger, t.startedAt),
  ],
);

/**
 * The patrol's schedule, one row per self-hosted website it has seen. A worker claims a due row
 * by moving `next_check_at` a lease ahead (FOR UPDATE SKIP LOCKED); recording the result moves it
 * to the next slot. `consecutive_failures` counts the current run of failing patrol checks.
 */
export const sitePatrols = pgTable(
  'site_patrols',
  {
    websiteId: uuid('website_id')
      .primaryKey()
      .references(() => websites.id),
    nextCheckAt: ts('next_check_at').notNull(),
    /** Bumped by every claim: a result is recorded only by the claim that is still current. */
    claims: integer('claims').notNull().default(0),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    failingSince: ts('failing_since'),
    lastCheckId: uuid('last_check_id'),
    lastCheckedAt: ts('last_checked_at'),
    lastOutcome: varchar('last_outcome', { length: 8 }).$type<SiteCheckOutcome>(),
    /** When the 经办人 and office were told of the current failing run (once per run). */
    notifiedAt: ts('notified_at'),
  },
  (t) => [index('site_patrols_due_idx').on(t.nextCheckAt), index('site_patrols_failing_idx').on(t.consecutiveFailures)],
);
