import { domainToASCII } from 'node:url';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { units, websites } from '../../src/db/schema/index.js';
import { useTestApp } from '../support/app.js';
import { useDemoWorld } from '../support/demo-world.js';
import { testPublicHost, usePublicEdge } from '../support/public-edge.js';

const t = useTestApp();
const w = useDemoWorld(t);
const p = usePublicEdge(t, { reportLimit: { max: 3, windowMs: 3_600_000 } });

const get = (url: string, host = testPublicHost, headers: Record<string, string> = {}) => p.edge.inject({ method: 'GET', url, headers: { host, ...headers } });

async function site(name: string) {
  const rows = await t.db.select({ w: websites, u: units }).from(websites).innerJoin(units, eq(units.id, websites.unitId)).where(eq(units.name, name));
  const r = rows[0]!;
  return { ...r.w, unitType: r.u.type, unitId: r.u.id, domain: `${name}.${r.u.type === 'party_government' ? '政务' : '公益'}` };
}

describe('the badge script', () => {
  it('is at most 2 KB, red for 党政机关 and blue for 事业单位, valid only on the registered hosts, with ETag and a short max-age', async () => {
    const red = await site('杭州市财政局');
    const res = await get(`/badge/${red.badgePublicId}.js`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/javascript/);
    expect(res.rawPayload.length).toBeLessThanOrEqual(2048);
    const maxAge = Number(/max-age=(\d+)/.exec(String(res.headers['cache-control']))![1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(300);
    expect(res.body).toMatch(/badge\/img\/red-[0-9a-f]+\.svg/);
    expect(res.body).toContain(domainToASCII(red.domain));
    expect(res.body).toContain(`"${testPublicHost}"`);
    const again = await get(`/badge/${red.badgePublicId!.toLowerCase()}.js`, testPublicHost, { 'if-none-match': String(res.headers.etag) });
    expect(again.statusCode).toBe(304);

    const blue = await site('杭州市第一人民医院');
    const b = await get(`/badge/${blue.badgePublicId}.js`);
    expect(b.body).toMatch(/badge\/img\/blue-[0-9a-f]+\.svg/);
    expect(b.body).toContain('["www.hz-first-hospital.cn","hz-first-hospital.cn"]');
    expect(b.rawPayload.length).toBeLessThanOrEqual(2048);
  });

  it('serves the images with a year of cache, and 404 for unknown ids and files', async () => {
    const blue = await site('杭州市第一人民医院');
    const img = /\/\/[^"]+(\/badge\/img\/blue-[0-9a-f]+\.svg)/.exec((await get(`/badge/${blue.badgePublicId}.js`)).body)![1]!;
    const res = await get(img);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/svg+xml');
    expect(res.headers['cache-control']).toContain('max-age=31536000');
    expect((await get(`/badge/${'0'.repeat(32)}.js`)).statusCode).toBe(404);
    expect((await get('/badge/nonsense.js')).statusCode).toBe(404);
    expect((await get('/badge/img/x.svg')).statusCode).toBe(404);
  });
});

describe('the verification page', () => {
  it('shows the 管理办法 fields and 有效, never the 经办人', async () => {
    const s = await site('杭州市第一人民医院');
    const res = await get(`/verify/${s.badgePublicId}?v=1`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    for (const label of ['机构名称', '机构类型', '机构地址', '机构职能', '网站名称', '中英文域名', '标识编号', '发放单位', '发放时间', '状态']) expect(res.body).toContain(label);
    expect(res.body).toContain('杭州市第一人民医院');
    expect(res.body).toContain('事业单位');
    expect(res.body).toContain('www.hz-first-hospital.cn');
    expect(res.body).toContain(s.badgeNumber!);
    expect(res.body).toContain('杭州市机构编制委员会办公室');
    expect(res.body).toMatch(/data-testid="badge-status">有效/);
    expect(res.body).not.toContain('赵磊');
    expect(res.body).not.toContain('13800000002');
    const cached = await get(`/verify/${s.badgePublicId}?v=1`, testPublicHost, { 'if-none-match': String(res.headers.etag) });
    expect(cached.statusCode).toBe(304);
  });

  it('says why the error badge showed on another host, names a newer version, and says 已注销 after deregistration', async () => {
    const s = await site('宁波市教育局');
    const other = await get(`/verify/${s.badgePublicId}?v=1&host=copycat.example.com`);
    expect(other.body).toContain('为什么显示错误标识');
    expect(other.body).toContain('copycat.example.com');
    expect(other.body).toContain('jyj.ningbo.gov.cn');
    const own = await get(`/verify/${s.badgePublicId}?v=1&host=jyj.ningbo.gov.cn`);
    expect(own.body).not.toContain('为什么显示错误标识');

    await t.db.update(websites).set({ badgeVersion: 2, version: s.version + 1, updatedAt: new Date() }).where(eq(websites.id, s.id));
    expect((await get(`/verify/${s.badgePublicId}?v=1`)).body).toContain('已变更为第2版');
    expect((await get(`/badge/${s.badgePublicId}.js`)).body).toContain('?v=2');

    await t.db.update(websites).set({ status: 'deregistered', deregisteredAt: new Date(), version: s.version + 2, updatedAt: new Date() }).where(eq(websites.id, s.id));
    const gone = await get(`/verify/${s.badgePublicId}?v=2`);
    expect(gone.body).toMatch(/data-testid="badge-status">已注销/);
    expect(gone.body).toContain('该网站标识已注销');
    expect((await get(`/badge/${s.badgePublicId}.js`)).body).toContain('H=[]');
  });

  it('answers 404 for an id no badge has, and a bad id is not an error', async () => {
    expect((await get(`/verify/${'A'.repeat(32)}`)).statusCode).toBe(404);
    expect((await get('/verify/%3Cscript%3E')).statusCode).toBe(404);
    const long = await get(`/verify/${'A'.repeat(400)}`);
    expect(long.statusCode).toBeGreaterThanOrEqual(400);
    expect(long.statusCode).toBeLessThan(500);
  });
});

describe('网络红页', () => {
  it('is served at the Chinese domain (Unicode or ACE Host), its www, and /redpage/<domain>, with ETag and cache headers', async () => {
    const s = await site('杭州市财政局');
    const ace = domainToASCII(s.domain);
    for (const [url, host] of [
      ['/', ace],
      ['/', `www.${ace}`],
      ['/', Buffer.from(`${s.domain}:80`).toString('latin1')],
      [`/redpage/${encodeURIComponent(s.domain)}`, testPublicHost],
      [`/redpage/${ace}`, testPublicHost],
    ] as const) {
      const res = await get(url, host);
      expect(res.statusCode, `${host}${url}`).toBe(200);
      expect(res.body).toContain('杭州市财政局');
      expect(res.body).toContain('网站简介');
      expect(res.body).toContain('0571-87000001');
      expect(res.body).toContain(`//${testPublicHost}/verify/${s.badgePublicId}`);
      expect(res.headers.etag).toBeDefined();
      expect(res.headers['cache-control']).toMatch(/max-age=\d+/);
    }
    const first = await get('/', ace);
    expect((await get('/', ace, { 'if-none-match': String(first.headers.etag) })).statusCode).toBe(304);
    expect((await get('/other', ace)).statusCode).toBe(404);
  });

  it('answers 410 with a plain explanation once withdrawn', async () => {
    const s = await site('浙江省农业科学院');
    await t.db.update(websites).set({ status: 'deregistered', deregisteredAt: new Date(), redPageWithdrawnAt: new Date(), updatedAt: new Date() }).where(eq(websites.id, s.id));
    const res = await get('/', domainToASCII(s.domain));
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain('网络红页已撤销');
    expect(res.body).toContain('已注销');
    expect((await get(`/redpage/${encodeURIComponent(s.domain)}`)).statusCode).toBe(410);
  });

  it('answers 404 for a name under 政务 that nobody registered', async () => {
    const res = await get('/', domainToASCII('没有这个单位.政务'));
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('未找到该网站');
    expect((await get('/redpage/example.com')).statusCode).toBe(404);
  });
});

describe('URL转发', () => {
  it('redirects 301/302 keeping path and query by option, frames 隐性 under the 网站名称, and 404s other names', async () => {
    const handler = await w.as('jbr.tlzfb');
    const domain = (await handler.get('/api/domains')).body.items[0];
    expect((await handler.post(`/api/domains/${domain.id}/records`, { host: '@', type: 'URL_REDIRECT', value: 'https://www.tonglu.gov.cn/', redirectCode: 301, keepPath: true })).status).toBe(201);
    expect((await handler.post(`/api/domains/${domain.id}/records`, { host: 'oa', type: 'URL_FRAME', value: 'https://oa.tonglu.gov.cn/' })).status).toBe(201);
    expect((await handler.post(`/api/domains/${domain.id}/records`, { host: 'old', type: 'URL_REDIRECT', value: 'https://www.tonglu.gov.cn/old/', redirectCode: 302 })).status).toBe(201);

    const r = await get('/news/1.html?page=2', domain.ace);
    expect(r.statusCode).toBe(301);
    expect(r.headers.location).toBe('https://www.tonglu.gov.cn/news/1.html?page=2');
    const www = await get('/', `www.${domain.ace}`);
    expect(www.statusCode).toBe(301);
    expect(www.headers.location).toBe('https://www.tonglu.gov.cn/');
    const old = await get('/a?b=1', `old.${domain.ace}`);
    expect(old.statusCode).toBe(302);
    expect(old.headers.location).toBe('https://www.tonglu.gov.cn/old/');

    const frame = await get('/', `oa.${domain.ace}`);
    expect(frame.statusCode).toBe(200);
    expect(frame.body).toContain('<title>桐庐县人民政府</title>');
    expect(frame.body).toContain('<iframe src="https://oa.tonglu.gov.cn/"');
    expect((await get('/', `nothing.${domain.ace}`)).statusCode).toBe(404);
  });
});

describe('search', () => {
  it('finds by 机构名称, 域名 and 网站名称 substrings, paginated', async () => {
    const byUnit = await get(`/search?q=${encodeURIComponent('财政局')}&field=unit`);
    expect(byUnit.statusCode).toBe(200);
    expect(byUnit.body).toContain('杭州市财政局');
    expect(byUnit.body).not.toContain('宁波市图书馆');
    const byDomain = await get(`/search?q=${encodeURIComponent('图书馆.公益')}&field=domain`);
    expect(byDomain.body).toContain('宁波市图书馆');
    const byEnglish = await get('/search?q=tonglu&field=domain');
    expect(byEnglish.body).toContain('桐庐县人民政府');
    // Below 3 characters (no trigram): from the start of the fields only.
    const all = await get(`/search?q=${encodeURIComponent('杭')}`);
    expect(all.body).toContain('杭州市第一人民医院');
    expect((await get(`/search?q=${encodeURIComponent('市')}`)).body).toContain('没有找到');
    const none = await get(`/search?q=${encodeURIComponent('%_')}`);
    expect(none.body).toContain('没有找到');
    expect((await get(`/search?q=${'长'.repeat(65)}`)).statusCode).toBe(400);
    expect((await get('/search?page=abc&field=zzz&q=x')).statusCode).toBe(200);

    for (let i = 0; i < 22; i++) {
      const s = await site('杭州市财政局');
      const [d] = await t.db.execute(`select id from domains where unit_id = '${s.unitId}'`).then((r: any) => r.rows);
      await t.db.insert(websites).values({ unitId: s.unitId, domainId: d.id, name: `分页测试网站${String(i).padStart(2, '0')}`, hosting: 'red_page', description: 'x', status: 'deregistered', badgePublicId: `${'F'.repeat(30)}${String(i).padStart(2, '0')}`, badgeNumber: `PAGE${i}` });
    }
    const page1 = await get(`/search?q=${encodeURIComponent('分页测试')}&field=website`);
    expect(page1.body.match(/分页测试网站/g)).toHaveLength(20);
    expect(page1.body).toContain('rel="next"');
    const page2 = await get(`/search?q=${encodeURIComponent('分页测试')}&field=website&page=2`);
    expect(page2.body.match(/分页测试网站/g)).toHaveLength(2);
    expect(page2.body).toContain('rel="prev"');
    expect(page2.body).not.toContain('rel="next"');
  });
});

describe('举报', () => {
  const form = (fields: Record<string, string>, ip = '198.51.100.7') =>
    p.edge.inject({ method: 'POST', url: '/report', remoteAddress: ip, headers: { host: testPublicHost, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });

  it('takes a report from the form, limits each address, and lists reports for the centre only', async () => {
    const s = await site('杭州市第一人民医院');
    const page = await get(`/report?id=${s.badgePublicId}`);
    expect(page.body).toContain('杭州市第一人民医院');
    expect(page.body).toContain('<form method="post"');

    const ok = await form({ badgeId: s.badgePublicId!, target: '', category: 'counterfeit', description: '有网站冒用该医院的标识', contact: 'a@example.com' });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('举报已提交');
    expect((await form({ target: 'fake.example.com', category: 'other', description: '短' })).statusCode).toBe(400);
    expect((await form({ target: '', category: 'other', description: '没有举报对象的举报' })).statusCode).toBe(400);
    expect((await form({ target: 'x'.repeat(300), category: 'other', description: '过长的举报对象' })).statusCode).toBe(400);
    expect((await form({ target: 'fake.example.com', category: 'nonsense', description: '第二条举报内容' })).statusCode).toBe(200);
    expect((await form({ target: 'fake.example.com', category: 'false_info', description: '第三条举报内容' })).statusCode).toBe(200);
    const limited = await form({ target: 'fake.example.com', category: 'other', description: '第四条举报内容' });
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('举报提交过于频繁');
    expect((await form({ target: 'fake.example.com', category: 'other', description: '另一个地址的举报' }, '198.51.100.8')).statusCode).toBe(200);

    const center = await w.as('center');
    const list = await center.get('/api/public-reports');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(4);
    const about = list.body.items.find((r: any) => r.category === 'counterfeit');
    expect(about.website.name).toBe('杭州市第一人民医院');
    expect(about.categoryLabel).toBe('冒用网站标识');
    expect((await (await w.as('jbr.hzczj')).get('/api/public-reports')).status).toBe(403);
  });

  it('keeps the limit under a concurrent burst from one address', async () => {
    // On PostgreSQL these run on separate connections at once; the count and the insert are one
    // locked step per address, so exactly the limit (3 in this file) gets through.
    const ip = '203.0.113.77';
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => form({ target: 'burst.example.com', category: 'other', description: `并发举报内容第${i}条` }, ip)));
    const codes = burst.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 200)).toHaveLength(3);
    expect(codes.filter((c) => c === 429)).toHaveLength(9);
    const [row] = await t.db.execute(`select count(*)::int as n from public_reports where ip = '${ip}'`).then((r: any) => r.rows);
    expect(row.n).toBe(3);
  });
});

describe('the edge', () => {
  it('answers unknown paths with an HTML 404 and a health check', async () => {
    expect((await get('/nothing')).statusCode).toBe(404);
    expect((await get('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await get('/')).body).toContain('网站查询');
  });
});

describe('the hot path', () => {
  it('answers a cached badge script, verification page and red page exactly as the routes do', async () => {
    const { buildPublicServer } = await import('../../src/public/server.js');
    const cached = await buildPublicServer({ app: t.app, publicHost: testPublicHost, logLevel: 'silent', cacheTtlMs: 60_000 });
    await cached.listen({ port: 0, host: '127.0.0.1' });
    try {
      const address = cached.server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      const s = await site('杭州市财政局');
      const ace = domainToASCII(s.domain);
      const http = await import('node:http');
      const fetchRaw = (path: string, host: string, headers: Record<string, string> = {}) =>
        new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
          http
            .get({ host: '127.0.0.1', port, path, headers: { host, ...headers } }, (res) => {
              let body = '';
              res.setEncoding('utf8');
              res.on('data', (c: string) => (body += c));
              res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
            })
            .on('error', reject);
        });
      for (const [path, host] of [
        [`/badge/${s.badgePublicId}.js`, testPublicHost],
        [`/verify/${s.badgePublicId}?v=1`, testPublicHost],
        ['/', ace],
      ] as const) {
        const first = await fetchRaw(path, host); // through Fastify, fills the cache
        const second = await fetchRaw(path, host); // straight from the cache
        expect(second.status, path).toBe(200);
        expect(second.body).toBe(first.body);
        for (const h of ['etag', 'cache-control', 'content-type', 'content-length', 'x-content-type-options']) expect(second.headers[h], `${path} ${h}`).toBe(first.headers[h]);
        expect(second.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
        expect((await fetchRaw(path, host, { 'if-none-match': String(first.headers['etag']) })).status).toBe(304);
      }
    } finally {
      await cached.close();
    }
  });
});

describe('标识管理 → 标识代码', () => {
  it('hands out a protocol-relative snippet (never plain http) whose script the edge serves', async () => {
    const handler = await w.as('jbr.hzdyyy');
    const site = (await handler.get('/api/websites')).body.items[0];
    const code = await handler.get(`/api/websites/${site.id}/badge-code`);
    expect(code.status).toBe(200);
    expect(code.body.snippet).toMatch(/^<script src="\/\/[^"]+\/badge\/[0-9A-F]{32}\.js"><\/script>$/);
    expect(code.body.snippet).not.toContain('http:');
    const path = /\/\/[^/]+(\/badge\/[0-9A-F]{32}\.js)/.exec(code.body.snippet)![1]!;
    expect((await get(path)).statusCode).toBe(200);
  });
});
