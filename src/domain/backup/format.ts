import { z } from 'zod';

/**
 * The backup file: gzip'd lines of JSON, the same for PGlite and PostgreSQL.
 *
 *     {"format":"zhengming-backup","formatVersion":1,…}     the header: what, when, from where, schema
 *     {"table":"regions"}                                    one section per table, in foreign-key order
 *     ["110000","北京市","province",null,"110000"]           one row: every column as PostgreSQL's text
 *     …                                                      output (COPY's text form), or null
 *     {"trailer":{"tables":{…},"sequences":[…],…}}          counts, SHA-256s, sequences, audit head
 *
 * The header and the trailer together are the manifest. Values are PostgreSQL's own text form
 * (timestamps in UTC, jsonb canonical), so nothing is lost in JSON and both kinds of database
 * print the same bytes. `contentSha256` covers every line before the trailer.
 */
export const backupFormat = 'zhengming-backup';
export const backupFormatVersion = 1;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const identifier = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/);

export const headerTableSchema = z.strictObject({
  name: identifier,
  primaryKey: z.array(identifier).min(1).max(32),
  columns: z.array(z.strictObject({ name: identifier, type: z.string().min(1).max(128) })).min(1).max(1600),
});
export type HeaderTable = z.infer<typeof headerTableSchema>;

export const backupMigrationSchema = z.strictObject({
  tag: z.string().min(1).max(200),
  /** drizzle's folderMillis: the migration's identity in `drizzle.__drizzle_migrations.created_at`. */
  createdAt: z.number().int().nonnegative(),
  hash: sha256Hex,
});
export type BackupMigration = z.infer<typeof backupMigrationSchema>;

/** The settings a restored system needs set the same way (values are not secret). */
export const configurationHintsSchema = z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), z.string().max(2000));
export type ConfigurationHints = z.infer<typeof configurationHintsSchema>;

export const backupHeaderSchema = z.strictObject({
  format: z.literal(backupFormat),
  formatVersion: z.literal(backupFormatVersion),
  createdAt: z.iso.datetime(),
  source: z.strictObject({ kind: z.enum(['pglite', 'postgres']), serverVersion: z.string().max(300) }),
  migrations: z.array(backupMigrationSchema).min(1).max(10_000),
  tables: z.array(headerTableSchema).min(1).max(1000),
  configuration: configurationHintsSchema,
  /** Secrets the system needs that are deliberately not in the file: name → whether it was set. */
  secretsNotIncluded: z.record(z.string().max(100), z.boolean()),
});
export type BackupHeader = z.infer<typeof backupHeaderSchema>;

export const backupSequenceSchema = z.strictObject({
  name: identifier,
  lastValue: z.string().regex(/^-?\d{1,19}$/),
  isCalled: z.boolean(),
});
export type BackupSequence = z.infer<typeof backupSequenceSchema>;

export const auditChainStateSchema = z.strictObject({
  ok: z.boolean(),
  checked: z.number().int().nonnegative(),
  headId: z.number().int().nullable(),
  headHash: sha256Hex,
});
export type AuditChainState = z.infer<typeof auditChainStateSchema>;

export const backupTrailerSchema = z.strictObject({
  tables: z.record(identifier, z.strictObject({ rows: z.number().int().nonnegative(), sha256: sha256Hex })),
  sequences: z.array(backupSequenceSchema).max(10_000),
  /** The audit hash chain as verified in the backup's snapshot. */
  auditChain: auditChainStateSchema,
  /** Versions of the personal-data key (SM4 envelopes `sm4:<id>:…`) the data needs; the key file is not in the backup. */
  personalDataKeyIds: z.array(z.number().int().positive()).max(10_000),
  contentSha256: sha256Hex,
});
export type BackupTrailer = z.infer<typeof backupTrailerSchema>;

/** One row line: the columns' text values in the header's column order. */
export type RowValues = (string | null)[];

/** The personal-data key versions named by SM4 envelopes in a row line (see src/crypto/envelope.ts). */
export function envelopeKeyIds(line: string, into: Set<number>): void {
  if (!line.includes('sm4:')) return;
  for (const m of line.matchAll(/sm4:([1-9]\d{0,5}):[A-Za-z0-9_-]{40,}/g)) into.add(Number(m[1]));
}
