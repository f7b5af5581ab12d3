/**
 * RDAP (RFC 7480 HTTP usage, RFC 9082 queries, RFC 9083 responses) as a Fastify plugin, to be
 * registered under `/rdap` on the public edge. Lookups go through the registration-data use
 * cases; this file only maps paths, statuses and headers. Every answer — errors included — is
 * `application/rdap+json` with `Access-Control-Allow-Origin: *` (RFC 7480 §5.6), so browsers
 * may query it from any page. Nothing here is ever a 500 for bad input.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app/context.js';
import { lookupDomain } from '../app/registration-data/lookup-domain.js';
import { lookupRegistrant } from '../app/registration-data/lookup-registrant.js';
import { DomainError } from '../domain/errors.js';
import { RateLimiter, clientKey, type RateLimitPolicy } from '../domain/registration-data/rate-limit.js';
import { domainResponse, entityResponse, errorResponse, helpResponse, rdapMediaType, type RdapContext } from './present.js';

export interface RdapOptions {
  app: AppContext;
  /** The TLD zones' apex NS (config.zone.ns), shown for domains that are not delegated. */
  nameservers?: readonly string[];
  /** Public base URL of the RDAP service (e.g. `https://rdap.example/rdap`); by default from the request. */
  baseUrl?: string;
  /** Per client address; `false` turns it off (behind a proxy that limits for us). */
  rateLimit?: RateLimitPolicy | false;
}

export const defaultRdapRateLimit: RateLimitPolicy = { perMinute: 60, burst: 30 };

const notImplemented = ['/nameserver/*', '/ip/*', '/autnum/*', '/domains', '/nameservers', '/entities'];

export const rdapRoutes: FastifyPluginAsync<RdapOptions> = async (fastify: FastifyInstance, opts: RdapOptions) => {
  const nameservers = opts.nameservers ?? [];
  const limit = opts.rateLimit === false ? null : (opts.rateLimit ?? defaultRdapRateLimit);
  const limiter = limit === null ? null : new RateLimiter(limit);

  const context = (req: FastifyRequest): RdapContext => {
    const origin = `${req.protocol}://${req.host}`;
    return { base: (opts.baseUrl ?? `${origin}${fastify.prefix}`).replace(/\/$/, ''), requestUrl: `${origin}${req.url}`, now: opts.app.clock.now() };
  };
  const send = (reply: FastifyReply, status: number, body: unknown) => reply.code(status).type(rdapMediaType).send(body);
  const fail = (req: FastifyRequest, reply: FastifyReply, status: number, description: string[]) =>
    send(reply, status, errorResponse(status, description, context(req)));

  fastify.addHook('onRequest', async (req, reply) => {
    reply.header('access-control-allow-origin', '*');
    if (limiter !== null && limit !== null && req.method !== 'OPTIONS' && !limiter.take(clientKey(req.ip), Date.now())) {
      reply.header('retry-after', String(Math.ceil(60 / limit.perMinute)));
      return fail(req, reply, 429, ['查询过于频繁，请稍后再试。', 'Too many queries from this address; try again later.']);
    }
  });

  fastify.setErrorHandler(async (error, req, reply) => {
    if (error instanceof DomainError) {
      if (error.status === 404) return fail(req, reply, 404, [error.message, 'Not found in this registry (.政务 / .公益).']);
      return fail(req, reply, 400, [error.message]);
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) return fail(req, reply, 400, ['无法处理的请求。', 'The request could not be read.']);
    req.log.error({ err: error }, 'RDAP query failed');
    return fail(req, reply, 500, ['服务器内部错误。', 'Internal server error.']);
  });

  fastify.setNotFoundHandler(async (req, reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      reply.header('allow', 'GET, HEAD, OPTIONS');
      return fail(req, reply, 405, ['RDAP 只支持 GET 和 HEAD。', 'RDAP queries are GET or HEAD requests.']);
    }
    return fail(req, reply, 400, ['不是可识别的 RDAP 查询，请参阅 /help。', 'Not a recognised RDAP query; see /help.']);
  });

  fastify.options('/*', async (_req, reply) => {
    reply.header('access-control-allow-methods', 'GET, HEAD, OPTIONS').header('access-control-allow-headers', 'Accept').header('access-control-max-age', '86400');
    return reply.code(204).send();
  });

  fastify.get('/domain/*', async (req, reply) => {
    const name = (req.params as { '*': string })['*'];
    const record = await lookupDomain(opts.app, { name, zoneNameservers: nameservers });
    reply.header('cache-control', 'public, max-age=300');
    return send(reply, 200, domainResponse(record, context(req)));
  });

  fastify.get('/entity/*', async (req, reply) => {
    const handle = (req.params as { '*': string })['*'];
    if (handle === '' || handle.length > 255) return fail(req, reply, 400, ['实体标识无效。', 'Malformed entity handle.']);
    const registrant = await lookupRegistrant(opts.app, handle);
    reply.header('cache-control', 'public, max-age=300');
    return send(reply, 200, entityResponse(registrant, context(req)));
  });

  fastify.get('/help', async (req, reply) => send(reply, 200, helpResponse(context(req))));

  for (const path of notImplemented) {
    fastify.get(path, async (req, reply) =>
      fail(req, reply, 501, ['本服务不支持此类查询，请参阅 /help。', 'This query type is not implemented here; see /help.']),
    );
  }
};

/**
 * The answer to a request under the RDAP prefix that Fastify could not route (bad
 * percent-encoding such as `/rdap/domain/%E5%9B`, a parameter too long): the edge's
 * `PublicPlugin.badRequest`. An RFC 9083 400 body, `application/rdap+json`, CORS, like every
 * other RDAP answer.
 */
export function rdapBadRequest(prefix: string, settings: Pick<RdapOptions, 'baseUrl'> = {}) {
  return (req: FastifyRequest, reply: FastifyReply, app: AppContext): FastifyReply => {
    const origin = `${req.protocol}://${req.host}`;
    const c: RdapContext = { base: (settings.baseUrl ?? `${origin}${prefix}`).replace(/\/$/, ''), requestUrl: `${origin}${req.url}`, now: app.clock.now() };
    return reply
      .code(400)
      .header('access-control-allow-origin', '*')
      .type(rdapMediaType)
      .send(errorResponse(400, ['查询路径的编码无效（百分号编码须为完整的 UTF-8）。', 'Malformed query: the path is not valid percent-encoded UTF-8.'], c));
  };
}

/**
 * RDAP as the public edge mounts it (`PublicPlugin` in src/public/server.ts): the settings are
 * bound here, the `AppContext` comes from the edge.
 */
export function rdapPlugin(settings: Omit<RdapOptions, 'app'>): FastifyPluginAsync<{ app: AppContext }> {
  return async (fastify, opts) => rdapRoutes(fastify, { ...settings, app: opts.app });
}
