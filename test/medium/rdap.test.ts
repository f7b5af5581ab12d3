import Fastify, { type FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUnits } from '../../src/app/seed/demo-data.js';
import { dnsRecords, domains } from '../../src/db/schema/index.js';
import { publicPlugins } from '../../src/cli/public.js';
import type { Config } from '../../src/config.js';
import { buildPublicServer } from '../../src/public/server.js';
import { rdapPlugin, rdapRoutes, type RdapOptions } from '../../src/rdap/plugin.js';
import { useTestApp } from '../support/app.js';
import { buildDomainAndWebsite, buildUnit } from '../support/factories.js';
import { useDemoWorld } from '../support/demo-world.js';

const t = useTestApp();
const w = useDemoWorld(t);
const zoneNs = ['ns1.zhengming.example', 'ns2.zhengming.example'];

let rdap: FastifyInstance;
const instances: FastifyInstance[] = [];
async function rdapServer(o: Partial<RdapOptions> = {}): Promise<FastifyInstance> {
  const f = Fastify();
  await f.register(rdapRoutes, { prefix: '/rdap', app: t.app, nameservers: zoneNs, rateLimit: false, ...o });
  await f.ready();
  instances.push(f);
  return f;
}

let hz = { id: '', name: '', ace: '' }; // 杭州市财政局.政务
beforeAll(async () => {
  rdap = await rdapServer();
  const handler = await w.as('jbr.hzczj');
  hz = (await handler.get('/api/domains')).body.items[0];
});
afterAll(async () => {
  for (const f of instances) await f.close();
});

const get = async (url: string, f: FastifyInstance = rdap) => {
  const res = await f.inject({ method: 'GET', url, headers: { accept: 'application/rdap+json' } });
  return { status: res.statusCode, headers: res.headers, body: JSON.parse(res.body) as any, raw: res.body };
};
const path = (name: string) => `/rdap/domain/${encodeURIComponent(name)}`;

/** RFC 9083: the members every response of its kind must (or here, always does) carry. */
function expectTopLevel(r: { status: number; headers: Record<string, unknown>; body: any }) {
  expect(r.headers['content-type']).toMatch(/^application\/rdap\+json\b/);
  expect(r.headers['access-control-allow-origin']).toBe('*');
  expect(r.body.rdapConformance).toContain('rdap_level_0');
  for (const n of r.body.notices ?? []) {
    expect(n.description).toEqual(expect.any(Array));
    for (const l of n.links ?? []) expect(l).toEqual(expect.objectContaining({ value: expect.any(String), rel: expect.any(String), href: expect.any(String) }));
  }
}
function expectLinks(o: any) {
  expect(o.links.length).toBeGreaterThan(0);
  for (const l of o.links) expect(l).toEqual(expect.objectContaining({ value: expect.any(String), rel: expect.any(String), href: expect.any(String) }));
}
function expectEntity(e: any) {
  expect(e.objectClassName).toBe('entity');
  expect(e.handle).toEqual(expect.any(String));
  expect(e.vcardArray[0]).toBe('vcard');
  const props = e.vcardArray[1] as [string, object, string, unknown][];
  expect(props[0]).toEqual(['version', {}, 'text', '4.0']);
  expect(props.find((p) => p[0] === 'fn')?.[3]).toEqual(expect.any(String));
  expect(props.map((p) => p[0]).sort()).toEqual(['adr', 'fn', 'kind', 'org', 'version']);
  expectLinks(e);
}
function expectError(r: { status: number; headers: Record<string, unknown>; body: any }, status: number) {
  expect(r.status).toBe(status);
  expectTopLevel(r);
  expect(r.body).toMatchObject({ errorCode: status, title: expect.any(String), description: expect.any(Array) });
  expect(r.body.description.length).toBeGreaterThan(0);
}

describe('RDAP domain lookup', () => {
  it('answers a domain by its Unicode name, its ACE name in any case, and with a trailing dot', async () => {
    const first = await get(path(hz.name));
    expect(first.status).toBe(200);
    for (const name of [hz.ace, hz.ace.toUpperCase(), `${hz.name}.`, `${hz.ace}.`, hz.name.replace('.', '。')]) {
      const r = await get(path(name));
      expect(r.status, name).toBe(200);
      const same = (b: any) => ({ handle: b.handle, ldhName: b.ldhName, unicodeName: b.unicodeName, status: b.status, registrant: b.entities[0].handle, ns: b.nameservers });
      expect(same(r.body)).toEqual(same(first.body));
    }
  });

  it('carries the RFC 9083 members of a domain: class, handle, names, status, events, registrant, nameservers, self link', async () => {
    const r = await get(path(hz.name));
    expectTopLevel(r);
    expect(r.body).toMatchObject({ objectClassName: 'domain', ldhName: hz.ace, unicodeName: hz.name, status: ['active'] });
    expect(r.body.handle).toMatch(/^[0-9A-F]{32}-ZM$/);
    const actions = r.body.events.map((e: any) => e.eventAction);
    expect(actions).toEqual(expect.arrayContaining(['registration', 'expiration', 'last changed']));
    for (const e of r.body.events) expect(Number.isNaN(Date.parse(e.eventDate))).toBe(false);
    expect(r.body.nameservers).toEqual(zoneNs.map((n) => ({ objectClassName: 'nameserver', ldhName: n })));
    expectLinks(r.body);
    expect(r.body.links[0]).toMatchObject({ rel: 'self', href: `http://localhost:80/rdap/domain/${hz.ace}`, type: 'application/rdap+json' });
    const [registrant] = r.body.entities;
    expectEntity(registrant);
    expect(registrant.roles).toEqual(['registrant']);
    const vcard = Object.fromEntries(registrant.vcardArray[1].map((p: any) => [p[0], p[3]]));
    expect(vcard).toMatchObject({ kind: 'org', fn: '杭州市财政局', org: '杭州市财政局', adr: ['', '', '浙江省杭州市上城区解放东路18号', '杭州市', '浙江省', '', '中国'] });
  });

  it('never shows the 经办人’s or the unit leader’s name, phone, email or ID number', async () => {
    for (const u of demoUnits) {
      const name = `${u.name}.${u.type === 'party_government' ? '政务' : '公益'}`;
      const r = await get(path(name));
      expect(r.status, name).toBe(200);
      for (const secret of [u.handler.displayName, u.handler.mobile, u.handler.email, u.leaderName, u.phone, '11010519491231002X']) {
        expect(r.raw).not.toContain(secret);
      }
      expect(r.raw).not.toMatch(/"(tel|email)"/);
      const entity = await get(`/rdap/entity/${r.body.entities[0].handle}`);
      for (const secret of [u.handler.displayName, u.handler.mobile, u.handler.email, u.leaderName, u.phone]) expect(entity.raw).not.toContain(secret);
    }
  });

  it('shows the domain’s own name servers when it is delegated at its apex, and the whole region chain', async () => {
    const unit = await buildUnit(t.db, { regionCode: '330122' });
    const { domain } = await buildDomainAndWebsite(t.db, unit.id);
    const changed = new Date(domain.registeredAt.getTime() + 86_400_000);
    // The console refuses NS at @ (DNS_NS_AT_APEX) today; the registry data must still say it right.
    for (const ns of ['ns2.example.cn', 'ns1.example.cn']) {
      const spec = { type: 'NS' as const, host: '@', hostAce: '@', owner: domain.ace, ttl: 600, value: ns, display: ns };
      await t.db.insert(dnsRecords).values({ domainId: domain.id, host: '@', type: 'NS', value: ns, spec, createdAt: changed });
    }
    const r = await get(path(domain.name));
    expect(r.body.nameservers.map((n: any) => n.ldhName)).toEqual(['ns1.example.cn', 'ns2.example.cn']);
    const vcard = Object.fromEntries(r.body.entities[0].vcardArray[1].map((p: any) => [p[0], p[3]]));
    expect(vcard.adr).toEqual(['', '', '测试地址1号', '杭州市桐庐县', '浙江省', '', '中国']);
  });

  it('dates last changed from the latest change to what the domain publishes', async () => {
    const handler = await w.as('jbr.nbjyj');
    const domain = (await handler.get('/api/domains')).body.items[0];
    const lastChanged = async () => (await get(path(domain.ace))).body.events.find((e: any) => e.eventAction === 'last changed').eventDate;
    expect(await lastChanged()).toBe(domain.registeredAt);
    t.clock.minutes(10); // within the session's idle limit
    expect((await handler.post(`/api/domains/${domain.id}/records`, { host: '@', type: 'TXT', value: 'rdap test' })).status).toBe(201);
    expect(await lastChanged()).toBe(t.clock.now().toISOString());
  });

  it('marks a deregistered domain inactive', async () => {
    const unit = await buildUnit(t.db);
    const { domain } = await buildDomainAndWebsite(t.db, unit.id);
    await t.db.update(domains).set({ status: 'deregistered' }).where(eq(domains.id, domain.id));
    const r = await get(path(domain.ace));
    expect(r.status).toBe(200);
    expect(r.body.status).toEqual(['inactive']);
    expect(r.body.remarks[0].description.join()).toContain('已注销');
  });
});

describe('RDAP entity and help', () => {
  it('answers the registrant entity by its handle (统一社会信用代码), in either case', async () => {
    const handle = (await get(path(hz.name))).body.entities[0].handle as string;
    for (const h of [handle, handle.toLowerCase()]) {
      const r = await get(`/rdap/entity/${h}`);
      expect(r.status).toBe(200);
      expectTopLevel(r);
      expectEntity(r.body);
      expect(r.body.handle).toBe(handle);
      expect(r.body.roles).toEqual(['registrant']);
    }
  });

  it('does not find a unit that holds no domain, nor an unknown handle', async () => {
    const unit = await buildUnit(t.db);
    expectError(await get(`/rdap/entity/${unit.uscc}`), 404);
    expectError(await get('/rdap/entity/NOSUCHHANDLE'), 404);
  });

  it('answers /help with conformance and notices', async () => {
    const r = await get('/rdap/help');
    expect(r.status).toBe(200);
    expectTopLevel(r);
    expect(r.body.notices[0].description.join('\n')).toContain('/rdap/domain/');
  });
});

describe('RDAP errors', () => {
  it('answers 404 with an error body for a name we do not have, in our TLDs or any other', async () => {
    for (const name of ['无此单位.政务', 'example.com', '政务', 'www.' + hz.name]) expectError(await get(path(name)), 404);
  });

  it('answers 400 for what is not a domain name', async () => {
    for (const url of [path('a_b.政务'), path('-a.政务'), path('a..政务'), path('xn--zz.xn--zfr164b'), path(`${'a'.repeat(64)}.政务`), '/rdap/domain/', '/rdap/domain/a%2Fb.政务', path('<script>.政务'), `/rdap/domain/${'x'.repeat(5000)}`]) {
      const r = await get(url);
      expectError(r, 400);
    }
    expectError(await get('/rdap/entity/'), 400);
  });

  it('answers 501 for searches and query types it does not implement, 400 for unknown paths, 405 for other methods', async () => {
    for (const url of ['/rdap/domains?name=杭州*', '/rdap/entities?fn=x', '/rdap/nameservers?ip=1.2.3.4', '/rdap/nameserver/ns1.zhengming.example', '/rdap/ip/192.0.2.1', '/rdap/autnum/4134']) {
      expectError(await get(encodeURI(url)), 501);
    }
    expectError(await get('/rdap/whatever'), 400);
    const post = await rdap.inject({ method: 'POST', url: path(hz.name), payload: {} });
    expect(post.statusCode).toBe(405);
    expect(post.headers['content-type']).toMatch(/^application\/rdap\+json/);
    expect(JSON.parse(post.body)).toMatchObject({ errorCode: 405 });
  });

  it('answers HEAD like GET without a body, and a CORS preflight', async () => {
    const head = await rdap.inject({ method: 'HEAD', url: path(hz.name) });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    const pre = await rdap.inject({ method: 'OPTIONS', url: path(hz.name), headers: { origin: 'https://example.org', 'access-control-request-method': 'GET' } });
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('*');
  });

  it('answers 429 with an error body when one address asks too often', async () => {
    const limited = await rdapServer({ rateLimit: { perMinute: 1, burst: 2 } });
    expect((await get(path(hz.name), limited)).status).toBe(200);
    expect((await get(path(hz.name), limited)).status).toBe(200);
    const r = await get(path(hz.name), limited);
    expectError(r, 429);
    expect(r.headers['retry-after']).toBe('60');
  });
});

describe('RDAP on the public edge', () => {
  it('answers under /rdap with its own content type and error bodies, not the edge’s HTML pages', async () => {
    const edge = await buildPublicServer({ app: t.app, publicHost: 'zhengming.example', logLevel: 'silent', plugins: [{ prefix: '/rdap', plugin: rdapPlugin({ nameservers: zoneNs }) }] });
    instances.push(edge);
    const ok = await get(path(hz.name), edge);
    expect(ok.status).toBe(200);
    expectTopLevel(ok);
    expect(ok.body.nameservers.map((n: any) => n.ldhName)).toEqual(zoneNs);
    expectError(await get(path('无此单位.政务'), edge), 404);
    expectError(await get('/rdap/nothing-here', edge), 400);
    expectError(await get(path('a_b.政务'), edge), 400);
  });

  it('answers a path Fastify cannot decode with an RDAP 400 under /rdap and the plain 400 page elsewhere', async () => {
    // The edge as `zhengming public` and `npm start` build it.
    const edge = await buildPublicServer({ app: t.app, publicHost: 'zhengming.example', logLevel: 'silent', plugins: publicPlugins({ zone: { ns: zoneNs } } as Config) });
    instances.push(edge);
    for (const url of ['/rdap/domain/%E5%9B', '/rdap/entity/%ZZ', '/rdap/domain/%E5%9B?x=1']) {
      const r = await get(url, edge);
      expectError(r, 400);
      expect(r.body.description.join(' ')).toContain('percent-encoded');
    }
    expect((await get(path(hz.name), edge)).status).toBe(200);
    const html = await edge.inject({ method: 'GET', url: '/verify/%E5%9B', headers: { host: 'zhengming.example' } });
    expect(html.statusCode).toBe(400);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.headers['access-control-allow-origin']).toBeUndefined();
    expect(html.body).toContain('网址编码有误');
    const search = await edge.inject({ method: 'GET', url: '/search?q=%E5%9B', headers: { host: 'zhengming.example' } });
    expect(search.statusCode).toBeLessThan(500);
  });
});
