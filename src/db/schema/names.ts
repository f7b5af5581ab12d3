import { sql } from 'drizzle-orm';
import { char, index, integer, pgTable, text, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import type { ChineseTld, DomainStatus, Hosting, WebsiteStatus } from '../../domain/types.js';
import { ts } from './common.js';
import { units } from './organisation.js';

/** A Chinese domain (网上名称) held by a unit: stored both as typed (Unicode) and as ACE. */
export const domains = pgTable(
  'domains',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    name: varchar('name', { length: 253 }).notNull(),
    ace: varchar('ace', { length: 253 }).notNull(),
    tld: varchar('tld', { length: 8 }).$type<ChineseTld>().notNull(),
    status: varchar('status', { length: 16 }).$type<DomainStatus>().notNull().default('active'),
    registeredAt: ts('registered_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('domains_ace_idx').on(t.ace),
    index('domains_unit_idx').on(t.unitId),
    // A TLD's active domains (the zone build's three reads): a small TLD beside a large one is
    // found without reading every domain (0.6 s for an empty .公益 beside 1,000,000 .政务).
    index('domains_tld_status_idx').on(t.tld, t.status),
  ],
);

/** A website and its badge (网站标识). `badgePublicId` is the opaque id in the badge URLs. */
export const websites = pgTable(
  'websites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    domainId: uuid('domain_id')
      .notNull()
      .references(() => domains.id),
    name: varchar('name', { length: 128 }).notNull(),
    hosting: varchar('hosting', { length: 16 }).$type<Hosting>().notNull(),
    englishDomain: varchar('english_domain', { length: 253 }),
    ipAddresses: text('ip_addresses')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    description: text('description').notNull(),
    /** What the 网络红页 shows besides the unit's own record. */
    redPageAddress: varchar('red_page_address', { length: 256 }),
    redPageFunctions: text('red_page_functions'),
    redPagePhone: varchar('red_page_phone', { length: 32 }),
    status: varchar('status', { length: 16 }).$type<WebsiteStatus>().notNull().default('pending'),
    badgePublicId: char('badge_public_id', { length: 32 }),
    badgeNumber: varchar('badge_number', { length: 32 }),
    badgeVersion: integer('badge_version').notNull().default(0),
    badgeIssuedAt: ts('badge_issued_at'),
    deregisteredAt: ts('deregistered_at'),
    /** Renewed by an approved 已开办网站资格复核 (and set at first approval). */
    qualifiedAt: ts('qualified_at'),
    /** When the 网络红页 went public, and when it was withdrawn (注销 or a switch to 自建网站). */
    redPagePublishedAt: ts('red_page_published_at'),
    redPageWithdrawnAt: ts('red_page_withdrawn_at'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('websites_unit_idx').on(t.unitId),
    index('websites_domain_idx').on(t.domainId),
    uniqueIndex('websites_badge_public_id_idx').on(t.badgePublicId),
    uniqueIndex('websites_badge_number_idx').on(t.badgeNumber),
  ],
);
