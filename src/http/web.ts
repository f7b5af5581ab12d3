import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { consolePageCsp, newCspNonce } from './security-headers.js';

export const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** What web/index.html carries where the page's nonce goes (`<meta name="csp-nonce">`). */
export const noncePlaceholder = '__CSP_NONCE__';

/** Sends the console page (index.html) with a fresh CSP nonce in its policy and its meta tag. */
export type ConsolePage = (reply: FastifyReply) => FastifyReply;

/**
 * Serves the built console: its files from web/dist, and the page itself for `/` and every client
 * route (any other GET that is not under /api), never cached, each copy with its own nonce.
 * Returns null when the console is not built.
 */
export async function installWeb(app: FastifyInstance, root = webDist): Promise<ConsolePage | null> {
  const indexFile = path.join(root, 'index.html');
  if (!existsSync(indexFile)) return null;
  const html = readFileSync(indexFile, 'utf8');
  if (!html.includes(noncePlaceholder)) throw new Error(`${indexFile} has no ${noncePlaceholder}: rebuild the console`);
  await app.register(fastifyStatic, { root, wildcard: false, index: false });
  const page: ConsolePage = (reply) => {
    const nonce = newCspNonce();
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', consolePageCsp(nonce))
      .send(html.replaceAll(noncePlaceholder, nonce));
  };
  app.get('/', { config: { auth: 'public' }, schema: { hide: true } }, (_req, reply) => page(reply));
  return page;
}

export const isClientRoute = (method: string, url: string): boolean =>
  (method === 'GET' || method === 'HEAD') && !url.startsWith('/api/') && url !== '/api' && !url.startsWith('/healthz');
