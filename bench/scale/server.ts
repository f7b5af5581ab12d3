/**
 * The API alone (console routes, no background work) on the benchmark's database, as a child
 * process of bench/scale.ts so the load generator does not share its event loop. Like
 * `zhengming api`, but without the start-up pass that seals personal data left in clear (the
 * national seed writes it sealed already) and with a chosen pool size.
 *
 *   BENCH_URL=postgres://… BENCH_PORT=0 BENCH_POOL=20 PERSONAL_DATA_KEYS=… npx tsx bench/scale/server.ts
 */
import { systemClock, type AppContext } from '../../src/app/context.js';
import { defaultSecurityPolicy } from '../../src/config.js';
import { parseKeyMaterial } from '../../src/crypto/keyring.js';
import { openPostgres } from '../../src/db/client.js';
import { installPersonalDataKeys } from '../../src/db/personal-data/keys.js';
import { buildServer } from '../../src/http/server.js';

const env = (name: string) => {
  const v = process.env[name];
  if (v === undefined) throw new Error(`${name} is not set`);
  return v;
};

installPersonalDataKeys(parseKeyMaterial(env('PERSONAL_DATA_KEYS'), 'PERSONAL_DATA_KEYS'));
const database = await openPostgres(env('BENCH_URL'), Number(process.env['BENCH_POOL'] ?? '20'));
const app: AppContext = { db: database.db, clock: systemClock, policy: defaultSecurityPolicy, log: { info: () => undefined, warn: (o, m) => console.error('warn', m, JSON.stringify(o)) } };
const server = await buildServer({ app, databaseKind: 'postgres', supportHotline: '8588686', cookieSecure: 'false', logLevel: 'silent' });
// How long each request took inside this process (Fastify's request → response, ms), for the
// benchmark to print beside what its clients measured on the same machine: the difference is time
// spent before the API read the request or after it answered (the load generator, the kernel,
// a busy core). Fetched and emptied by bench/scale.ts after each path; not part of the product.
let durations: { route: string; ms: number }[] = [];
server.addHook('onResponse', async (req, reply) => {
  const route = req.routeOptions.url ?? req.url;
  if (!route.startsWith('/__bench/')) durations.push({ route, ms: reply.elapsedTime });
});
server.get('/__bench/durations', async () => {
  const out = durations;
  durations = [];
  return out;
});
await server.listen({ port: Number(process.env['BENCH_PORT'] ?? '0'), host: '127.0.0.1' });
const address = server.server.address();
console.log(`listening ${typeof address === 'object' && address !== null ? address.port : ''}`);
const stop = async () => {
  await server.close();
  await database.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
