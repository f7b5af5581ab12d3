import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app/context.js';
import type { Config } from '../config.js';
import { buildServer } from '../http/server.js';

/** The console + API server as `start` and `api` serve it, from the configuration. */
export const buildConsoleServer = (config: Config, app: AppContext, databaseKind: 'pglite' | 'postgres'): Promise<FastifyInstance> =>
  buildServer({
    app,
    databaseKind,
    supportHotline: config.supportHotline,
    publicHost: config.publicHost,
    consoleUrl: config.consoleUrl,
    cookieSecure: config.cookieSecure,
    logLevel: config.logLevel,
    serveWeb: true,
    trustProxy: config.apiTrustProxy,
  });
