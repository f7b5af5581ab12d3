import type { FastifyInstance } from 'fastify';

/**
 * The console's Content Security Policy. Scripts: only the built bundles from this origin, no
 * inline script, no eval. Styles: antd 6 writes its CSS-in-JS into `<style>` elements at run time;
 * ConfigProvider can put a nonce on those, but rc-component helpers (the modal scroll locker,
 * the scrollbar measurement, cssinjs's selector probe) insert `<style>` without one, so styles keep
 * 'unsafe-inline' (CSS cannot run script; img-src/connect-src/font-src still bound where styles
 * may fetch from). Nothing may frame the console (clickjacking).
 */
export const consoleCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

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

/** Security headers on every response of the console process: API, console files, docs, errors. */
export function installSecurityHeaders(fastify: FastifyInstance, o: { cookieSecure: 'true' | 'false' | 'auto' }): void {
  fastify.addHook('onSend', async (req, reply, payload) => {
    for (const [name, value] of Object.entries(headers)) if (!reply.hasHeader(name)) reply.header(name, value);
    if (o.cookieSecure === 'true' || req.protocol === 'https') reply.header('strict-transport-security', hsts);
    return payload;
  });
}
