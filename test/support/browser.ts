import { sql } from 'drizzle-orm';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { seedDemo, type DemoAccount } from '../../src/app/seed/seed-demo.js';
import { defaultSecurityPolicy } from '../../src/config.js';
import { buildServer } from '../../src/http/server.js';
import { systemClock } from '../../src/app/context.js';
import type { SiteChecker } from '../../src/sitecheck/check-site.js';
import { cloneTestDatabase } from './db.js';
import { freshDemoCode } from './second-factor.js';

export interface BrowserWorld {
  baseUrl: string;
  /** The server's application context, for what a scheduler would do (the patrol's rounds). */
  app: AppContext;
  browser: Browser;
  accounts: DemoAccount[];
  account(role: DemoAccount['role'], username?: string): DemoAccount;
  /** After 登录 was clicked: types the account's 动态口令 (二次验证) when it has one, as its
   * owner would from the authenticator app (the code from the seeded demo secret). */
  secondFactor(page: Page, a: DemoAccount): Promise<void>;
  /**
   * 登录 as the account (its 动态口令 too) and wait for the console's menu. Without `page`: a new
   * 1280×900 page opened at /login; with one: that page, already showing the login form.
   */
  logIn(a: DemoAccount, page?: Page): Promise<Page>;
  /**
   * A new page (its own context) that prefers reduced motion: the console then shows dialogs and
   * drop-downs without animation (App.tsx), so a click never lands on an element still zooming or
   * sliding into place — two intermittent CI failures looked like that (a confirmation that stayed
   * open after 通过 was clicked, a 记录类型 option that did not take).
   */
  newPage(options?: { viewport?: { width: number; height: number } }): Promise<Page>;
  /**
   * What the server is doing, for a failure message: the requests it has received and not
   * answered yet (method, URL, how long ago), and whether the database answers a query within 2 s.
   */
  serverState(): Promise<string>;
}

/**
 * A real server (console included) on a demo-seeded database, and Debian's Chromium. Without
 * `siteChecker` the server has none (no 网站核验); with it, it is called once the world starts
 * (after the hooks registered before, such as `useSiteWorld`'s).
 */
export function useBrowserWorld(o: { siteChecker?: () => SiteChecker } = {}): BrowserWorld {
  const w = {} as BrowserWorld;
  let cleanup: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
    const { database, drop } = await cloneTestDatabase();
    const app: AppContext = { db: database.db, clock: systemClock, policy: defaultSecurityPolicy, log: { info: () => undefined, warn: () => undefined } };
    if (o.siteChecker !== undefined) app.siteChecker = o.siteChecker();
    const accounts = await seedDemo(database.db, new Date());
    const server = await buildServer({ app, databaseKind: database.kind, supportHotline: '8588686', cookieSecure: 'false', logLevel: 'silent', serveWeb: true });
    // Requests received and not answered yet: an intermittent CI failure (an approval with no answer
    // in 30 s) needs to say whether the server had the request and what else it was doing.
    const inFlight = new Map<string, { method: string; url: string; at: number }>();
    server.addHook('onRequest', async (req) => {
      inFlight.set(req.id, { method: req.method, url: req.url, at: Date.now() });
    });
    server.addHook('onResponse', async (req) => {
      inFlight.delete(req.id);
    });
    await server.listen({ port: 0, host: '127.0.0.1' });
    const address = server.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const browser = await chromium.launch({
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    Object.assign(w, {
      baseUrl: `http://127.0.0.1:${port}`,
      app,
      browser,
      accounts,
      account: (role: DemoAccount['role'], username?: string) => {
        const a = accounts.find((x) => x.role === role && (username === undefined || x.username === username));
        if (a === undefined) throw new Error(`no demo ${role}`);
        return a;
      },
      secondFactor: async (page: Page, a: DemoAccount) => {
        if (a.totpSecret === null) return;
        const field = page.getByLabel('动态口令');
        await field.waitFor();
        await field.fill(await freshDemoCode(database.db, app.clock, a.username, a.totpSecret));
        await page.getByRole('button', { name: '验证', exact: true }).click();
      },
    });
    w.newPage = (options = {}) => browser.newPage({ ...options, reducedMotion: 'reduce' });
    w.serverState = async () => {
      const now = Date.now();
      const pending = [...inFlight.values()].map((r) => `${r.method} ${r.url} (${now - r.at} ms ago)`);
      const probe = database.db.execute(sql`select 1`).then(
        () => 'answers',
        (err: unknown) => `fails: ${String(err)}`,
      );
      const answered = await Promise.race([probe, new Promise<string>((resolve) => setTimeout(() => resolve('does not answer within 2 s'), 2000))]);
      return `requests the server has not answered: ${pending.length === 0 ? 'none' : pending.join('; ')}; the database ${answered}`;
    };
    w.logIn = async (a: DemoAccount, given?: Page) => {
      const page = given ?? (await w.newPage({ viewport: { width: 1280, height: 900 } }));
      if (given === undefined) await page.goto(`${w.baseUrl}/login`);
      await page.getByLabel('用户名').fill(a.username);
      await page.getByLabel('密码').fill(a.password);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await w.secondFactor(page, a);
      await page.getByRole('menu').first().waitFor();
      return page;
    };
    cleanup = async () => {
      await browser.close();
      await server.close();
      await drop();
    };
  });
  afterAll(async () => {
    await cleanup?.();
  });
  return w;
}
