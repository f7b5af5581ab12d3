import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { parseNotifyTargets } from '../dns/notify.js';
import { startPrimary, type Primary } from '../dns/primary.js';
import type { DnsLog } from '../dns/server.js';
import { parseTsigKey } from '../dns/tsig.js';
import { ConfigError } from '../config.js';
import { openRuntime } from './runtime.js';

/** The hidden primary as the configuration describes it (DNS_*, EDGE_*). */
export function startConfiguredPrimary(config: Config, db: Db, log: DnsLog): Promise<Primary> {
  let tsigKey;
  let notify;
  try {
    tsigKey = config.dnsTsigKey === undefined ? undefined : parseTsigKey(config.dnsTsigKey);
    notify = parseNotifyTargets(config.dnsNotify);
  } catch (e) {
    throw new ConfigError(`配置错误 (invalid configuration): ${e instanceof Error ? e.message : String(e)}`);
  }
  return startPrimary({
    db,
    settings: { ...config.zone, edge: config.edge },
    host: config.host,
    port: config.dnsPort,
    transferAllow: config.dnsTransferAllow,
    ...(tsigKey === undefined ? {} : { tsigKey }),
    notify,
    pollMs: config.dnsPollMs,
    log,
  });
}

const jsonLog: DnsLog = {
  info: (obj, msg) => console.log(JSON.stringify({ level: 'info', msg, ...obj })),
  warn: (obj, msg) => console.error(JSON.stringify({ level: 'warn', msg, ...obj })),
};

/** `zhengming dns`: only the hidden primary (PostgreSQL; with PGlite, only one process may open DATA_DIR). */
export async function runDns(config: Config): Promise<void> {
  const { database, app } = await openRuntime(config, jsonLog, { personalData: false });
  const primary = await startConfiguredPrimary(config, app.db, jsonLog);
  jsonLog.info({ host: config.host, port: primary.server.port, database: database.kind }, 'DNS primary started');
  const stop = async () => {
    await primary.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
