import { index, pgTable, text, uuid, varchar } from 'drizzle-orm/pg-core';
import { ts } from './common.js';
import { websites } from './names.js';

/**
 * 举报: a visitor's report about a website, from the public edge's form. The address is kept for
 * the per-IP rate limit (and for the centre, who reads the list in the console).
 */
export const publicReports = pgTable(
  'public_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The website the report is about, when the visitor came from its verification page. */
    websiteId: uuid('website_id').references(() => websites.id),
    /** What the visitor named: a domain, a website name, a URL (≤ 253). */
    target: varchar('target', { length: 253 }).notNull(),
    category: varchar('category', { length: 32 }).notNull(),
    description: text('description').notNull(),
    contact: varchar('contact', { length: 100 }),
    ip: varchar('ip', { length: 64 }).notNull(),
    userAgent: varchar('user_agent', { length: 256 }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('public_reports_ip_created_idx').on(t.ip, t.createdAt), index('public_reports_created_idx').on(t.createdAt)],
);
