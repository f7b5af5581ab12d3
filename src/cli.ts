import { parseArgs } from 'node:util';
import { createFirstAdmin } from './cli/admin-create.js';
import { runApi } from './cli/api.js';
import { auditArchive, auditVerify } from './cli/audit.js';
import { backupCommand, restoreCommand } from './cli/backup.js';
import { printDemoCode } from './cli/demo-code.js';
import { runKeys } from './cli/keys-command.js';
import { consoleLog, openRuntime } from './cli/runtime.js';
import { runPublic } from './cli/public.js';
import { start } from './cli/start.js';
import { runWorker } from './cli/worker.js';
import { runDns } from './cli/dns.js';
import { zoneExport } from './cli/zone-export.js';
import { ConfigError, loadConfig } from './config.js';

const usage = `用法 usage: zhengming <command>
  start                         migrate, seed the demo (embedded database only), serve
  api                           serve only the console and API on PORT (no background work; PostgreSQL)
  public                        serve only the public edge on PUBLIC_PORT (stateless; PostgreSQL)
  dns                           serve only the hidden DNS primary on DNS_PORT (NOTIFY to DNS_NOTIFY)
  worker                        deliver the outbox (SMS, email) and reminders, without serving
  migrate                       apply database migrations and exit
  zone export --tld 政务|公益 [--out FILE]
                                write the TLD zone as an RFC 1035 master file
  admin create --username NAME [--display-name NAME]
                                create an admin account; prints its one-time password
  audit verify [--json] [--expect ID:HASH ...]
                                recompute the SM3 chain of the audit log; --expect: heads written down earlier
  audit archive                 move audit events older than AUDIT_RETENTION_DAYS to the archive
  keys init | status | rotate | reencrypt | retire ID
                                the personal-data keys (SM4 + HMAC-SM3): see README
  backup --out FILE             dump the whole database (one consistent snapshot, gzip) with a manifest; no secrets
  restore --from FILE           restore a backup into an EMPTY database (PGlite or PostgreSQL), checked end to end
  demo-code USERNAME            DEMO ONLY: the current 动态口令 of a demo account (from the demo accounts file)`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case 'start':
      await start(config);
      return -1;
    case 'api':
      return runApi(config);
    case 'public':
      return runPublic(config);
    case 'dns':
      await runDns(config);
      return -1;
    case 'worker':
      await runWorker(config);
      return -1;
    case 'zone': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { tld: { type: 'string' }, out: { type: 'string' } } });
      if (positionals[0] !== 'export' || (values.tld !== '政务' && values.tld !== '公益')) {
        console.error(usage);
        return 2;
      }
      return zoneExport(config, values.tld, values.out);
    }
    case 'migrate': {
      const { database } = await openRuntime(config, consoleLog, { personalData: false });
      await database.close();
      console.log('migrations applied');
      return 0;
    }
    case 'admin': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { username: { type: 'string' }, 'display-name': { type: 'string' } },
      });
      if (positionals[0] !== 'create' || values.username === undefined) {
        console.error(usage);
        return 2;
      }
      return createFirstAdmin(config, values.username, values['display-name'] ?? '系统管理员');
    }
    case 'demo-code': {
      const username = rest[0];
      if (username === undefined) {
        console.error(usage);
        return 2;
      }
      return printDemoCode(config.dataDir, username);
    }
    case 'keys':
      return runKeys(config, rest, usage);
    case 'backup':
    case 'restore': {
      const flag = command === 'backup' ? 'out' : 'from';
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { [flag]: { type: 'string' } } });
      const file = values[flag];
      if (typeof file !== 'string' || file === '' || positionals.length > 0) {
        console.error(usage);
        return 2;
      }
      return command === 'backup' ? backupCommand(config, file) : restoreCommand(config, file);
    }
    case 'audit': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { json: { type: 'boolean' }, expect: { type: 'string', multiple: true } } });
      if (positionals[0] === 'verify') return auditVerify(config, values.json === true, values.expect ?? []);
      if (positionals[0] === 'archive') return auditArchive(config);
      console.error(usage);
      return 2;
    }
    default:
      console.error(usage);
      return command === undefined || command === 'help' ? 0 : 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  },
);
