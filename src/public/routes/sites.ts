/**
 * Requests for a name under 政务 or 公益 (routed here by Host before any path route): URL转发,
 * the 网络红页 at `/`, a withdrawn red page (410), or the unknown-host page (404). The red page is
 * also on the edge's own host at `/redpage/<domain>`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hostEntry, redPageEntry, type Edge, type HostEntry } from '../edge.js';
import { forwardLocation } from '../forward.js';
import { hostnameOf, isSiteHost, redPageDomain } from '../host.js';
import { htmlHeaders, rendered, sendCached, sendHtml } from '../respond.js';
import { esc, messagePage } from '../views/html.js';
import { framePage, redPage, withdrawnPage } from '../views/red-page.js';

export function siteRoutes(f: FastifyInstance, edge: Edge): void {
  const pageHeaders = edge.headers.page;
  const cc = `public, max-age=${edge.pageMaxAge}`;

  const notFound = (reply: FastifyReply, host: string) =>
    sendHtml(reply, 404, messagePage(edge.base, '未找到该网站', `${host} 没有在本系统登记的网站或转发。`), cc);

  /** The red page, its withdrawal, or nothing, for a host entry or a /redpage/ entry. */
  const answerRedPage = (req: FastifyRequest, reply: FastifyReply, entry: HostEntry, shownHost: string) => {
    const r = entry.result;
    if (r.kind === 'page') {
      entry.page ??= rendered(redPage(r.site, edge.publicHost));
      return sendCached(req, reply, entry.page, pageHeaders);
    }
    if (r.kind === 'withdrawn') return sendHtml(reply, 410, withdrawnPage(r.domainName, r.reason, edge.publicHost), cc);
    return notFound(reply, shownHost);
  };

  f.addHook('onRequest', (req, reply, done) => {
    const host = hostnameOf(req.headers.host);
    if (host === null || !isSiteHost(host)) {
      done();
      return;
    }
    void answerSiteHost(req, reply, host).catch((err: unknown) => reply.send(err));
  });

  async function answerSiteHost(req: FastifyRequest, reply: FastifyReply, host: string): Promise<FastifyReply> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendHtml(reply.header('allow', 'GET, HEAD'), 405, messagePage(edge.base, '不支持的请求', '此地址只接受 GET 请求。'));
    const entry = await hostEntry(edge, host);
    const r = entry.result;
    if (r.kind === 'redirect') {
      const location = forwardLocation(r.target, r.keepPath, req.url);
      return reply
        .code(r.code)
        .headers(htmlHeaders)
        .header('cache-control', r.code === 301 ? cc : 'no-cache')
        .header('location', location)
        .send(`<!DOCTYPE html><title>URL转发</title><p><a href="${esc(location)}">${esc(location)}</a></p>`);
    }
    if (r.kind === 'frame') {
      entry.page ??= rendered(framePage(r.title, r.target));
      return sendCached(req, reply, entry.page, { ...pageHeaders, 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-src http: https:; base-uri 'none'" });
    }
    const path = req.url.split('?')[0];
    if (r.kind === 'page' && path !== '/' && path !== '/index.html') return notFound(reply, host);
    return answerRedPage(req, reply, entry, host);
  }

  f.get<{ Params: { domain: string } }>('/redpage/:domain', async (req, reply) => {
    const domain = redPageDomain(req.params.domain);
    if (domain === null) return notFound(reply, req.params.domain.slice(0, 80));
    return answerRedPage(req, reply, await redPageEntry(edge, domain), req.params.domain.slice(0, 80));
  });
}
