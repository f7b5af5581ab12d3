import type pg from 'pg';

/** A statement as the application sent it to PostgreSQL. */
export interface Captured {
  sql: string;
  params: unknown[];
}

export interface ScanFinding {
  sql: string;
  table: string;
}

type PlanNode = { 'Node Type'?: string; 'Relation Name'?: string; Plans?: PlanNode[] };

function* nodes(n: PlanNode): Generator<PlanNode> {
  yield n;
  for (const c of n.Plans ?? []) yield* nodes(c);
}

/**
 * EXPLAINs each captured SELECT/UPDATE/DELETE with its parameters (without running it) and returns
 * the sequential scans of the named tables, and how many plans used an index at all.
 */
export async function sequentialScans(client: pg.Pool | pg.Client, statements: Captured[], tables: string[]): Promise<{ scans: ScanFinding[]; indexed: number; explained: number }> {
  const scans: ScanFinding[] = [];
  let indexed = 0;
  let explained = 0;
  for (const s of statements) {
    if (!/^\s*(select|update|delete|with)\b/i.test(s.sql)) continue;
    const res = await client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`EXPLAIN (FORMAT JSON) ${s.sql}`, s.params);
    const plan = res.rows[0]?.['QUERY PLAN'][0]?.Plan;
    if (plan === undefined) continue;
    explained++;
    const all = [...nodes(plan)];
    if (all.some((n) => /Index/.test(n['Node Type'] ?? ''))) indexed++;
    for (const n of all) {
      const table = n['Relation Name'];
      if (n['Node Type'] === 'Seq Scan' && table !== undefined && tables.includes(table)) scans.push({ sql: s.sql, table });
    }
  }
  return { scans, indexed, explained };
}
