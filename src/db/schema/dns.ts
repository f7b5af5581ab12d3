import { bigint, bigserial, index, integer, jsonb, pgTable, uuid, varchar } from 'drizzle-orm/pg-core';
import type { DnsRecordSpec } from '../../domain/dns/types.js';
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
    /** Set on records the system made (e.g. the `www` twin of a URL转发 on `@`): the record it came with. */
    generatedBy: uuid('generated_by'),
    /** The validated record as the domain rules produced it (owner, ACE host, display value…). */
    spec: jsonb('spec').$type<DnsRecordSpec>().notNull(),
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
    /** The TLD zone's apex (ACE) whose serial this change produced. */
    zone: varchar('zone', { length: 63 }).notNull(),
    serial: bigint('serial', { mode: 'number' }).notNull(),
    change: jsonb('change').$type<Record<string, unknown>>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('zone_changes_domain_serial_idx').on(t.domainId, t.serial), index('zone_changes_zone_serial_idx').on(t.zone, t.serial), index('zone_changes_zone_id_idx').on(t.zone, t.id)],
);

/** One zone per TLD (the registry's apex), with its SOA serial: the hidden primary serves them. */
export const zones = pgTable('zones', {
  apex: varchar('apex', { length: 63 }).primaryKey(),
  serial: bigint('serial', { mode: 'number' }).notNull(),
  updatedAt: ts('updated_at').notNull(),
});
