import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DemoAccount } from '../../src/app/seed/seed-demo.js';
import { useBrowserWorld } from '../support/browser.js';

/**
 * The console runs under its CSP without 'unsafe-inline' (issue 10): every page of every role's
 * menu, loaded fresh (a new nonce each time), with a dialog open, reports no violation. The
 * collector is shown to work by a style element injected without the nonce, which must be refused.
 */
const w = useBrowserWorld();

interface Watched {
  page: Page;
  violations: string[];
}

async function watchedPage(): Promise<Watched> {
  const page = await w.newPage({ viewport: { width: 1280, height: 900 } });
  const violations: string[] = [];
  await page.exposeFunction('__cspViolation', (v: string) => void violations.push(v));
  // Runs in the page (a string: the test's own types have no DOM).
  await page.addInitScript(`document.addEventListener('securitypolicyviolation', (e) =>
    window.__cspViolation(e.effectiveDirective + ' ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber + ' on ' + location.pathname))`);
  page.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) violations.push(`console: ${m.text()}`);
  });
  return { page, violations };
}

async function logIn(a: DemoAccount): Promise<Watched> {
  const watched = await watchedPage();
  await watched.page.goto(`${w.baseUrl}/login`);
  await w.logIn(a, watched.page);
  return watched;
}

async function menuPaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const session = (await (await fetch('/api/session')).json()) as { menu: { path?: string; children?: unknown[] }[] };
    const out: string[] = [];
    const walk = (items: { path?: string; children?: unknown[] }[]) => {
      for (const m of items) {
        if (m.path !== undefined) out.push(m.path);
        if (m.children !== undefined) walk(m.children as { path?: string; children?: unknown[] }[]);
      }
    };
    walk(session.menu);
    return out;
  });
}

describe('the console under a CSP without unsafe-inline', () => {
  it('serves each console page with its own nonce in the policy and in the page', async () => {
    const first = await fetch(`${w.baseUrl}/login`);
    const second = await fetch(`${w.baseUrl}/login`);
    const nonces = await Promise.all(
      [first, second].map(async (res) => {
        const csp = res.headers.get('content-security-policy') ?? '';
        expect(csp).not.toContain('unsafe-inline');
        expect(csp).toContain("script-src 'self';");
        const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
        expect(nonce).toBeDefined();
        expect(await res.text()).toContain(`<meta name="csp-nonce" content="${nonce}"`);
        expect(res.headers.get('cache-control')).toBe('no-store');
        return nonce;
      }),
    );
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it('refuses a style element without the nonce (the collector sees violations)', async () => {
    const { page, violations } = await watchedPage();
    await page.goto(`${w.baseUrl}/login`);
    await page.getByLabel('用户名').waitFor();
    await page.evaluate(`document.head.insertAdjacentHTML('beforeend', '<style>body { color: red }</style>')`);
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(violations.join('\n')).toContain('style-src');
    await page.close();
  });

  const roles: DemoAccount['role'][] = ['handler', 'office_reviewer', 'center_reviewer', 'admin', 'auditor'];
  for (const role of roles) {
    it(`shows every page of the ${role}'s menu without a violation`, { timeout: 120_000 }, async () => {
      const { page, violations } = await logIn(w.account(role));
      const paths = await menuPaths(page);
      expect(paths.length).toBeGreaterThan(1);
      for (const p of [...paths, '/account', '/inbox']) {
        await page.goto(`${w.baseUrl}${p}`);
        await page.getByRole('menu').first().waitFor();
        await page.waitForLoadState('networkidle');
      }
      // A dialog: antd's modal locks the page's scrolling with a style element of its own.
      await page.goto(`${w.baseUrl}/account`);
      await page.getByRole('button', { name: '修改密码' }).waitFor();
      await page.getByRole('button', { name: '修改邮箱' }).click();
      await page.getByRole('dialog').waitFor();
      await page.waitForTimeout(300);
      expect(violations).toEqual([]);
      await page.close();
    });
  }
});
