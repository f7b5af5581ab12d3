/**
 * Public search (`searchPublic`: 机构名称, 域名, 网站名称) on the public-edge benchmark's database
 * of N websites (zm_bench_<n>, created by bench/public-edge.ts; this script only migrates it, which
 * builds the trigram indexes of migration 0010_search_trigram the first time).
 *
 *   npx tsx bench/public-search.ts [--n 1000000] [--repeat 5]
 *
 * Prints, per query, the median and worst wall time of a page of 20 over `--repeat` runs (the first
 * run, cold, is counted too), the rows on the page and the statement's plan's index names.
 */
import { parseArgs } from 'node:util';
import { systemClock, type AppContext } from '../src/app/context.js';
import { searchPublic } from '../src/app/public/search.js';
import { defaultSecurityPolicy } from '../src/config.js';
import { openPostgres } from '../src/db/client.js';
import { explainSearch, type SearchField } from '../src/db/repositories/public-site.js';

const { values } = parseArgs({ options: { n: { type: 'string', default: '1000000' }, repeat: { type: 'string', default: '5' } } });
const n = Number(values.n);
const repeat = Number(values.repeat);
const base = new URL(process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres');
base.pathname = `/zm_bench_${n}`;

const database = await openPostgres(base.toString(), 2);
const t0 = Date.now();
await database.migrate();
console.log(`migrated in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
const log = { info() {}, warn() {}, error() {} } as unknown as AppContext['log'];
const app = { db: database.db, clock: systemClock, policy: defaultSecurityPolicy, log } as unknown as AppContext;

// Not a multiple of 3: those websites are on 网络红页 and have no English domain.
const k = Math.floor(n / 7) + 4;
const queries: [string, SearchField, string][] = [
  [`基准测试单位${k}`, 'unit', '机构名称, whole name (1 unit + prefixes of longer numbers)'],
  [`测试单位${k}网`, 'website', '网站名称, substring in the middle'],
  [`单位${String(k).slice(0, 4)}`, 'all', 'all fields, a substring matching ~100s'],
  [`b${k}.政务`, 'domain', '域名 (Unicode)'],
  [`bench${k}.gov`, 'domain', '域名 (English)'],
  ['不存在的机构', 'all', 'all fields, matches nothing'],
  ['财政局', 'all', 'all fields, matches nothing (3 characters)'],
  ['基准', 'unit', '2 characters: prefix of every 机构名称 (1,000,000 matches)'],
  ['浙江', 'all', '2 characters: prefix, matches nothing'],
  ['测试单位', 'all', 'substring of every row (1,000,000 matches)'],
];

console.log('| query | field | what | rows | median ms | worst ms | indexes in the plan |');
console.log('|---|---|---|---|---|---|---|');
for (const [q, field, what] of queries) {
  const times: number[] = [];
  let rows = 0;
  let outcome = '';
  for (let i = 0; i < repeat; i++) {
    const s = performance.now();
    try {
      const r = await searchPublic(app, { q, field, page: 1, pageSize: 20 });
      rows = r.items.length;
    } catch (err) {
      outcome = (err as { code?: string }).code ?? String(err);
    }
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const plan = await explainSearch(database.db, q, field);
  const idx = [...new Set(plan.join('\n').match(/\w+_(?:trgm|prefix)_idx/g) ?? [])].join(', ') || (plan.some((l) => l.includes('Seq Scan on websites')) ? 'seq scan' : '-');
  console.log(`| ${q} | ${field} | ${what} | ${outcome === '' ? rows : outcome} | ${times[Math.floor(times.length / 2)]!.toFixed(1)} | ${times[times.length - 1]!.toFixed(1)} | ${idx} |`);
}
await database.close();
