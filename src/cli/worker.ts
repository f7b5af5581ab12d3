import type { Config } from '../config.js';
import { startBackgroundWork } from '../jobs/outbox/run.js';
import { openRuntime } from './runtime.js';

const jsonLog = {
  info: (obj: object, msg: string) => console.log(JSON.stringify({ level: 'info', msg, ...obj })),
  error: (obj: object, msg: string) => console.error(JSON.stringify({ level: 'error', msg, ...obj, ...('err' in obj && obj.err instanceof Error ? { err: obj.err.message } : {}) })),
};

/** `zhengming worker`: only the background work. With PGlite it must be the only process on DATA_DIR. */
export async function runWorker(config: Config): Promise<void> {
  const { database, app } = await openRuntime(config, { info: (o, m) => jsonLog.info(o, m ?? ''), warn: (o, m) => jsonLog.error(o, m ?? '') });
  if (database.kind === 'pglite') console.warn('worker: embedded database — run only one process on this DATA_DIR');
  const work = startBackgroundWork(config, app, jsonLog);
  console.log(JSON.stringify({ level: 'info', msg: 'worker started', database: database.kind }));
  const stop = async () => {
    await work.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
