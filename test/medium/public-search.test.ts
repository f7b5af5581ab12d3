/**
 * Public search on its indexes (migration 0010_search_trigram): substring matches of 3 characters
 * or more on the pg_trgm GIN indexes, shorter queries by prefix on the text_pattern_ops indexes;
 * results checked on both databases, plans read with EXPLAIN.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { searchPublic, type SearchInput } from '../../src/app/public/search.js';
import { explainSearch } from '../../src/db/repositories/public-site.js';
import { useTestApp } from '../support/app.js';
import { useDemoWorld } from '../support/demo-world.js';
import { testPublicHost, usePublicEdge } from '../support/public-edge.js';

const t = useTestApp();
useDemoWorld(t);
const p = usePublicEdge(t);

const bulk = 10_000;
beforeAll(async () => {
  // A few thousand websites beside the demo's: 检索测试单位<i>号, 检索测试网站<i>, 检索<i>.公益,
  // www.jiansuo<i>.org.cn.
  await t.db.execute(`
    insert into units (id, name, type, uscc, region_code, region_path, address, functions)
    select md5('su'||i)::uuid, '检索测试单位'||i||'号', 'public_institution', 'S'||lpad(i::text, 17, '0'), r.code, r.path, '地址', '职能'
    from generate_series(1, ${bulk}) i, (select code, path from regions where code = '330100') r`);
  await t.db.execute(`
    insert into domains (id, unit_id, name, ace, tld, registered_at, expires_at)
    select md5('sd'||i)::uuid, md5('su'||i)::uuid, '检索'||i||'.公益', 'xn--jiansuo'||i||'.xn--55qw42g', '公益', now(), now() + interval '3 years'
    from generate_series(1, ${bulk}) i`);
  await t.db.execute(`
    insert into websites (unit_id, domain_id, name, hosting, english_domain, description, status, badge_public_id, badge_number, badge_version, badge_issued_at)
    select md5('su'||i)::uuid, md5('sd'||i)::uuid, '检索测试网站'||i, 'self_hosted', 'www.jiansuo'||i||'.org.cn', '简介', 'active', upper(md5('sw'||i)), 'S'||i, 1, now()
    from generate_series(1, ${bulk}) i`);
  await t.db.execute('analyze');
});

const search = (q: string, field: SearchInput['field'] = 'all', page = 1) => searchPublic(t.app, { q, field, page, pageSize: 20 });
const units = async (q: string, field: SearchInput['field'] = 'all') => (await search(q, field)).items.map((h) => h.unitName);

describe('public search results', () => {
  it('matches a substring of 3 characters or more anywhere in 机构名称, 网站名称 or 域名', async () => {
    expect(await units('测试单位1234号', 'unit')).toEqual(['检索测试单位1234号']);
    expect(await units('财政局', 'unit')).toEqual(['杭州市财政局']);
    expect(await units('人民医院')).toEqual(['杭州市第一人民医院']);
    const sites = await search('测试网站123', 'website');
    expect(sites.items.map((h) => h.websiteName).sort()).toEqual(['检索测试网站123', ...Array.from({ length: 10 }, (_, i) => `检索测试网站123${i}`)].sort());
    expect(sites.hasNext).toBe(false);
    expect(sites.prefixOnly).toBe(false);
    // Unicode domain, ACE and English domain, case-insensitive for Latin letters.
    expect(await units('检索2345.公益', 'domain')).toEqual(['检索测试单位2345号']);
    expect(await units('JIANSUO2345', 'domain')).toEqual(['检索测试单位2345号']);
    expect(await units('xn--jiansuo2346.', 'domain')).toEqual(['检索测试单位2346号']);
    expect(await units('tonglu')).toContain('桐庐县人民政府办公室');
    // A field searched alone does not match the others.
    expect(await units('测试单位1234号', 'website')).toEqual([]);
    expect(await units('%_%')).toEqual([]);
  });

  it('pages a common substring in 机构名称 order', async () => {
    // 检索2, 检索20–29, 检索200–299, 检索2000–2999: 1,111 domains.
    const first = await search('检索2', 'domain');
    expect(first.items).toHaveLength(20);
    expect(first.hasNext).toBe(true);
    const names = first.items.map((h) => h.unitName);
    expect(names).toEqual([...names].sort());
    const last = await search('检索2', 'domain', 56);
    expect(last.items).toHaveLength(11);
    expect(last.hasNext).toBe(false);
  });

  it('matches 1–2 character queries from the start of the fields only, and says so', async () => {
    const hz = await search('杭州');
    expect(hz.prefixOnly).toBe(true);
    expect(hz.items.map((h) => h.unitName)).toEqual(expect.arrayContaining(['杭州市财政局', '杭州市第一人民医院']));
    expect(await units('州市')).toEqual([]);
    expect(await units('检', 'unit')).toHaveLength(20);
    expect(await units('测试')).toEqual([]);
    expect(await units('ww', 'domain')).toHaveLength(20);
    const page = await p.edge.inject({ method: 'GET', url: `/search?q=${encodeURIComponent('杭州')}`, headers: { host: testPublicHost } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('查询内容少于3个字，只列出以“杭州”开头的');
    expect(page.body).toContain('杭州市财政局');
  });
});

describe('public search plans', () => {
  const indexes = async (q: string, field: SearchInput['field']) => {
    const plan = (await explainSearch(t.db, q, field, true)).join('\n');
    if (process.env['SHOW_PLANS']) console.log(plan);
    expect(plan).not.toMatch(/(Seq|Index) Scan (using \w+ )?on (units|domains|websites)\b/);
    return plan;
  };

  it('uses the trigram GIN indexes for substrings of 3 characters or more', async () => {
    const all = await indexes('测试单位1234号', 'all');
    for (const i of ['units_name_trgm_idx', 'websites_name_trgm_idx', 'domains_name_trgm_idx']) expect(all).toContain(i);
    expect(all).not.toContain('domains_ace_trgm_idx'); // a Chinese query skips ACE and the English domain
    const latin = await indexes('jiansuo12', 'domain');
    for (const i of ['domains_name_trgm_idx', 'domains_ace_trgm_idx', 'websites_english_domain_trgm_idx']) expect(latin).toContain(i);
  });

  it('uses the prefix indexes below 3 characters', async () => {
    const short = await indexes('检索', 'all');
    // With a C collation (PGlite) the plain btree on units.name serves prefixes too.
    expect(short).toMatch(/units_name_(prefix_)?idx/);
    for (const i of ['websites_name_prefix_idx', 'domains_name_prefix_idx']) expect(short).toContain(i);
    // pg_trgm also serves an anchored prefix ('  w', ' ww'): either index will do.
    expect(await indexes('ww', 'domain')).toMatch(/websites_english_domain_(prefix|trgm)_idx/);
  });
});
