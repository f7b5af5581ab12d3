import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { openPayloadForReseal, purposes, sealPayload } from './fields.js';
import { openForReseal, personalDataKeyring, sealValue, searchHashOf } from './keys.js';

/**
 * Every place sealed personal data lives (`fields.ts` says why these and no others), walked by
 * `keys rotate` / `keys reencrypt` (everything not sealed with the current key) and at start
 * (values still in clear, from before encryption existed). Each batch is one transaction over
 * rows locked in id order, so a run can stop anywhere and the next run carries on; a value that
 * is already right is not selected again.
 */
interface ColumnTarget {
  kind: 'column';
  name: string;
  table: string;
  column: string;
  purpose: string;
  /** The keyed search hash kept beside the value, recomputed with it. */
  hash?: { column: string; kind: 'mobile' | 'address' };
}
interface PayloadTarget {
  kind: 'payload';
  name: string;
  table: string;
}
type Target = ColumnTarget | PayloadTarget;

export const sealedPlaces: readonly Target[] = [
  { kind: 'column', name: 'users.mobile', table: 'users', column: 'mobile', purpose: purposes.userMobile, hash: { column: 'mobile_hash', kind: 'mobile' } },
  { kind: 'column', name: 'users.email', table: 'users', column: 'email', purpose: purposes.userEmail },
  { kind: 'column', name: 'users.totp_secret', table: 'users', column: 'totp_secret', purpose: purposes.userTotpSecret },
  { kind: 'column', name: 'users.totp_pending_secret', table: 'users', column: 'totp_pending_secret', purpose: purposes.userTotpPendingSecret },
  { kind: 'column', name: 'contact_verifications.address', table: 'contact_verifications', column: 'address', purpose: purposes.contactAddress },
  { kind: 'column', name: 'notifications.to_address', table: 'notifications', column: 'to_address', purpose: purposes.notificationAddress, hash: { column: 'to_address_hash', kind: 'address' } },
  { kind: 'payload', name: 'applications.payload', table: 'applications' },
  { kind: 'payload', name: 'application_revisions.payload', table: 'application_revisions' },
];

const handlerPaths = ['{handler,mobile}', '{handler,email}', '{handler,idNumber}'];

/** The SQL values of a place, one per sealed field (a form has three). Constants, written inline. */
const valuesOf = (t: Target): SQL[] =>
  t.kind === 'column' ? [sql`${sql.identifier(t.column)}`] : handlerPaths.map((p) => sql.raw(`(payload #>> '${p}')`));

/**
 * Rows holding a value that still needs sealing: in clear (`clear`), or sealed under another key
 * than the current one (`not_current`; a clear value is not re-sealed by a rotation: only the
 * start-up pass seals clear values, see cli/runtime.ts). NULL fails `like`, so empty fields are
 * never selected. The `clear` predicate is spelled exactly as the partial indexes of migration
 * 0016 are, with the pattern inline, so the planner answers from those (nearly always empty)
 * indexes instead of a scan.
 */
function needsWork(t: Target, mode: 'clear' | 'not_current', current: number): SQL {
  const currentPattern = sql.raw(`'sm4:${Math.trunc(current)}:%'`);
  return sql.join(
    valuesOf(t).map((v) => (mode === 'clear' ? sql`${v} not like 'sm4:%'` : sql`(${v} like 'sm4:%' and ${v} not like ${currentPattern})`)),
    sql` or `,
  );
}

const minId = '00000000-0000-0000-0000-000000000000';

async function resealBatch(db: Db, t: Target, mode: 'clear' | 'not_current', after: string, limit: number): Promise<{ rows: number; last: string | null }> {
  const current = personalDataKeyring().current;
  return db.transaction(async (tx) => {
    const selected = sql.join([sql`id`, ...(t.kind === 'column' ? [sql`${sql.identifier(t.column)} as value`] : [sql`payload as value`])], sql`, `);
    const res = (await tx.execute(
      sql`select ${selected} from ${sql.identifier(t.table)} where id > ${after}::uuid and (${needsWork(t, mode, current)}) order by id limit ${limit} for update`,
    )) as unknown as { rows: { id: string; value: unknown }[] };
    if (res.rows.length === 0) return { rows: 0, last: null };
    // One UPDATE per batch, from a VALUES list of the re-sealed values.
    const table = sql.identifier(t.table);
    if (t.kind === 'payload') {
      const values = res.rows.map((row) => {
        const payload = typeof row.value === 'string' ? (JSON.parse(row.value) as Record<string, unknown>) : (row.value as Record<string, unknown>);
        return sql`(${row.id}::uuid, ${JSON.stringify(sealPayload(openPayloadForReseal(payload)))}::jsonb)`;
      });
      await tx.execute(sql`update ${table} set payload = v.payload from (values ${sql.join(values, sql`, `)}) as v(id, payload) where ${table}.id = v.id`);
    } else {
      const column = sql.identifier(t.column);
      const values = res.rows.map((row) => {
        const plain = openForReseal(t.purpose, String(row.value));
        return sql`(${row.id}::uuid, ${sealValue(t.purpose, plain)}::text, ${t.hash === undefined ? null : searchHashOf(t.hash.kind, plain)}::text)`;
      });
      const hash = t.hash === undefined ? sql`` : sql`, ${sql.identifier(t.hash.column)} = v.hash`;
      await tx.execute(sql`update ${table} set ${column} = v.value${hash} from (values ${sql.join(values, sql`, `)}) as v(id, value, hash) where ${table}.id = v.id`);
    }
    return { rows: res.rows.length, last: res.rows.at(-1)?.id ?? null };
  });
}

export interface ResealProgress {
  place: string;
  rows: number;
}

/**
 * Seals every value of every place that needs it with the current key, in batches of `batchSize`
 * rows; returns the rows changed per place. `onBatch` hears of each batch (for progress output).
 */
export async function resealPersonalData(
  db: Db,
  mode: 'clear' | 'not_current',
  opts: { batchSize?: number; onBatch?: (p: ResealProgress) => void } = {},
): Promise<ResealProgress[]> {
  const batchSize = opts.batchSize ?? 500;
  const done: ResealProgress[] = [];
  for (const t of sealedPlaces) {
    let after = minId;
    let rows = 0;
    for (;;) {
      const batch = await resealBatch(db, t, mode, after, batchSize);
      rows += batch.rows;
      if (batch.rows > 0) opts.onBatch?.({ place: t.name, rows });
      if (batch.last === null || batch.rows < batchSize) break;
      after = batch.last;
    }
    done.push({ place: t.name, rows });
  }
  return done;
}

/** How many values each key version seals, per place; `clear` counts values not sealed at all. */
export async function sealedValueCounts(db: Db): Promise<{ place: string; counts: Record<string, number> }[]> {
  const out: { place: string; counts: Record<string, number> }[] = [];
  for (const t of sealedPlaces) {
    const parts = valuesOf(t).map(
      (v) => sql`select case when ${v} like 'sm4:%' then split_part(${v}, ':', 2) else 'clear' end as key from ${sql.identifier(t.table)} where ${v} is not null`,
    );
    const res = (await db.execute(sql`select key, count(*)::int as n from (${sql.join(parts, sql` union all `)}) v group by key order by key`)) as unknown as {
      rows: { key: string; n: number | string }[];
    };
    out.push({ place: t.name, counts: Object.fromEntries(res.rows.map((r) => [r.key, Number(r.n)])) });
  }
  return out;
}

/** Places holding clear values, with how many rows (from the partial indexes of migration 0016: cheap). */
export async function clearValueCounts(db: Db): Promise<ResealProgress[]> {
  const out: ResealProgress[] = [];
  for (const t of sealedPlaces) {
    const res = (await db.execute(sql`select count(*)::int as n from ${sql.identifier(t.table)} where ${needsWork(t, 'clear', 0)}`)) as unknown as { rows: { n: number | string }[] };
    const rows = Number(res.rows[0]?.n ?? 0);
    if (rows > 0) out.push({ place: t.name, rows });
  }
  return out;
}

/** One sealed value per place (the first found), with the purpose it opens under: a start checks its keys on them. */
export async function sealedSamples(db: Db): Promise<{ place: string; purpose: string; value: string }[]> {
  const out: { place: string; purpose: string; value: string }[] = [];
  for (const t of sealedPlaces) {
    const [v] = valuesOf(t);
    if (v === undefined) continue;
    const res = (await db.execute(sql`select ${v} as value from ${sql.identifier(t.table)} where ${v} like 'sm4:%' limit 1`)) as unknown as { rows: { value: string }[] };
    const value = res.rows[0]?.value;
    if (value !== undefined) out.push({ place: t.name, purpose: t.kind === 'column' ? t.purpose : purposes.handlerMobile, value });
  }
  return out;
}
