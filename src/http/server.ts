import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.js';
import { installAuth } from './auth.js';
import { installErrorHandling, routeNotFound } from './errors.js';
import type { RouteDeps } from './router.js';
import { accountRoutes } from './routes/account.js';
import { adminUserRoutes } from './routes/admin-users.js';
import { applicationRoutes } from './routes/applications.js';
import { messageRoutes } from './routes/messages.js';
import { printRoutes } from './routes/print.js';
import { publicReportRoutes } from './routes/public-reports.js';
import { dnsRoutes } from './routes/dns.js';
import { workflowSettingsRoutes } from './routes/workflow-settings.js';
import { recordRoutes } from './routes/records.js';
import { sessionRoutes } from './routes/session.js';
import { siteCheckRoutes } from './routes/site-checks.js';
import { installSecurityHeaders } from './security-headers.js';
import { installWeb, isClientRoute } from './web.js';
import { requestLogSerializer } from './log-redaction.js';
import { auditSealerFor } from '../app/audit/sealer.js';

/** A registered route as the route guards see it (for the test that enumerates them). */
export interface RouteSummary {
  method: string;
  url: string;
  auth: 'public' | 'session';
}
const registered = new WeakMap<FastifyInstance, RouteSummary[]>();
/** Every route of a server built by `buildServer`, HEAD routes left out. */
export const routesOf = (fastify: FastifyInstance): RouteSummary[] => registered.get(fastify) ?? [];

export interface ServerOptions {
  app: AppContext;
  databaseKind: 'pglite' | 'postgres';
  supportHotline: string;
  publicHost?: string;
  /** Base of links printed on forms (QR codes); defaults to the request's own origin in tests. */
  consoleUrl?: string;
  cookieSecure: 'true' | 'false' | 'auto';
  logLevel?: string;
  /** Serve the built console from web/dist (off in API tests). */
  serveWeb?: boolean;
  /** Proxies (addresses, CIDRs) whose X-Forwarded-For gives the client's address (API_TRUST_PROXY); none: the socket's. */
  trustProxy?: string[];
  /** Where the request log goes (tests read it); stdout by default. */
  logStream?: { write(line: string): void };
}

/** The console + API process: Fastify with zod schemas, sessions, OpenAPI and the built console. */
export async function buildServer(o: ServerOptions): Promise<FastifyInstance> {
  const fastify = Fastify({
    logger: {
      level: o.logLevel ?? 'info',
      redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'],
      // Search boxes carry personal data (an admin's `?q=<mobile>`): query values are redacted.
      serializers: { req: requestLogSerializer },
      ...(o.logStream === undefined ? {} : { stream: o.logStream }),
    },
    bodyLimit: 256 * 1024,
    // Behind a load balancer the audit log and the per-address limits need the client's address.
    trustProxy: o.trustProxy === undefined || o.trustProxy.length === 0 ? false : o.trustProxy,
    routerOptions: { maxParamLength: 200 },
  });
  const routes: RouteSummary[] = [];
  registered.set(fastify, routes);
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url, auth: route.config?.auth === 'public' ? 'public' : 'session' });
    }
  });
  installSecurityHeaders(fastify, { cookieSecure: o.cookieSecure });
  fastify.setValidatorCompiler(validatorCompiler);
  fastify.setSerializerCompiler(serializerCompiler);
  // Only JSON bodies: a cross-site HTML form cannot send one, which closes login CSRF.
  fastify.removeContentTypeParser('text/plain');
  installErrorHandling(fastify);
  await fastify.register(fastifyCookie);
  await fastify.register(fastifySwagger, {
    openapi: {
      info: { title: '正名 Zhengming — 网上名称注册管理系统 API', version: '0.1.0' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'zm_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await fastify.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  const cookieOptions = (req: FastifyRequest) => ({
    httpOnly: true as const,
    sameSite: 'strict' as const,
    path: '/' as const,
    secure: o.cookieSecure === 'true' || (o.cookieSecure === 'auto' && req.protocol === 'https'),
  });
  installAuth(fastify, o.app, cookieOptions);
  // An audited change has committed by the time its answer is sent: the sealer chains its event
  // now, off the request's path (app/audit/sealer.ts). Reads that audit (the auditor's export) are
  // left to the next nudge or the worker's sweep.
  const sealer = auditSealerFor(o.app.db, o.app.log);
  fastify.addHook('onResponse', async (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') sealer.nudge();
  });
  fastify.addHook('onClose', () => sealer.idle());
  const deps: RouteDeps = { app: o.app, supportHotline: o.supportHotline, publicHost: o.publicHost ?? '127.0.0.1:8081', consoleUrl: o.consoleUrl ?? 'http://127.0.0.1:8080', cookieOptions };
  const r = fastify.withTypeProvider<ZodTypeProvider>();
  r.get('/healthz', { config: { auth: 'public' }, schema: { hide: true } }, async () => {
    await o.app.db.execute('select 1');
    return { status: 'ok', database: o.databaseKind };
  });
  r.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => fastify.swagger());
  sessionRoutes(r, deps);
  accountRoutes(r, deps);
  adminUserRoutes(r, deps);
  recordRoutes(r, deps);
  applicationRoutes(r, deps);
  workflowSettingsRoutes(r, deps);
  messageRoutes(r, deps);
  printRoutes(r, deps);
  publicReportRoutes(r, deps);
  dnsRoutes(r, deps);
  siteCheckRoutes(r, deps);

  const consolePage = o.serveWeb === true ? await installWeb(fastify) : null;
  fastify.setNotFoundHandler((req, reply) => {
    if (consolePage !== null && isClientRoute(req.method, req.url)) return consolePage(reply);
    return reply.code(404).send(routeNotFound(req.method, req.url));
  });
  return fastify;
}
