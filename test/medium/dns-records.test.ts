import { describe, expect, it } from 'vitest';
import { useTestApp, type ApiClient } from '../support/app.js';
import { handlerContact, useDemoWorld } from '../support/demo-world.js';

const t = useTestApp();
const w = useDemoWorld(t);

async function domainOf(c: ApiClient) {
  return (await c.get('/api/domains')).body.items[0];
}
async function serials(domainId: string) {
  const r = (await t.db.execute(`select serial from zone_changes where domain_id = '${domainId}' order by id`)) as unknown as { rows: { serial: string | number }[] };
  return r.rows.map((x) => Number(x.serial));
}

describe('域名解析', () => {
  it('step 四: after an approved 变更 to 自建网站, one 确认 replaces the records by a URL转发 pair @ and www', async () => {
    const handler = await w.as('jbr.hzczj');
    const domain = await domainOf(handler);
    expect(domain.allowedActions).toContain('dns');
    const old = await handler.post(`/api/domains/${domain.id}/records`, { host: 'mail', type: 'A', value: '115.236.10.40' });
    expect(old.status, JSON.stringify(old.body)).toBe(201);

    const site = (await handler.get('/api/websites')).body.items[0];
    const created = await handler.post('/api/applications', {
      payload: { type: 'change', websiteId: site.id, hosting: 'self_hosted', websiteName: site.name, englishDomain: 'czj.hangzhou.gov.cn', ipAddresses: ['115.236.10.21'], description: site.description, handler: handlerContact },
      submit: true,
    });
    let version = created.body.version;
    for (const who of ['bb.330100', 'center']) version = (await (await w.as(who)).post(`/api/applications/${created.body.id}/approve`, { version })).body.version;
    const office = await w.as('bb.330100');
    const items = (await office.get(`/api/applications/${created.body.id}`)).body.paperItems;
    for (const i of items) version = (await office.post(`/api/applications/${created.body.id}/paper/${i.id}`, { version, status: 'received' })).body.version;

    const listed = await handler.get(`/api/domains/${domain.id}/records`);
    expect(listed.body.proposals).toHaveLength(1);
    const applied = await handler.post(`/api/domains/${domain.id}/proposals/${listed.body.proposals[0].id}/apply`, {});
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body.proposals).toEqual([]);
    const records = applied.body.records.map((r: { host: string; typeLabel: string; value: string; generated: boolean }) => [r.host, r.typeLabel, r.value, r.generated]);
    expect(records).toEqual([
      ['@', 'URL转发（显性）', 'http://czj.hangzhou.gov.cn/', false],
      ['www', 'URL转发（显性）', 'http://czj.hangzhou.gov.cn/', true],
    ]);
    expect(applied.body.records[0].partnerId).toBe(applied.body.records[1].id);
    // Three changes: the A record, the approved hosting switch (the red page's names stop answering), the 确认.
    const s = await serials(domain.id);
    expect(s.length).toBe(3);
    expect(s[1]).toBeGreaterThan(s[0] ?? 0);
    expect(s[2]).toBeGreaterThan(s[1] ?? 0);
    const history = await handler.get(`/api/domains/${domain.id}/zone-history`);
    expect(history.body.items[0].change.added.map((r: { owner: string; type: string }) => `${r.owner} ${r.type}`)).toEqual([`${domain.ace} A`, `www.${domain.ace} A`]);
  });

  it('validates with Chinese messages: TTL, values, CNAME rules, duplicates', async () => {
    const handler = await w.as('jbr.nbtsg');
    const domain = await domainOf(handler);
    const add = (body: Record<string, unknown>) => handler.post(`/api/domains/${domain.id}/records`, body);
    expect((await add({ host: 'www', type: 'A', value: '10.0.0.1' })).body.error.field).toBe('value');
    expect((await add({ host: 'www', type: 'A', value: '115.236.10.50', ttl: 30 })).body.error.field).toBe('ttl');
    expect((await add({ host: 'bad_host', type: 'A', value: '115.236.10.50' })).body.error.field).toBe('host');
    expect((await add({ host: '@', type: 'CNAME', value: 'www.example.cn' })).status).toBe(400);
    expect((await add({ host: 'www', type: 'A', value: '115.236.10.50' })).status).toBe(201);
    const dup = await add({ host: 'www', type: 'A', value: '115.236.10.50' });
    expect(dup.status).toBe(409);
    const cname = await add({ host: 'www', type: 'CNAME', value: 'cdn.example.cn' });
    expect(cname.status).toBe(409);
    expect(cname.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    const url = await add({ host: 'www', type: 'URL_REDIRECT', value: 'https://www.example.cn' });
    expect(url.status).toBe(409);
    expect((await add({ host: '邮件', type: 'MX', value: 'mx.example.cn', priority: 10 })).status).toBe(201);
  });

  it('deletes several records at once and journals each change', async () => {
    const handler = await w.as('jbr.zjnky');
    const domain = await domainOf(handler);
    await handler.post(`/api/domains/${domain.id}/records`, { host: 'a', type: 'A', value: '115.236.10.51' });
    const two = await handler.post(`/api/domains/${domain.id}/records`, { host: 'b', type: 'TXT', value: '网站验证 v=1' });
    const ids = two.body.records.map((r: { id: string }) => r.id);
    const res = await handler.post(`/api/domains/${domain.id}/records/delete`, { ids });
    expect(res.body.records).toEqual([]);
    expect(await serials(domain.id)).toHaveLength(3);
  });

  it('is the unit’s own: 404 for another unit, read-only for the office, refused for others', async () => {
    const mine = await domainOf(await w.as('jbr.hzdyyy'));
    const other = await w.as('jbr.nbjyj');
    expect((await other.get(`/api/domains/${mine.id}/records`)).status).toBe(404);
    expect((await other.post(`/api/domains/${mine.id}/records`, { host: 'x', type: 'A', value: '115.236.10.52' })).status).toBe(404);
    const office = await w.as('bb.330100');
    const seen = await office.get(`/api/domains/${mine.id}/records`);
    expect(seen.status).toBe(200);
    expect(seen.body.allowedActions).toEqual([]);
    expect((await office.post(`/api/domains/${mine.id}/records`, { host: 'x', type: 'A', value: '115.236.10.52' })).status).toBe(403);
    expect((await (await w.as('admin')).get(`/api/domains/${mine.id}/records`)).status).toBe(404);
  });
});
