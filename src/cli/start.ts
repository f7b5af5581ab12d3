import { existsSync } from 'node:fs';
import { isEmpty, seedDemo, writeDemoAccounts, demoAccountsFile } from '../app/seed/seed-demo.js';
import { seedDemoForwarding } from '../app/seed/demo-forwarding.js';
import type { Config } from '../config.js';
import { startBackgroundWork } from '../jobs/outbox/run.js';
import { startWhoisServer } from '../whois/server.js';
import { startConfiguredPrimary } from './dns.js';
import { listenPublicEdge } from './public.js';
import { buildConsoleServer } from './console-server.js';
import { consoleLog, openRuntime } from './runtime.js';
import { AddressAllowList } from '../domain/sitecheck/address.js';

/** `zhengming start`: migrate, seed the demo on a fresh embedded database, serve. */
export async function start(config: Config): Promise<void> {
  const { database, app } = await openRuntime(config, consoleLog);
  let seeded: Awaited<ReturnType<typeof seedDemo>> | null = null;
  if (database.kind === 'pglite' && (await isEmpty(app.db))) {
    seeded = await seedDemo(app.db, app.clock.now());
    await seedDemoForwarding(app);
    await writeDemoAccounts(config.dataDir, seeded);
  }
  const server = await buildConsoleServer(config, app, database.kind);
  const background = startBackgroundWork(config, app, server.log);
  // The hidden primary: the TLD zones, kept in step with the zone journal; NOTIFY to DNS_NOTIFY.
  const primary = await startConfiguredPrimary(config, app.db, server.log);
  await server.listen({ port: config.port, host: config.host });
  const pub = await listenPublicEdge(config, app);
  const whois = await startWhoisServer({ host: config.host, port: config.whoisPort, app, nameservers: config.zone.ns, proxyProtocolFrom: AddressAllowList.parse(config.whoisProxyProtocolFrom), log: server.log });
  const url = `http://${config.host}:${config.port}/`;
  const lines = [
    '',
    '正名 Zhengming — 网上名称注册管理系统',
    `  控制台 console:   ${url}`,
    `  API 文档 docs:    ${url}api/docs`,
    `  公共服务 public:  ${pub.url} (网络红页 /redpage/<域名>, 标识 /badge/<id>.js, 核验 /verify/<id>, 查询 /search)`,
    `  DNS 主服务器:     ${config.host}:${primary.server.port} (UDP/TCP, zones xn--zfr164b 政务 and xn--55qw42g 公益)`,
    `  WHOIS / RDAP:     ${config.host}:${whois.port} (whois -h ${config.host} -p ${whois.port} <域名>); ${pub.url}rdap/domain/<域名>`,
    `  数据库 database:  ${database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
  ];
  if (seeded !== null) {
    lines.push('', '演示账户 demo accounts (shown once; also in ' + demoAccountsFile(config.dataDir) + '):');
    for (const a of seeded) lines.push(`  ${a.role.padEnd(16)} ${a.username.padEnd(14)} ${a.password}  ${a.scope}${a.totpSecret === null ? '' : `  TOTP ${a.totpSecret}`}`);
    lines.push(
      '',
      '二次验证 second factor (DEMO ONLY secrets above): reviewers, admin and auditor are asked for a 动态口令 after the',
      'password. Add the TOTP secret to an authenticator app (SHA-1, 6 digits, 30 s), or print the current code with',
      '  npx zhengming demo-code <username>      (each code works once; wait for the next one to log in again)',
    );
  } else if (database.kind === 'pglite' && existsSync(demoAccountsFile(config.dataDir))) {
    lines.push('', `演示账户 demo accounts: see ${demoAccountsFile(config.dataDir)}`);
  }
  console.log(lines.join('\n') + '\n');

  const stop = async () => {
    await background.stop();
    await primary.close();
    await pub.edge.close();
    await whois.close();
    await server.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
