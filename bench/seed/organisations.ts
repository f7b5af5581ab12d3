/**
 * Regions, units, their 经办人 accounts, domains and websites, and `bench_units` (one row a unit
 * with what the set-based SQL of applications and DNS records needs), written in batches of
 * multi-row INSERT … SELECT FROM unnest(arrays).
 */
import type pg from 'pg';
import { contactFor, mobileSearchHash, purposes, stored, storedContact } from './personal.js';
import type { BenchRegion } from './regions.js';
import { benchId, type BenchUnit } from './units.js';

const batch = 20_000;
const benchIdOf = (kind: string, u: BenchUnit) => benchId(kind, u.n);

/** INSERT … SELECT FROM unnest($1::t1[], $2::t2[], …) for the rows' columns in order; a column
 * whose type is `text[]` travels as its literal ('{a,b}') and is cast on the way in. */
export async function insertColumns(c: pg.Client, table: string, columns: [name: string, type: string][], rows: unknown[][]): Promise<void> {
  const carried = (t: string) => (t.endsWith('[]') ? 'text' : t);
  const select = columns.map(([, t], j) => (t.endsWith('[]') ? `c${j}::${t}` : `c${j}`)).join(', ');
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    const arrays = columns.map((_, j) => chunk.map((r) => r[j]));
    await c.query(
      `INSERT INTO ${table} (${columns.map(([n]) => n).join(', ')}) SELECT ${select} FROM unnest(${columns.map(([, t], j) => `$${j + 1}::${carried(t)}[]`).join(', ')}) AS t(${columns.map((_, j) => `c${j}`).join(', ')})`,
      arrays,
    );
  }
}

export async function insertRegions(c: pg.Client, regions: BenchRegion[]): Promise<void> {
  await insertColumns(c, 'regions', [['code', 'text'], ['name', 'text'], ['level', 'text'], ['parent_code', 'text'], ['path', 'text']], regions.map((r) => [r.code, r.name, r.level, r.parentCode, r.path]));
}

const functionsOf = (u: BenchUnit) => (u.type === 'party_government' ? `负责${u.region.name}相关行政管理和公共服务工作，贯彻落实上级部署。` : `承担${u.region.name}公益服务职能，提供专业公共服务。`);
const hostingOf = (u: BenchUnit) => ((u.type === 'party_government' ? u.n % 5 < 2 : u.n % 2 === 0) ? 'red_page' : 'self_hosted');
const ipOf = (n: number) => `61.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255 || 1}`;

export async function insertOrganisations(c: pg.Client, units: BenchUnit[], passwordHash: string, now: Date): Promise<void> {
  const year = now.getUTCFullYear();
  await insertColumns(
    c,
    'units',
    [['id', 'uuid'], ['name', 'text'], ['type', 'text'], ['uscc', 'text'], ['region_code', 'text'], ['region_path', 'text'], ['address', 'text'], ['functions', 'text'], ['leader_name', 'text'], ['phone', 'text'], ['created_at', 'timestamptz']],
    units.map((u) => [u.id, u.name, u.type, u.uscc, u.region.code, u.region.path, `${u.region.name}人民路${u.n % 300 + 1}号`, functionsOf(u), contactFor(u.n + 7, u.region.code).name, `0${u.region.code.slice(0, 3)}-${String(u.n % 10_000_000).padStart(8, '6')}`, new Date(Date.UTC(2015, 11, 1))]),
  );
  await insertColumns(
    c,
    'users',
    [['id', 'uuid'], ['username', 'text'], ['display_name', 'text'], ['role', 'text'], ['unit_id', 'uuid'], ['mobile', 'text'], ['mobile_hash', 'text'], ['email', 'text'], ['password_hash', 'text'], ['password_changed_at', 'timestamptz'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']],
    units.map((u) => {
      const p = contactFor(u.n, u.region.code);
      return [benchIdOf('h', u), `jb${u.n}`, p.name, 'handler', u.id, stored(purposes.userMobile, p.mobile), mobileSearchHash(p.mobile), stored(purposes.userEmail, p.email), passwordHash, now, now, now];
    }),
  );
  await insertColumns(
    c,
    'domains',
    [['id', 'uuid'], ['unit_id', 'uuid'], ['name', 'text'], ['ace', 'text'], ['tld', 'text'], ['status', 'text'], ['registered_at', 'timestamptz'], ['expires_at', 'timestamptz']],
    units.map((u) => [benchIdOf('d', u), u.id, u.domainName, u.domainAce, u.type === 'party_government' ? '政务' : '公益', 'active', new Date(Date.UTC(2016, 0, 1 + (u.n % 3000))), new Date(Date.UTC(year + 1, u.n % 12, 1))]),
  );
  const site = (u: BenchUnit) => `${u.name}${u.type === 'party_government' ? '门户网站' : '网站'}`;
  await insertColumns(
    c,
    'websites',
    [['id', 'uuid'], ['unit_id', 'uuid'], ['domain_id', 'uuid'], ['name', 'text'], ['hosting', 'text'], ['english_domain', 'text'], ['ip_addresses', 'text[]'], ['description', 'text'], ['status', 'text'], ['badge_public_id', 'text'], ['badge_number', 'text'], ['badge_version', 'int'], ['badge_issued_at', 'timestamptz'], ['qualified_at', 'timestamptz']],
    units.map((u) => {
      const selfHosted = hostingOf(u) === 'self_hosted';
      const issued = new Date(Date.UTC(2016, 0, 1 + (u.n % 3000)));
      return [benchIdOf('w', u), u.id, benchIdOf('d', u), site(u), hostingOf(u), selfHosted ? `u${u.n}.${u.type === 'party_government' ? 'gov.cn' : 'org.cn'}` : null, selfHosted ? `{${ipOf(u.n)}}` : '{}', `${site(u)}发布政务信息和办事服务。`, 'active', benchIdOf('b', u).replace(/-/g, '').toUpperCase(), `${u.region.code}${issued.getUTCFullYear()}${String(u.n).padStart(7, '0')}`, 1 + (u.n % 5), issued, new Date(now.getTime() - (u.n % 360) * 86_400_000)];
    }),
  );
  await c.query(`CREATE TABLE bench_units (n int PRIMARY KEY, unit_id uuid NOT NULL, region_code char(6) NOT NULL, region_path text NOT NULL, unit_type text NOT NULL, unit_name text NOT NULL,
    ace text NOT NULL, website_name text NOT NULL, hosting text NOT NULL, english_domain text, ip text, address text NOT NULL, functions text NOT NULL, phone text NOT NULL, handler jsonb NOT NULL)`);
  await insertColumns(
    c,
    'bench_units',
    [['n', 'int'], ['unit_id', 'uuid'], ['region_code', 'text'], ['region_path', 'text'], ['unit_type', 'text'], ['unit_name', 'text'], ['ace', 'text'], ['website_name', 'text'], ['hosting', 'text'], ['english_domain', 'text'], ['ip', 'text'], ['address', 'text'], ['functions', 'text'], ['phone', 'text'], ['handler', 'jsonb']],
    units.map((u) => {
      const selfHosted = hostingOf(u) === 'self_hosted';
      return [u.n, u.id, u.region.code, u.region.path, u.type, u.name, u.domainAce, site(u), hostingOf(u), selfHosted ? `u${u.n}.${u.type === 'party_government' ? 'gov.cn' : 'org.cn'}` : null, selfHosted ? ipOf(u.n) : null, `${u.region.name}人民路${u.n % 300 + 1}号`, functionsOf(u), `0${u.region.code.slice(0, 3)}-${String(u.n % 10_000_000).padStart(8, '6')}`, JSON.stringify(storedContact(contactFor(u.n, u.region.code)))];
    }),
  );
}
