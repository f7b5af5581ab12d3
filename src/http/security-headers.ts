import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/**
 * The console's Content Security Policy, without 'unsafe-inline' anywhere. Scripts: only the built
 * bundles from this origin, no inline script, no eval. Styles: the built CSS from this origin, and
 * the `<style>` elements antd's CSS-in-JS writes at run time — those carry the page's nonce (a new
 * one for every console page served, see `consolePageCsp`; the console puts it on every style
 * element it creates, web/src/csp-nonce.ts). Responses that are not the console page (API JSON,
 * files, errors) get the same policy with no nonce: nothing inline at all. Nothing may frame the
 * console (clickjacking).
 */
const directives = (styleSources: string): string =>
  [
    "default-src 'self'",
    "script-src 'self'",
    `style-src ${styleSources}`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

export const consoleCsp = directives("'self'");

/** A fresh nonce (128 random bits, base64) for one console page. */
export const newCspNonce = (): string => randomBytes(16).toString('base64');

/** The policy of one console page: its style elements must carry `nonce`. */
export const consolePageCsp = (nonce: string): string => directives(`'self' 'nonce-${nonce}'`);

const headers: Record<string, string> = {
  'content-security-policy': consoleCsp,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

/** One year; only on responses to requests that came over TLS (or behind a TLS terminator: COOKIE_SECURE=true). */
export const hsts = 'max-age=31536000';

/**
 * Security headers on every response of the console process: API, console files, docs, errors.
 * A route that set its own CSP (the console page, with its nonce) keeps it.
 */
export function installSecurityHeaders(fastify: FastifyInstance, o: { cookieSecure: 'true' | 'false' | 'auto' }): void {
  fastify.addHook('onSend', async (req, reply, payload) => {
    for (const [name, value] of Object.entries(headers)) if (!reply.hasHeader(name)) reply.header(name, value);
    if (o.cookieSecure === 'true' || req.protocol === 'https') reply.header('strict-transport-security', hsts);
    return payload;
  });
}
