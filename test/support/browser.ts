import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { seedDemo, type DemoAccount } from '../../src/app/seed/seed-demo.js';
import { defaultSecurityPolicy } from '../../src/config.js';
import { buildServer } from '../../src/http/server.js';
import { systemClock } from '../../src/app/context.js';
import { cloneTestDatabase } from './db.js';

export interface BrowserWorld {
  baseUrl: string;
  browser: Browser;
  accounts: DemoAccount[];
  account(role: DemoAccount['role'], username?: string): DemoAccount;
}

/** A real server (console included) on a demo-seeded database, and Debian's Chromium. */
export function useBrowserWorld(): BrowserWorld {
  const w = {} as BrowserWorld;
  let cleanup: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
    const { database, drop } = await cloneTestDatabase();
    const app: AppContext = { db: database.db, clock: systemClock, policy: defaultSecurityPolicy, log: { info: () => undefined, warn: () => undefined } };
    const accounts = await seedDemo(database.db, new Date());
    const server = await buildServer({ app, databaseKind: database.kind, supportHotline: '8588686', cookieSecure: 'false', logLevel: 'silent', serveWeb: true });
    await server.listen({ port: 0, host: '127.0.0.1' });
    const address = server.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const browser = await chromium.launch({
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    Object.assign(w, {
      baseUrl: `http://127.0.0.1:${port}`,
      browser,
      accounts,
      account: (role: DemoAccount['role'], username?: string) => {
        const a = accounts.find((x) => x.role === role && (username === undefined || x.username === username));
        if (a === undefined) throw new Error(`no demo ${role}`);
        return a;
      },
    });
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
