import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { domainToASCII } from 'node:url';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock, type AppContext } from '../../src/app/context.js';
import { seedDemo } from '../../src/app/seed/seed-demo.js';
import { defaultSecurityPolicy } from '../../src/config.js';
import type { Db } from '../../src/db/client.js';
import { domains, websites } from '../../src/db/schema/index.js';
import { buildPublicServer } from '../../src/public/server.js';
import { cloneTestDatabase } from '../support/db.js';

/**
 * The badge in a real browser: pages on test host names (all mapped to 127.0.0.1 with Chromium's
 * --host-resolver-rules) embed the snippet the console hands out; the edge answers on its own name.
 */
let browser: Browser;
let edge: FastifyInstance;
let site: Server;
let db: Db;
let edgePort = 0;
let sitePort = 0;
let cleanup: (() => Promise<void>) | undefined;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createNetServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a !== null ? a.port : 0));
    });
  });

async function badgeId(domainName: string): Promise<string> {
  const [row] = await db.select({ id: websites.badgePublicId }).from(websites).innerJoin(domains, eq(domains.id, websites.domainId)).where(eq(domains.name, domainName));
  return row!.id!;
}

beforeAll(async () => {
  const { database, drop } = await cloneTestDatabase();
  db = database.db;
  await seedDemo(db, new Date());
  const app: AppContext = { db, clock: systemClock, policy: defaultSecurityPolicy, log: { info: () => undefined, warn: () => undefined } };
  edgePort = await freePort();
  edge = await buildPublicServer({ app, publicHost: `badge.zhengming.test:${edgePort}`, logLevel: 'silent', cacheTtlMs: 0 });
  await edge.listen({ port: edgePort, host: '127.0.0.1' });
  // Any host, any path: a page embedding the badge whose id is in the query (?id=…).
  site = createServer((req, res) => {
    const id = new URL(req.url ?? '/', 'http://x').searchParams.get('id') ?? '';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>单位网站</title></head><body><p>单位网站首页</p><script src="//badge.zhengming.test:${edgePort}/badge/${id}.js"></script></body></html>`);
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  const a = site.address();
  sitePort = typeof a === 'object' && a !== null ? a.port : 0;
  browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--host-resolver-rules=MAP * 127.0.0.1', '--disable-background-networking'],
  });
  cleanup = async () => {
    await browser.close();
    await edge.close();
    await new Promise((r) => site.close(r));
    await drop();
  };
});
afterAll(async () => {
  await cleanup?.();
});

describe('the badge in Chromium', () => {
  it('shows the valid blue badge on the registered English domain, and clicking it opens the verification page', async () => {
    const id = await badgeId('杭州市第一人民医院.公益');
    const page = await browser.newPage();
    await page.goto(`http://www.hz-first-hospital.cn:${sitePort}/index.html?id=${id}`);
    const badge = page.locator('[data-zm-badge]');
    await badge.waitFor();
    expect(await badge.getAttribute('data-zm-badge')).toBe('valid');
    const img = badge.locator('img');
    expect(await img.getAttribute('src')).toMatch(/badge\/img\/blue-[0-9a-f]+\.svg$/);
    await expect.poll(() => img.evaluate((i) => (i as unknown as { complete: boolean; naturalWidth: number }).naturalWidth)).toBe(112);
    const [verify] = await Promise.all([page.context().waitForEvent('page'), badge.locator('a').click()]);
    await verify.waitForLoadState();
    expect(verify.url()).toBe(`http://badge.zhengming.test:${edgePort}/verify/${id}?v=1`);
    expect(await verify.getByTestId('badge-status').textContent()).toContain('有效');
    expect(await verify.locator('body').textContent()).toContain('杭州市第一人民医院');
    expect(await verify.getByTestId('error-reason').count()).toBe(0);
    await page.close();
    await verify.close();
  });

  it('shows the error badge on another host, and the verification page says why', async () => {
    const id = await badgeId('杭州市第一人民医院.公益');
    const page = await browser.newPage();
    await page.goto(`http://copycat.example.com:${sitePort}/?id=${id}`);
    const badge = page.locator('[data-zm-badge]');
    await badge.waitFor();
    expect(await badge.getAttribute('data-zm-badge')).toBe('error');
    expect(await badge.locator('img').getAttribute('src')).toMatch(/badge\/img\/error-[0-9a-f]+\.svg$/);
    const [verify] = await Promise.all([page.context().waitForEvent('page'), badge.locator('a').click()]);
    await verify.waitForLoadState();
    expect(await verify.getByTestId('error-reason').textContent()).toContain('copycat.example.com');
    await page.close();
    await verify.close();
  });

  it('shows the red badge on the red page at the Chinese domain, without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`http://${domainToASCII('杭州市财政局.政务')}:${edgePort}/`);
    expect(await page.locator('h1').textContent()).toBe('杭州市财政局');
    const img = page.locator('[data-zm-badge="valid"] img');
    expect(await img.getAttribute('src')).toMatch(/red-[0-9a-f]+\.svg$/);
    await expect.poll(() => img.evaluate((i) => (i as unknown as { complete: boolean; naturalWidth: number }).naturalWidth)).toBe(112);
    await context.close();
  });

  it('shows the error badge once the badge is deregistered, even on the registered domain', async () => {
    const id = await badgeId('宁波市教育局.政务');
    await db.update(websites).set({ status: 'deregistered', deregisteredAt: new Date(), updatedAt: new Date() }).where(eq(websites.badgePublicId, id));
    const page = await browser.newPage();
    await page.goto(`http://jyj.ningbo.gov.cn:${sitePort}/?id=${id}`);
    const badge = page.locator('[data-zm-badge]');
    await badge.waitFor();
    expect(await badge.getAttribute('data-zm-badge')).toBe('error');
    await page.close();
  });
});
