import { bigint, bigserial, index, integer, jsonb, pgTable, uuid, varchar } from 'drizzle-orm/pg-core';
import { ts } from './common.js';
import { domains } from './names.js';

export const dnsRecords = pgTable(
  'dns_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    domainId: uuid('domain_id')
      .notNull()
      .references(() => domains.id),
    host: varchar('host', { length: 253 }).notNull(),
    type: varchar('type', { length: 16 }).notNull(),
    value: varchar('value', { length: 2048 }).notNull(),
    ttl: integer('ttl').notNull().default(600),
    priority: integer('priority'),
    /** Set on records the system made (e.g. the `www` twin of a URL转发 on `@`). */
    generatedBy: uuid('generated_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('dns_records_domain_idx').on(t.domainId, t.host)],
);

/** The journal of zone changes, written in the same transaction as the records: the DNS
 * primary serves IXFR from it and sends NOTIFY for each new serial. */
export const zoneChanges = pgTable(
  'zone_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    domainId: uuid('domain_id')
      .notNull()
      .references(() => domains.id),
    serial: bigint('serial', { mode: 'number' }).notNull(),
    change: jsonb('change').$type<Record<string, unknown>>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('zone_changes_domain_serial_idx').on(t.domainId, t.serial)],
);
