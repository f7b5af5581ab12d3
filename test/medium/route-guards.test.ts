import { describe, expect, it } from 'vitest';
import { buildServer, routesOf, type RouteSummary } from '../../src/http/server.js';
import { consoleCsp } from '../../src/http/security-headers.js';
import { useTestApp } from '../support/app.js';
import { buildUser } from '../support/factories.js';

const t = useTestApp();

const someId = '00000000-0000-4000-8000-000000000000';
/** A concrete URL for a route pattern: any value matches a parameter, and guards run before validation. */
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, someId);
const apiRoutes = (): RouteSummary[] => routesOf(t.server).filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
const changing = (r: RouteSummary) => r.method !== 'GET';

async function loggedIn(role: 'handler' | 'auditor' | 'admin') {
  const u = await buildUser(t.db, { role });
  const c = t.client();
  const res = await c.login(u.username, u.password);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return c;
}

describe('route guards, over every registered console route', () => {
  it('has a known, short list of public API routes', () => {
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThan(50);
    expect(routes.filter((r) => r.auth === 'public').map((r) => `${r.method} ${r.url}`).sort()).toEqual(publicApi);
  });

  it('answers 401 to every other API route without a session', async () => {
    const c = t.client();
    const wrong: string[] = [];
    for (const r of apiRoutes().filter((x) => x.auth === 'session')) {
      const res = await c.request(r.method as 'GET', concrete(r.url), r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
      if (res.status !== 401 || res.body?.error?.code !== 'NOT_AUTHENTICATED') wrong.push(`${r.method} ${r.url} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers 403 to every state-changing route without the CSRF token, logged in', async () => {
    const c = await loggedIn('handler');
    const wrong: string[] = [];
    const routes = apiRoutes().filter((x) => x.auth === 'session' && changing(x));
    expect(routes.length).toBeGreaterThan(30);
    for (const r of routes) {
      const res = await c.request(r.method as 'POST', concrete(r.url), {}, { 'x-csrf-token': '' });
      if (res.status !== 403 || res.body?.error?.code !== 'CSRF_TOKEN_INVALID') wrong.push(`${r.method} ${r.url} → ${res.status} ${res.body?.error?.code}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('separation of duties', () => {
  it('keeps the admin out of every audit log route', async () => {
    const c = await loggedIn('admin');
    const audit = apiRoutes().filter((r) => r.url.startsWith('/api/audit'));
    expect(audit.map((r) => r.url).sort()).toEqual(['/api/audit-events', '/api/audit-events.csv', '/api/audit-events/verify']);
    for (const r of audit) {
      const res = await c.request(r.method as 'GET', concrete(r.url));
      expect([r.url, res.status, res.body?.error?.code]).toEqual([r.url, 403, 'AUDITOR_ONLY']);
    }
  });

  it('lets the auditor change nothing but their own session and account', async () => {
    const c = await loggedIn('auditor');
    const wrong: string[] = [];
    const selfService = /^\/api\/(session|account|inbox|password-reset)\//;
    for (const r of apiRoutes().filter((x) => x.auth === 'session' && changing(x) && !selfService.test(x.url))) {
      const res = await c.request(r.method as 'POST', concrete(r.url), {});
      if (res.status !== 403 || res.body?.error?.code !== 'AUDITOR_READ_ONLY') wrong.push(`${r.method} ${r.url} → ${res.status} ${res.body?.error?.code}`);
    }
    expect(wrong).toEqual([]);
    // Their own account stays theirs: a wrong current password is judged, not refused by role.
    const own = await c.post('/api/account/password', { currentPassword: 'Wrong#aaaa1', newPassword: 'Another#2026x' });
    expect(own.body?.error?.code).not.toBe('AUDITOR_READ_ONLY');
  });
});

describe('security headers', () => {
  it('puts a CSP without unsafe-inline scripts, frame-ancestors none and the rest on every response', async () => {
    for (const url of ['/healthz', '/api/session', '/api/no-such-route', '/api/openapi.json']) {
      const res = await t.client().get(url);
      expect(res.headers['content-security-policy'], url).toBe(consoleCsp);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
    expect(consoleCsp).toContain("frame-ancestors 'none'");
    expect(consoleCsp).toMatch(/script-src 'self'(;|$)/);
  });

  it('adds HSTS behind TLS termination (COOKIE_SECURE=true)', async () => {
    const server = await buildServer({ app: t.app, databaseKind: t.kind, supportHotline: '8588686', cookieSecure: 'true', logLevel: 'silent' });
    try {
      const res = await server.inject({ method: 'GET', url: '/healthz' });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
    } finally {
      await server.close();
    }
  });
});

/** The API routes open without a session; adding one means adding it here, on purpose.
 * (Outside /api: /healthz, the API docs under /api/docs and the console's files.) */
const publicApi = [
  'GET /api/openapi.json',
  'GET /api/support',
  'POST /api/password-reset/confirm',
  'POST /api/password-reset/request',
  'POST /api/session/login',
];
