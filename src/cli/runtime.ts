import type { AppContext } from '../app/context.js';
import { systemClock } from '../app/context.js';
import type { Config } from '../config.js';
import { openDatabase, type Database } from '../db/client.js';

/** Opens and migrates the configured database and builds the application context on it. */
export async function openRuntime(config: Config, log: AppContext['log']): Promise<{ database: Database; app: AppContext }> {
  const database = await openDatabase(config);
  await database.migrate();
  return { database, app: { db: database.db, clock: systemClock, policy: config.security, log, edge: config.edge } };
}

export const consoleLog: AppContext['log'] = {
  info: (obj, msg) => console.log(msg ?? '', JSON.stringify(obj)),
  warn: (obj, msg) => console.warn(msg ?? '', JSON.stringify(obj)),
};
