/**
 * The public edge (PUBLIC_PORT): 网络红页, the badge script and images, the verification page,
 * URL转发, search and 举报 — server-rendered, no JavaScript needed to read any page. Stateless:
 * everything comes from the database through per-process caches, so any number of edge processes
 * (`zhengming public`) can run behind a load balancer.
 *
 * Routing: a request whose Host is a name under 政务 or 公益 (Unicode or ACE) is answered by
 * `routes/sites.ts` before any path route (URL转发, the red page, 410, 404). Every other host gets
 * the edge's own paths: `/`, `/search`, `/badge/…`, `/verify/…`, `/redpage/…`, `/report`,
 * `/healthz`, and the plugins' prefixes.
 */
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyPluginAsync, type FastifyReply, type FastifyRequest } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.js';
import { defaultReportLimit, type ReportLimit } from '../app/public/reports.js';
import { DomainError } from '../domain/errors.js';
import { EdgeCache } from './cache.js';
import type { BadgeEntry, Edge, HostEntry } from './edge.js';
import { createServer } from 'node:http';
import { fastPath } from './fast-path.js';
import { cachedHeaders, sendHtml } from './respond.js';
import { badgeRoutes } from './routes/badge.js';
import { reportRoutes } from './routes/report.js';
import { searchRoutes } from './routes/search.js';
import { siteRoutes } from './routes/sites.js';
import { verifyRoutes } from './routes/verify.js';
import { messagePage } from './views/html.js';

/**
 * A plugin mounted on the public edge under its own path prefix, e.g. RDAP:
 *
 * ```ts
 * buildPublicServer({ ..., plugins: [{ prefix: '/rdap', plugin: rdapPlugin }] })
 * ```
 *
 * It is registered with Fastify's `register(plugin, { prefix, app })` and answers on every host
 * except the Chinese domains' own names (those are 网络红页 / URL转发 hosts). It gets the
 * `AppContext` in its options. zod schemas work (the zod validator and serializer compilers are
 * set on the root). It should set its own content types, caching, `setErrorHandler` and
 * `setNotFoundHandler` (both are encapsulated per plugin): otherwise the edge's HTML error pages
 * answer under its prefix too.
 */
export interface PublicPlugin {
  prefix: `/${string}`;
  plugin: FastifyPluginAsync<{ app: AppContext }>;
  /**
   * How to answer a request under `prefix` that Fastify could not route at all (bad
   * percent-encoding such as `%E5%9B`, an over-long parameter): those never reach the plugin's
   * hooks or handlers. Default: the edge's plain 400 page.
   */
  badRequest?: (req: FastifyRequest, reply: FastifyReply, app: AppContext) => FastifyReply;
}

export interface PublicServerOptions {
  app: AppContext;
  /** Host (and port) of the edge as visitors reach it (PUBLIC_HOST): the base of badge and page links. */
  publicHost: string;
  logLevel?: string;
  /** Mounted under their prefix, see `PublicPlugin` (RDAP registers itself here: `/rdap`). */
  plugins?: PublicPlugin[];
  /** Fastify's trustProxy: which proxies' X-Forwarded-For to believe (the 举报 limit is per client address). */
  trustProxy?: boolean | string | string[];
  /** How long a loaded website or host stays in the per-process cache (default 30 s). */
  cacheTtlMs?: number;
  /** Entries per cache (default 50,000 badges and 50,000 hosts). */
  cacheMax?: number;
  /** max-age of the badge script, at most 300 (default 120). */
  scriptMaxAgeSeconds?: number;
  reportLimit?: ReportLimit;
}

export async function buildPublicServer(o: PublicServerOptions): Promise<FastifyInstance> {
  // Filled in below; the server factory only runs once `fastify` exists.
  let hot: ReturnType<typeof fastPath> | undefined;
  const fastify = Fastify({
    // Cached answers (badge script, verification page, red page) go out before Fastify routes the
    // request; everything else, and every cache miss, goes through Fastify.
    serverFactory: (handler) => createServer((req, res) => (hot !== undefined && hot(req, res) ? undefined : handler(req, res))),
    logger: { level: o.logLevel ?? 'info' },
    // Every government site loads the badge on every page view: no log line per request.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: o.trustProxy ?? false,
    bodyLimit: 16 * 1024,
    routerOptions: { maxParamLength: 300 },
    // A URL Fastify cannot route (bad percent-encoding, a parameter past maxParamLength) gets no
    // hook, handler or error handler: without this, Fastify's own JSON. A plugin's prefix answers
    // in its own format (RDAP: an RFC 9083 error body), every other path the plain 400 page.
    frameworkErrors: (err, req, reply) => {
      const url = req.url;
      const p = (o.plugins ?? []).find((x) => url === x.prefix || url.startsWith(`${x.prefix}/`) || url.startsWith(`${x.prefix}?`));
      if (p?.badRequest !== undefined) return p.badRequest(req, reply, o.app);
      const base = `//${o.publicHost}`;
      return sendHtml(reply, 400, messagePage(base, '请求无效', err.code === 'FST_ERR_BAD_URL' ? '网址编码有误，请检查后重试。' : '请求无效。'));
    },
  });
  fastify.setValidatorCompiler(validatorCompiler);
  fastify.setSerializerCompiler(serializerCompiler);
  // The 举报 form posts application/x-www-form-urlencoded (no script on the page to send JSON).
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  const ttl = o.cacheTtlMs ?? 30_000;
  const max = o.cacheMax ?? 50_000;
  const scriptMaxAge = Math.min(300, o.scriptMaxAgeSeconds ?? 120);
  const edge: Edge = {
    app: o.app,
    publicHost: o.publicHost,
    base: `//${o.publicHost}`,
    badges: new EdgeCache<BadgeEntry>(ttl, max),
    hosts: new EdgeCache<HostEntry>(ttl, max),
    reportLimit: o.reportLimit ?? defaultReportLimit,
    scriptMaxAge,
    pageMaxAge: 60,
    headers: cachedHeaders(scriptMaxAge, 60),
  };

  fastify.setErrorHandler((err: FastifyError | DomainError, req, reply) => {
    const status = err instanceof DomainError ? err.status : (err.statusCode ?? 500);
    if (status >= 500) req.log.error({ err }, 'public edge error');
    const text = status >= 500 ? '服务暂时不可用，请稍后再试。' : err instanceof DomainError ? err.message : '请求无效。';
    return sendHtml(reply, status, messagePage(edge.base, status >= 500 ? '服务暂时不可用' : '请求无效', text));
  });
  fastify.setNotFoundHandler((_req, reply) => sendHtml(reply, 404, messagePage(edge.base, '页面不存在', '您访问的页面不存在。'), 'public, max-age=60'));

  hot = fastPath(edge);
  siteRoutes(fastify, edge);
  fastify.get('/healthz', async () => {
    await o.app.db.execute('select 1');
    return { status: 'ok' };
  });
  badgeRoutes(fastify, edge);
  verifyRoutes(fastify, edge);
  searchRoutes(fastify, edge);
  reportRoutes(fastify, edge);
  for (const p of o.plugins ?? []) await fastify.register(p.plugin, { prefix: p.prefix, app: o.app });
  return fastify;
}
