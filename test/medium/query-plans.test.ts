import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { approveApplication } from '../../src/app/applications/commands.js';
import { getApplication, listMyApplications, reviewQueue } from '../../src/app/applications/queries.js';
import { regionCounts } from '../../src/app/applications/region-counts.js';
import { login } from '../../src/app/auth/login.js';
import { resolveSession } from '../../src/app/auth/resolve-session.js';
import { systemClock, type AppContext, type Ctx } from '../../src/app/context.js';
import { defaultSecurityPolicy } from '../../src/config.js';
import type { Db } from '../../src/db/client.js';
import * as schema from '../../src/db/schema/index.js';
import { seedNational } from '../../bench/seed/national.js';
import { benchPassword } from '../../bench/seed/staff.js';
import { cloneTestDatabase } from '../support/db.js';
import { sequentialScans, type Captured } from '../support/query-plans.js';

/**
 * The statements of the console's busiest paths (issue 10, scale), captured as the use cases send
 * them, must not scan a large table sequentially. The national seed at a small size (4,000 units,
 * 40,000 applications, ~140,000 history rows), ANALYZEd, so the planner chooses as it would on
 * real data; PostgreSQL only (PGlite's planner and statistics are not what production runs).
 */
// Sessions and notifications are large in production too, but nearly empty here (their lookups
// are by primary key or by the indexes the other tests use).
const largeTables = ['applications', 'application_revisions', 'application_history', 'review_decisions', 'audit_events', 'units', 'users', 'domains', 'websites', 'dns_records'];
const meta = { ip: '127.0.0.1', userAgent: 'query-plans test' };

describe.runIf(inject('testDb') === 'postgres')('query plans of the busiest paths on national-shaped data', () => {
  const captured: Captured[] = [];
  let pool: pg.Pool;
  let app: AppContext;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const clone = await cloneTestDatabase();
    drop = clone.drop;
    const url = clone.url ?? '';
    await seedNational(url, { units: 4000, perUnit: 10 });
    pool = new pg.Pool({ connectionString: url, max: 4 });
    const db = drizzle(pool, { schema, logger: { logQuery: (sql, params) => captured.push({ sql, params }) } }) as unknown as Db;
    app = { db, clock: systemClock, policy: defaultSecurityPolicy, log: { info: () => undefined, warn: () => undefined } };
  }, 180_000);

  afterAll(async () => {
    await pool?.end();
    await drop?.();
  });

  async function actorCtx(username: string): Promise<Ctx> {
    const { token } = await login(app, meta, { username, password: benchPassword });
    const session = await resolveSession(app, token);
    if (session === null) throw new Error(`no session for ${username}`);
    return { ...app, actor: session.actor, meta };
  }

  /** Runs `path` with the log cleared and checks every statement it sent. */
  async function expectIndexed(path: () => Promise<unknown>) {
    captured.length = 0;
    await path();
    const statements = [...captured];
    const { scans, indexed, explained } = await sequentialScans(pool, statements, largeTables);
    expect(explained).toBeGreaterThan(0);
    expect(indexed).toBeGreaterThan(0);
    expect(scans).toEqual([]);
  }

  /** The access paths on `applications` of every statement `path` sends (node type, alias, index). */
  async function applicationScans(path: () => Promise<unknown>): Promise<{ type: string; alias: string; index: string }[]> {
    captured.length = 0;
    await path();
    const found: { type: string; alias: string; index: string }[] = [];
    type Node = { 'Node Type'?: string; 'Relation Name'?: string; Alias?: string; 'Index Name'?: string; Plans?: Node[] };
    const walk = (n: Node): void => {
      if (n['Relation Name'] === 'applications') found.push({ type: n['Node Type'] ?? '', alias: n.Alias ?? '', index: n['Index Name'] ?? '' });
      for (const c of n.Plans ?? []) walk(c);
    };
    for (const st of [...captured]) {
      if (!/^\s*select\b/i.test(st.sql)) continue;
      const res = await pool.query<{ 'QUERY PLAN': { Plan: Node }[] }>(`EXPLAIN (FORMAT JSON) ${st.sql}`, st.params);
      const plan = res.rows[0]?.['QUERY PLAN'][0]?.Plan;
      if (plan !== undefined) walk(plan);
    }
    return found;
  }

  it('finds a sequential scan where no index serves the query (the check itself)', async () => {
    const { scans } = await sequentialScans(pool, [{ sql: `select id from applications where payload->>'websiteName' = $1`, params: ['x'] }], largeTables);
    expect(scans.map((s) => s.table)).toEqual(['applications']);
  });

  it('logs in (经办人) and resolves the session by indexes', async () => {
    await expectIndexed(() => actorCtx('jb17'));
  });

  it('serves the province office queue: first page, a deep keyset page, and its filters by indexes', async () => {
    const office = await actorCtx('bs110000a');
    await expectIndexed(() => reviewQueue(office, { status: 'pending_office', sort: 'submitted_asc', limit: 50 }));
    // A province office's counts per status: its province's rows of the province table.
    expect(captured.map((s) => /from "(application_counts|application_province_counts)"/.exec(s.sql)?.[1]).filter(Boolean)).toEqual(['application_province_counts']);
    let cursor: string | null = null;
    await expectIndexed(async () => {
      const first = await reviewQueue(office, { sort: 'submitted_asc', limit: 50 });
      cursor = first.nextCursor;
    });
    expect(cursor).not.toBeNull();
    const [iso, id] = Buffer.from(cursor ?? '', 'base64url').toString().split('|');
    await expectIndexed(() => reviewQueue(office, { sort: 'submitted_asc', limit: 50, after: { key: new Date(iso ?? ''), id: id ?? '' } }));
    await expectIndexed(() => reviewQueue(office, { status: 'pending_office', type: 're_review', unitType: 'party_government', sort: 'due_asc', limit: 50 }));
    await expectIndexed(() => reviewQueue(office, { submittedFrom: new Date(Date.now() - 30 * 86_400_000), overdue: true, sort: 'submitted_asc', limit: 50 }));
  });

  it("chooses the office's page ids and counts its filtered views from the indexes alone, then reads only the page's rows", async () => {
    const office = await actorCtx('bs110000a');
    const first = await reviewQueue(office, { sort: 'submitted_asc', limit: 50 });
    const [iso, id] = Buffer.from(first.nextCursor ?? '', 'base64url').toString().split('|');
    const views = [
      { status: 'pending_office', sort: 'submitted_asc', limit: 50 },
      { sort: 'submitted_asc', limit: 50, after: { key: new Date(iso ?? ''), id: id ?? '' } },
      { status: 'pending_office', type: 're_review', unitType: 'party_government', sort: 'due_asc', limit: 50 },
      { submittedFrom: new Date(Date.now() - 30 * 86_400_000), overdue: true, sort: 'submitted_asc', limit: 50 },
    ] as const;
    for (const view of views) {
      const scans = await applicationScans(() => reviewQueue(office, view));
      // The page: its ids index-only (the subquery), its rows by primary key; 超期 also counts
      // its rows (not held by the counts table) index-only.
      expect(scans.filter((n) => n.alias === 'applications_1').map((n) => n.type), JSON.stringify(view)).toEqual(['Index Only Scan']);
      const rest = scans.filter((n) => n.alias !== 'applications_1');
      expect(rest.every((n) => (n.type === 'Index Scan' && n.index === 'applications_pkey') || n.type === 'Index Only Scan'), JSON.stringify(rest)).toBe(true);
    }
  });

  it("walks an office's overdue applications (超期) in submission order within its province, stopping at the page's last row", async () => {
    const office = await actorCtx('bs110000a');
    const view = { submittedFrom: new Date(Date.now() - 30 * 86_400_000), overdue: true, sort: 'submitted_asc', limit: 50 } as const;
    const scans = await applicationScans(() => reviewQueue(office, view));
    const page = scans.filter((n) => n.alias === 'applications_1');
    expect(page.map((n) => [n.type, n.index]), JSON.stringify(scans)).toEqual([['Index Only Scan', 'applications_pending_province_submitted_idx']]);
  });

  it("finds the centre's overdue applications (its home page) among the pending ones, not by walking every application since 2016", async () => {
    const centre = await actorCtx('zx01');
    await expectIndexed(() => reviewQueue(centre, { overdue: true, sort: 'submitted_asc', limit: 1 }));
    const scans = await applicationScans(() => reviewQueue(centre, { overdue: true, sort: 'submitted_asc', limit: 1 }));
    const page = scans.filter((n) => n.alias === 'applications_1');
    expect(page.map((n) => n.index), JSON.stringify(scans)).toEqual(['applications_pending_submitted_idx']);
  });

  it("serves the centre's queue by indexes, and its counts per status and province from the counts table", async () => {
    const centre = await actorCtx('zx01');
    await expectIndexed(() => reviewQueue(centre, { status: 'pending_center', sort: 'submitted_asc', limit: 50 }));
    captured.length = 0;
    const counts = await regionCounts(centre, undefined);
    expect(counts.regions.length).toBe(31);
    // From the counts the trigger keeps, not by counting 10,000,000 applications.
    expect(captured.length).toBeGreaterThan(0);
    expect(captured.filter((s) => /from "applications"/.test(s.sql))).toEqual([]);
    // The country's counts from the province table (a few thousand rows), not every region's.
    expect(captured.filter((s) => /from "application_counts"/.test(s.sql))).toEqual([]);
    expect(captured.filter((s) => /from "application_province_counts"/.test(s.sql)).length).toBe(1);
    captured.length = 0;
    const queue = await reviewQueue(centre, { status: 'pending_center', sort: 'submitted_asc', limit: 50 });
    expect(captured.map((s) => /from "(application_counts|application_province_counts)"/.exec(s.sql)?.[1]).filter(Boolean)).toEqual(['application_province_counts']);
    // The province table agrees with the region table it summarises.
    const sums = await pool.query<{ t: string; n: string }>(
      `select 'province' as t, sum(n) as n from application_province_counts where status = 'pending_center' and in_center
       union all select 'region', sum(n) from application_counts where status = 'pending_center' and in_center`,
    );
    expect(new Set(sums.rows.map((r) => r.n)).size).toBe(1);
    expect(queue.counts.pending_center).toBe(Number(sums.rows[0]?.n));
  });

  it("serves the 经办人's list and an application's detail by indexes", async () => {
    const handler = await actorCtx('jb17');
    let first = '';
    await expectIndexed(async () => {
      const list = await listMyApplications(handler);
      expect(list.items.length).toBe(10);
      first = list.items[0]?.id ?? '';
    });
    await expectIndexed(() => getApplication(handler, first));
  });

  it('approves an application (history, decision, notifications, audit) by indexes', async () => {
    const office = await actorCtx('bs110000b');
    const queue = await reviewQueue(office, { status: 'pending_office', sort: 'submitted_asc', limit: 1 });
    const item = queue.items[0];
    expect(item).toBeDefined();
    await expectIndexed(() => approveApplication(office, { id: item?.id ?? '', version: item?.version ?? 0 }));
  });
});
