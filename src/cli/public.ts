import type { AppContext } from '../app/context.js';
import type { Config } from '../config.js';
import { buildPublicServer, type PublicPlugin } from '../public/server.js';
import { systemClock } from '../app/context.js';
import { openDatabase } from '../db/client.js';
import { rdapBadRequest, rdapPlugin } from '../rdap/plugin.js';
import { startWhoisServer } from '../whois/server.js';
import { consoleLog } from './runtime.js';
import { AddressAllowList } from '../domain/sitecheck/address.js';

/**
 * The plugins mounted on the public edge (RDAP under `/rdap`). Add yours here: `npm start` and
 * `zhengming public` both build the edge through `listenPublicEdge`.
 */
export const publicPlugins = (config: Config): PublicPlugin[] => [
  { prefix: '/rdap', plugin: rdapPlugin({ nameservers: config.zone.ns }), badRequest: rdapBadRequest('/rdap') },
];

/** Builds the public edge and listens on PUBLIC_PORT; returns it and the URL visitors use. */
export async function listenPublicEdge(config: Config, app: AppContext) {
  const edge = await buildPublicServer({
    app,
    publicHost: config.publicHost,
    logLevel: config.logLevel,
    plugins: publicPlugins(config),
    trustProxy: config.publicEdge.trustProxy.length === 0 ? false : config.publicEdge.trustProxy,
    cacheTtlMs: config.publicEdge.cacheTtlMs,
  });
  await edge.listen({ port: config.publicPort, host: config.host });
  return { edge, url: `http://${config.publicHost}/` };
}

/**
 * `zhengming public`: only the public edge — HTTP on PUBLIC_PORT (网络红页, badge, verification,
 * URL转发, search, 举报, RDAP) and WHOIS on WHOIS_PORT — stateless (no migrations, no seeding, no
 * workers), for scale-out behind a load balancer (TCP 43 → WHOIS_PORT as well as HTTP). It needs
 * PostgreSQL: the embedded database belongs to `start`.
 */
export async function runPublic(config: Config): Promise<number> {
  if (config.databaseUrl === undefined) {
    console.error('zhengming public 需要 DATABASE_URL (PostgreSQL)；嵌入式数据库请用 zhengming start，它已包含公共服务。');
    return 2;
  }
  const database = await openDatabase(config);
  const app: AppContext = { db: database.db, clock: systemClock, policy: config.security, log: consoleLog, edge: config.edge };
  const { edge, url } = await listenPublicEdge(config, app);
  const whois = await startWhoisServer({ host: config.host, port: config.whoisPort, app, nameservers: config.zone.ns, proxyProtocolFrom: AddressAllowList.parse(config.whoisProxyProtocolFrom), log: edge.log });
  console.log(
    [
      `正名 Zhengming — 公共服务 public edge: ${url} (listening on ${config.host}:${config.publicPort}; RDAP ${url}rdap/)`,
      `  WHOIS: ${config.host}:${whois.port} (whois -h ${config.host} -p ${whois.port} <域名>)`,
    ].join('\n'),
  );
  const stop = async () => {
    await edge.close();
    await whois.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return -1;
}
