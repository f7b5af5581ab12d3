/**
 * The whole-zone read of the primary's build and of the master-file export: every record of a
 * TLD's active domains fetched as ONE text column (`scanLine`), not as six. Parsing the rows
 * is most of what `pg` costs the build, and it costs per field: at 1,000,000 domains (1.67 M
 * records) six columns took 5.3 s of CPU to fetch and parse against 3.0 s for one (measured at
 * load ~5 on the 2-core bench machine; the database's own work is the same join). On PostgreSQL the lines come
 * through COPY (`db/snapshot.ts`), which costs a third of that again. The primary's loader takes
 * the line apart (`dns/zone-build.ts`, `ZoneEntryLoader.loadLine`) without a row object per record.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import type { CopyLines } from '../snapshot.js';
import { cursorRows } from './dns.js';

/** Rows per FETCH: small enough that a batch in flight dies young (fewer rows promoted by the GC). */
const batchRows = 5_000;

/**
 * One record as `type ttl priority domain owner value`, separated by single spaces; priority is
 * empty unless the spec has one, the value (free text, spaces allowed) is everything after the
 * fifth space. Type, TTL, domain and owner never hold a space (validated names and numbers). A
 * record with a missing type, TTL, owner or value is NULL as a whole and skipped; the casts fail
 * on a non-integer TTL or priority (the record rules never store one).
 */
const scanLine = sql`(r.spec->>'type') || ' ' || ((r.spec->>'ttl')::int)::text || ' ' || coalesce(((r.spec->>'priority')::int)::text, '')
  || ' ' || d.ace || ' ' || (r.spec->>'owner') || ' ' || (r.spec->>'value')`;

/** One record of the zone scan taken apart: the values of its spec, beside its domain's ACE. */
export interface ZoneScanRecord {
  domain: string;
  owner: string;
  type: string;
  ttl: number;
  value: string;
  /** MX only. */
  priority: number | null;
}

/**
 * A record's `scanLine` as its fields (the master-file export reads the zone so; the primary's
 * loader takes the line apart in place, `dns/zone-build.ts`). null: not a record's line.
 */
export function parseScanLine(line: string): ZoneScanRecord | null {
  const a = line.indexOf(' ');
  const b = line.indexOf(' ', a + 1);
  const c = b < 0 ? -1 : line.indexOf(' ', b + 1);
  const d = c < 0 ? -1 : line.indexOf(' ', c + 1);
  const e = d < 0 ? -1 : line.indexOf(' ', d + 1);
  if (a < 0 || e < 0) return null;
  return {
    type: line.slice(0, a),
    ttl: Number(line.slice(a + 1, b)),
    priority: b + 1 === c ? null : Number(line.slice(b + 1, c)),
    domain: line.slice(c + 1, d),
    owner: line.slice(d + 1, e),
    value: line.slice(e + 1),
  };
}

export interface ZoneLines {
  /** The records of active domains, as `scanLine`s in batches, in table order. */
  lines(): AsyncGenerator<string[]>;
  /** After `lines`: the TLD's active domains. */
  domains(): number;
  /**
   * After `lines`: active domains whose website is on 网络红页 (lower-case ACE), a domain with
   * several such websites more than once: the loader only walks them (loading one twice changes
   * nothing), and a list costs no hashing of 300,000 names.
   */
  redPage(): string[];
}

/** The TLDs as literals: the query carries its values, as COPY needs (no parameters). */
const tldLiteral = { 政务: sql.raw(`'政务'`), 公益: sql.raw(`'公益'`) } as const;

/**
 * Everything a TLD zone publishes, read in the caller's read-only, repeatable-read snapshot
 * (`db/snapshot.ts`) by ONE query, through `copyLines` where there is one, else a cursor: the
 * records, then the 网络红页 domains (`+ ace`), then the count of active domains (`# n`). One
 * query, not three in turn before the first record: the database reads the websites and counts
 * while Node works on the records' last batches, not while Node waits (about a second at
 * 1,000,000 domains). Which line is which is told by its first character (a record's is its
 * type's capital letter), not by the order of the parts.
 */
export function zoneLines(tx: Db, tld: '政务' | '公益', copyLines: CopyLines | null): ZoneLines {
  const redPage: string[] = [];
  let domains: number | null = null;
  const t = tldLiteral[tld];
  const query = sql`SELECT ${scanLine} AS line FROM dns_records r JOIN domains d ON d.id = r.domain_id WHERE d.tld = ${t} AND d.status = 'active'
    UNION ALL SELECT '+ ' || d.ace FROM websites w JOIN domains d ON d.id = w.domain_id
      WHERE d.tld = ${t} AND d.status = 'active' AND w.status = 'active' AND w.hosting <> 'self_hosted'
    UNION ALL SELECT '# ' || count(*)::text FROM domains WHERE tld = ${t} AND status = 'active'`;
  async function* rows(): AsyncGenerator<unknown[]> {
    // No parallel workers: every row passes through the one backend that sends it anyway, and the
    // workers take the cores the primary's process needs to consume the rows (at 1,000,000
    // domains on 2 cores, the build took 10.5 s with them, 8.6 s without).
    await tx.execute(sql`SET LOCAL max_parallel_workers_per_gather = 0`);
    if (copyLines !== null) yield* copyLines(query);
    else for await (const batch of cursorRows(tx, 'zm_zone_lines', query, batchRows)) yield batch.map((r) => r['line']);
  }
  async function* lines(): AsyncGenerator<string[]> {
    for await (const batch of rows()) {
      const out: string[] = [];
      for (const line of batch) {
        if (typeof line !== 'string') continue;
        const first = line.charCodeAt(0);
        if (first === 0x2b) redPage.push(line.slice(2));
        else if (first === 0x23) domains = Number(line.slice(2));
        else out.push(line);
      }
      yield out;
    }
  }
  const after = <T>(value: T | null): T => {
    if (value === null) throw new Error('zone scan: read the lines first');
    return value;
  };
  return { lines, domains: () => after(domains), redPage: () => redPage };
}
