import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A response body rendered once and served many times, with its strong ETag. */
export interface Rendered {
  body: Buffer;
  etag: string;
}

export function rendered(text: string): Rendered {
  const body = Buffer.from(text);
  return { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
}

/** `If-None-Match` holds this ETag (or `*`): the client's copy is current. */
function notModified(req: FastifyRequest, etag: string): boolean {
  const inm = req.headers['if-none-match'];
  if (inm === undefined) return false;
  if (inm === etag || inm === '*') return true;
  return inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/** Pages carry no script; styles are inline; images may come from the edge's own host. */
export const htmlHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' http: https:; form-action 'self' http: https:; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

/** The headers of the edge's cacheable answers, built once per server. */
export function cachedHeaders(scriptMaxAge: number, pageMaxAge: number) {
  const crossOrigin = { 'x-content-type-options': 'nosniff', 'cross-origin-resource-policy': 'cross-origin' };
  return {
    script: { ...crossOrigin, 'content-type': 'application/javascript; charset=utf-8', 'cache-control': `public, max-age=${scriptMaxAge}` },
    image: { ...crossOrigin, 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=31536000, immutable' },
    page: { ...htmlHeaders, 'cache-control': `public, max-age=${pageMaxAge}` },
  };
}

export function sendCached(req: FastifyRequest, reply: FastifyReply, r: Rendered, headers: Record<string, string>, status = 200): FastifyReply {
  reply.headers(headers).header('etag', r.etag);
  if (status === 200 && notModified(req, r.etag)) return reply.code(304).send();
  return reply.code(status).send(r.body);
}

export function sendHtml(reply: FastifyReply, status: number, html: string, cacheControl = 'no-store'): FastifyReply {
  return reply.code(status).headers(htmlHeaders).header('cache-control', cacheControl).send(html);
}
