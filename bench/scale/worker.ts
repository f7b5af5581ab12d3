/**
 * The background work (outbox delivery, the reviewers' messages addressed, the audit chain's
 * sealing sweep, reminders) on the benchmark's database, as a child process of bench/scale.ts
 * with `--worker`: like `zhengming worker`, without its start-up pass over personal data (the
 * national seed writes it sealed already). SMS and email go to DATA_DIR/outbox.log (the `log`
 * senders), so what is measured is the system's own work, not a provider's.
 *
 *   BENCH_URL=postgres://… PERSONAL_DATA_KEYS=… DATA_DIR=/tmp/… npx tsx bench/scale/worker.ts
 */
import { systemClock, type AppContext } from '../../src/app/context.js';
import { defaultSecurityPolicy, loadConfig } from '../../src/config.js';
import { parseKeyMaterial } from '../../src/crypto/keyring.js';
import { openPostgres } from '../../src/db/client.js';
import { installPersonalDataKeys } from '../../src/db/personal-data/keys.js';
import { startBackgroundWork } from '../../src/jobs/outbox/run.js';

const env = (name: string) => {
  const v = process.env[name];
  if (v === undefined) throw new Error(`${name} is not set`);
  return v;
};

installPersonalDataKeys(parseKeyMaterial(env('PERSONAL_DATA_KEYS'), 'PERSONAL_DATA_KEYS'));
const { SMTP_HOST: _smtp, ...rest } = process.env; // unset: emails go to the log
const config = loadConfig({ ...rest, DATABASE_URL: env('BENCH_URL'), SMS_PROVIDER: 'log' });
const database = await openPostgres(env('BENCH_URL'), 4);
const app: AppContext = { db: database.db, clock: systemClock, policy: defaultSecurityPolicy, log: { info: () => undefined, warn: (o, m) => console.error('warn', m, JSON.stringify(o)) } };
let sent = 0;
const work = startBackgroundWork(config, app, {
  info: () => {
    sent++;
  },
  error: (o, m) => console.error('worker', m, JSON.stringify(o)),
});
console.log('worker started');
const stop = async () => {
  await work.stop();
  await database.close();
  console.log(`worker stopped after ${sent} messages`);
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
