import type { Config } from '../config.js';
import { buildConsoleServer } from './console-server.js';
import { consoleLog, openRuntime } from './runtime.js';

/**
 * `zhengming api`: only the console and its API on PORT — no outbox worker, reminders, patrol,
 * DNS primary or public edge (run `worker`, `dns` and `public` for those). Any number of these
 * behind a load balancer share one PostgreSQL: sessions, CSRF tokens, login failures and locks,
 * one-time codes, the TOTP step last accepted and every rate limit of the API live in the
 * database, and concurrent decisions meet on row versions (409), not in a process's memory.
 * It needs PostgreSQL: the embedded database belongs to `start`.
 */
export async function runApi(config: Config): Promise<number> {
  if (config.databaseUrl === undefined) {
    console.error('zhengming api 需要 DATABASE_URL (PostgreSQL)；嵌入式数据库请用 zhengming start，它已包含控制台与 API。');
    return 2;
  }
  // Migrates (under a lock, so several processes may start at once) like every serving command.
  const { database, app } = await openRuntime(config, consoleLog);
  const server = await buildConsoleServer(config, app, database.kind);
  await server.listen({ port: config.port, host: config.host });
  console.log(`正名 Zhengming — 控制台与 API console/API: http://${config.host}:${config.port}/ (PostgreSQL; no background work in this process)`);
  const stop = async () => {
    await server.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return -1;
}
