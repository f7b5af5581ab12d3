import { domainToASCII } from 'node:url';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { domains, units, websites } from '../../src/db/schema/index.js';
import { useTestApp } from '../support/app.js';
import { useDemoWorld } from '../support/demo-world.js';
import { testPublicHost, usePublicEdge } from '../support/public-edge.js';

const t = useTestApp();
useDemoWorld(t);
const p = usePublicEdge(t);

/** Script, HTML and attribute payloads; each short enough for the narrowest field (phone, 32). */
const payloads = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='alert(1)' x='",
  '</title><svg onload=alert(1)>',
  '</textarea><b>x</b>',
  '&lt;script&gt;',
];

const get = (url: string, host = testPublicHost) => p.edge.inject({ method: 'GET', url, headers: { host } });

function expectInert(html: string, payload: string) {
  expect(html).not.toContain(payload);
  // No tag formed and no attribute broken out of (the escaped text may still read "onerror=").
  expect(html).not.toMatch(/<script|<img src=x|<svg|' onmouseover='/i);
  expect(html).not.toContain('<b>x</b>');
}

describe('everything a unit wrote is escaped', () => {
  it.each(payloads)('on the red page, the verification page and in search results: %s', async (payload) => {
    const [row] = await t.db.select({ w: websites, u: units }).from(websites).innerJoin(units, eq(units.id, websites.unitId)).innerJoin(domains, eq(domains.id, websites.domainId)).where(eq(domains.name, '宁波市图书馆.公益'));
    const unitId = row!.u.id;
    const id = row!.w.id;
    await t.db.update(units).set({ name: `宁波${payload}`, address: payload, functions: `职能\n${payload}`, phone: payload.slice(0, 32) }).where(eq(units.id, unitId));
    await t.db
      .update(websites)
      .set({ name: `网站${payload}`, description: `简介${payload}`, redPageAddress: payload, redPageFunctions: payload, redPagePhone: payload.slice(0, 32), updatedAt: new Date() })
      .where(eq(websites.id, id));

    const ace = domainToASCII('宁波市图书馆.公益');
    const red = await get('/', ace);
    expect(red.statusCode).toBe(200);
    expectInert(red.body, payload);
    expect(red.body).toContain('网站');

    const verify = await get(`/verify/${row!.w.badgePublicId}?v=1&host=${encodeURIComponent(payload)}`);
    expect(verify.statusCode).toBe(200);
    expectInert(verify.body, payload);
    const plain = await get(`/verify/${row!.w.badgePublicId}`);
    expectInert(plain.body, payload);

    const search = await get(`/search?q=${encodeURIComponent('宁波')}&field=unit`);
    expectInert(search.body, payload);
    const echoed = await get(`/search?q=${encodeURIComponent(payload.slice(0, 64))}`);
    expectInert(echoed.body, payload);

    const report = await get(`/report?id=${row!.w.badgePublicId}`);
    expectInert(report.body, payload);
    const refused = await p.edge.inject({
      method: 'POST',
      url: '/report',
      headers: { host: testPublicHost, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ target: payload, category: 'other', description: 'x', contact: payload }).toString(),
    });
    expect(refused.statusCode).toBe(400);
    expectInert(refused.body, payload);

    const script = await get(`/badge/${row!.w.badgePublicId}.js`);
    expect(script.body).not.toContain(payload);
  });
});
