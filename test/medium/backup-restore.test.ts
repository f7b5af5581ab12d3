import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyChain } from '../../src/app/audit/chain.js';
import { createBackup, type BackupSummary } from '../../src/app/backup/create-backup.js';
import { restoreBackup } from '../../src/app/backup/restore-backup.js';
import { exportZone } from '../../src/app/dns/zone-export.js';
import { backupFileLines, backupFileOutput } from '../../src/backup/file.js';
import { defaultSecurityPolicy } from '../../src/config.js';
import { catalogTables, nonEmptyTables, rowsOf } from '../../src/db/backup/catalog.js';
import { appliedMigrations, codeMigrations, migrateFirst } from '../../src/db/backup/migrations.js';
import { openPglite, openPostgres, type Database, type Db } from '../../src/db/client.js';
import { BackupRefused } from '../../src/domain/backup/errors.js';
import { buildServer } from '../../src/http/server.js';
import { ApiClient, useTestApp } from '../support/app.js';
import { handlerContact, useDemoWorld } from '../support/demo-world.js';
import { adminUrl } from '../support/global-setup.js';
import { freshDemoCode } from '../support/second-factor.js';

const t = useTestApp();
const w = useDemoWorld(t);

const zoneSettings = { mname: 'ns1.zhengming.example', rname: 'hostmaster.zhengming.example', ns: ['ns1.zhengming.example', 'ns2.zhengming.example'], edge: { ipv4: ['203.119.25.1'], ipv6: ['2001:dc7::1'] } };
const hints = { DNS_SOA_MNAME: zoneSettings.mname, DNS_NS: zoneSettings.ns.join(','), EDGE_IPV4: '203.119.25.1', EDGE_IPV6: '2001:dc7::1', SUPPORT_HOTLINE: '8588686' };

// Both kinds of target in one file: the PostgreSQL server is there in the PGlite run too (CI starts it).
const postgresBase = inject('postgresUrl');
const postgresUp = await (async () => {
  const c = new pg.Client({ connectionString: postgresBase, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
})();
const targetKinds = (postgresUp ? ['pglite', 'postgres'] : ['pglite']) as ('pglite' | 'postgres')[];

interface Target {
  database: Database;
  url: string | null;
  drop(): Promise<void>;
}

/** A new, empty database (no schema at all) of the given kind. */
async function emptyTarget(kind: 'pglite' | 'postgres'): Promise<Target> {
  if (kind === 'pglite') {
    const database = await openPglite({});
    return { database, url: null, drop: () => database.close() };
  }
  const name = await createPostgresDatabase();
  const url = adminUrl(postgresBase, name);
  const database = await openPostgres(url, 3);
  return {
    database,
    url,
    drop: async () => {
      await database.close();
      await dropPostgresDatabase(name);
    },
  };
}

async function createPostgresDatabase(): Promise<string> {
  // Named like test/support/db.ts's clones, so the global teardown finds leftovers.
  const name = `zm_t_${process.ppid}_r${randomBytes(4).toString('hex')}`;
  const c = new pg.Client({ connectionString: postgresBase });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  return name;
}

async function dropPostgresDatabase(name: string): Promise<void> {
  const c = new pg.Client({ connectionString: postgresBase });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
}

async function tableCounts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of await catalogTables(db)) {
    const [r] = await rowsOf<{ n: number }>(db, sql.raw(`select count(*)::int as n from "${table.name}"`));
    out[table.name] = r?.n ?? -1;
  }
  return out;
}

async function refusal(p: Promise<unknown>): Promise<BackupRefused> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, 'the restore should have been refused').toBeInstanceOf(BackupRefused);
  return err as BackupRefused;
}

const silent = { info: () => undefined, warn: () => undefined };

let dir: string;
let backupFile: string;
let summary: BackupSummary;
let applicationId: string;
let applicationView: unknown;
const zones: Record<string, string> = {};
let handlerPassword: string;

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** The backup's lines, edited, in a new file; `reseal` recomputes the hashes a forger would. */
function rewritten(name: string, edit: (lines: string[]) => string[], reseal: 'none' | 'content' | 'all' = 'none'): string {
  let lines = gunzipSync(readFileSync(backupFile)).toString('utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines = edit(lines);
  if (reseal !== 'none') {
    const trailerAt = lines.findIndex((l) => l.startsWith('{"trailer"'));
    const trailer = JSON.parse(lines[trailerAt]!) as { trailer: { tables: Record<string, { rows: number; sha256: string }>; contentSha256: string } };
    if (reseal === 'all') {
      let table = '';
      const bodies: Record<string, string> = {};
      for (const l of lines.slice(1, trailerAt)) {
        if (l.startsWith('{"table"')) table = (JSON.parse(l) as { table: string }).table;
        else bodies[table] = (bodies[table] ?? '') + l + '\n';
      }
      for (const [name, entry] of Object.entries(trailer.trailer.tables)) {
        entry.sha256 = sha(bodies[name] ?? '');
        entry.rows = (bodies[name] ?? '').split('\n').length - 1;
      }
    }
    trailer.trailer.contentSha256 = sha(lines.slice(0, trailerAt).map((l) => l + '\n').join(''));
    lines[trailerAt] = JSON.stringify(trailer);
  }
  const file = path.join(dir, name);
  writeFileSync(file, gzipSync(lines.map((l) => l + '\n').join('')));
  return file;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'zm-backup-'));
  // Real changes through the API: a 变更 approved by office and centre (history, decisions,
  // notifications, website and badge, DNS proposal), a DNS record, and their audit events.
  const handler = await w.as('jbr.nbtsg');
  handlerPassword = w.accounts.find((a) => a.username === 'jbr.nbtsg')!.password;
  const site = (await handler.get('/api/websites')).body.items[0];
  const created = await handler.post('/api/applications', {
    payload: { type: 'change', websiteId: site.id, hosting: 'self_hosted', websiteName: site.name, englishDomain: 'www.nbtsg.example.cn', ipAddresses: ['115.236.10.99'], description: site.description, handler: handlerContact },
    submit: true,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  applicationId = created.body.id;
  let version = created.body.version;
  for (const who of ['bb.330200', 'center']) {
    t.clock.advance(60_000);
    const res = await (await w.as(who)).post(`/api/applications/${applicationId}/approve`, { version });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    version = res.body.version;
  }
  const domain = (await handler.get('/api/domains')).body.items[0];
  expect((await handler.post(`/api/domains/${domain.id}/records`, { host: 'mail', type: 'A', value: '115.236.10.40' })).status).toBe(201);
  const redPage = await w.as('jbr.hzczj');
  const redDomain = (await redPage.get('/api/domains')).body.items[0];
  expect((await redPage.post(`/api/domains/${redDomain.id}/records`, { host: '邮件', type: 'MX', value: 'mx.hangzhou.gov.cn', priority: 5 })).status).toBe(201);

  applicationView = (await handler.get(`/api/applications/${applicationId}`)).body;
  for (const tld of ['政务', '公益'] as const) zones[tld] = await exportZone(t.db, tld, zoneSettings);

  backupFile = path.join(dir, 'zhengming.backup.gz');
  summary = await createBackup({ db: t.db, clock: t.clock }, { kind: t.kind, configuration: hints, secretsNotIncluded: { DNS_TSIG_KEY: false }, output: backupFileOutput(backupFile) });
}, 120_000);

// The backup files hold the test's (sealed) personal data: not left in /tmp.
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('backup', () => {
  it('holds every table of the schema with the counts of the snapshot, the history and the notifications included', async () => {
    expect(summary.auditChain.ok).toBe(true);
    expect(summary.notAudited).toBeNull();
    // The personal-data key versions the sealed values name, as the database holds them.
    const sealed = await rowsOf<{ id: string }>(t.db, sql`select distinct split_part(mobile, ':', 2) as id from users where mobile like 'sm4:%'`);
    expect(summary.personalDataKeyIds).toEqual(sealed.map((r) => Number(r.id)).sort((a, b) => a - b));
    const counts = Object.fromEntries(summary.tables.map((x) => [x.name, x.rows]));
    const now = await tableCounts(t.db);
    // The backup itself is recorded after the snapshot: one more audit event in the source.
    expect({ ...counts, audit_events: (counts['audit_events'] ?? 0) + 1 }).toEqual(now);
    for (const table of ['applications', 'application_history', 'notifications', 'dns_records', 'zone_changes', 'audit_events', 'users']) expect(counts[table], table).toBeGreaterThan(0);
    // Parents before children: a foreign key never points forward.
    const order = summary.tables.map((x) => x.name);
    for (const table of await catalogTables(t.db)) for (const ref of table.references) expect(order.indexOf(ref), `${table.name} → ${ref}`).toBeLessThan(order.indexOf(table.name));
    const [last] = await rowsOf<{ action: string; details: { sha256: string } }>(t.db, sql`select action, details from audit_events order by id desc limit 1`);
    expect(last).toMatchObject({ action: 'backup_create', details: { sha256: summary.fileSha256 } });
  });

  it('never overwrites a file, and leaves nothing behind when writing fails', async () => {
    const before = readFileSync(backupFile);
    const err = await refusal(createBackup({ db: t.db, clock: t.clock }, { kind: t.kind, configuration: {}, secretsNotIncluded: {}, output: backupFileOutput(backupFile) }));
    expect(err.code).toBe('BACKUP_OUT_EXISTS');
    expect(readFileSync(backupFile).equals(before)).toBe(true);
    const nowhere = await refusal(backupFileOutput(path.join(dir, 'no-such-dir', 'x.gz'))(async (sink) => sink.write('x')));
    expect(nowhere.code).toBe('BACKUP_OUT_UNWRITABLE');
    // The producer fails half-way (the database, say): no file under the name, no partial file.
    const halfway = path.join(dir, 'halfway.gz');
    const boom = backupFileOutput(halfway)(async (sink) => {
      for (let i = 0; i < 50_000; i++) await sink.write(`["${i}", "${'x'.repeat(64)}"]`);
      throw new Error('connection lost');
    });
    await expect(boom).rejects.toThrow('connection lost');
    expect(readdirSync(dir).filter((f) => f.includes('halfway'))).toEqual([]);
  });
});

describe('restore into an empty database', () => {
  it.each(targetKinds)('brings the system back on %s: counts, login, the application and its history, the audit chain, the zones', async (kind) => {
    const target = await emptyTarget(kind);
    let server: Awaited<ReturnType<typeof buildServer>> | undefined;
    try {
      const r = await restoreBackup(target.database, t.clock, { open: () => backupFileLines(backupFile), configuration: hints });
      expect(r.warnings).toEqual([]);
      const db = target.database.db;
      const expected = Object.fromEntries(summary.tables.map((x) => [x.name, x.rows]));
      // …plus the restore's own audit event, appended to the chain.
      expect(await tableCounts(db)).toEqual({ ...expected, audit_events: (expected['audit_events'] ?? 0) + 1 });
      const chain = await verifyChain(db);
      expect(chain).toMatchObject({ ok: true, checked: summary.auditChain.checked + 1 });
      const [restoreEvent] = await rowsOf<{ id: string; action: string; prev_hash: string }>(db, sql`select id, action, prev_hash from audit_events order by id desc limit 1`);
      expect(restoreEvent).toMatchObject({ action: 'backup_restore', prev_hash: summary.auditChain.headHash });
      expect(Number(restoreEvent!.id)).toBeGreaterThan(summary.auditChain.headId ?? 0);
      expect((await appliedMigrations(db)).length).toBe(codeMigrations().length);

      server = await buildServer({ app: { db, clock: t.clock, policy: defaultSecurityPolicy, log: silent }, databaseKind: kind, supportHotline: '8588686', cookieSecure: 'false', logLevel: 'silent' });
      await server.ready();
      const handler = new ApiClient(server);
      expect((await handler.login('jbr.nbtsg', handlerPassword)).status).toBe(200);
      expect((await handler.get(`/api/applications/${applicationId}`)).body).toEqual(applicationView);
      // A reviewer's second factor still works from the restored secret.
      const center = new ApiClient(server, (u) => freshDemoCode(db, t.clock, u));
      const centerLogin = await center.login('center', w.accounts.find((a) => a.username === 'center')!.password);
      expect(centerLogin.status).toBe(200);
      expect(centerLogin.body.restriction).toBeNull();
      for (const tld of ['政务', '公益'] as const) expect(await exportZone(db, tld, zoneSettings)).toBe(zones[tld]);

      // The sequences were carried over: new rows get new ids and the zone serial moves on.
      const domain = (await handler.get('/api/domains')).body.items[0];
      expect((await handler.post(`/api/domains/${domain.id}/records`, { host: 'www2', type: 'A', value: '115.236.10.41' })).status).toBe(201);
      expect((await verifyChain(db)).ok).toBe(true);
    } finally {
      await server?.close();
      await target.drop();
    }
  }, 120_000);

  it('can stop the migrations at a backup’s version (a backup older than this program), then run the rest', async () => {
    const target = await emptyTarget('pglite');
    try {
      const all = codeMigrations();
      await migrateFirst(target.database, all.length - 2);
      expect((await appliedMigrations(target.database.db)).map((m) => m.createdAt)).toEqual(all.slice(0, -2).map((m) => m.createdAt));
      await target.database.migrate();
      expect((await appliedMigrations(target.database.db)).map((m) => m.hash)).toEqual(all.map((m) => m.hash));
    } finally {
      await target.drop();
    }
  }, 60_000);
});

describe('restore refuses, and writes nothing', () => {
  // One new database for these refusals: each must leave it exactly as new.
  let fresh: Target;
  beforeAll(async () => {
    fresh = await emptyTarget('pglite');
  });
  afterAll(() => fresh.drop());

  async function refusedIntoFresh(file: string): Promise<BackupRefused> {
    const err = await refusal(restoreBackup(fresh.database, t.clock, { open: () => backupFileLines(file) }));
    // Not even the migrations ran: the file is checked whole before the database is touched.
    expect(await catalogTables(fresh.database.db)).toEqual([]);
    expect(await appliedMigrations(fresh.database.db)).toEqual([]);
    return err;
  }

  it('a database that is not empty (here: the source itself)', async () => {
    const before = await tableCounts(t.db);
    const source: Database = { db: t.db, kind: t.kind, migrate: () => Promise.reject(new Error('must not migrate')), close: () => Promise.resolve() };
    const err = await refusal(restoreBackup(source, t.clock, { open: () => backupFileLines(backupFile) }));
    expect(err.code).toBe('BACKUP_TARGET_NOT_EMPTY');
    expect(err.message).toMatch(/空数据库/);
    expect(await tableCounts(t.db)).toEqual(before);
  });

  it('a file with one byte flipped', async () => {
    const bytes = readFileSync(backupFile);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x5a;
    const file = path.join(dir, 'flipped.gz');
    writeFileSync(file, bytes);
    // zlib notices first (a bad block or the CRC), or the JSON breaks, or a table's hash.
    const err = await refusedIntoFresh(file);
    expect(['BACKUP_CORRUPT', 'BACKUP_HASH_MISMATCH']).toContain(err.code);
  });

  it('a row changed inside a well-formed file: the table’s SHA-256 no longer matches the manifest', async () => {
    let section = '';
    const file = rewritten('edited.gz', (lines) =>
      lines.map((l) => {
        if (l.startsWith('{"table"')) section = l;
        return section === '{"table":"users"}' ? l.replace('"jbr.nbtsg"', '"jbr.nbtsh"') : l;
      }),
    );
    const err = await refusedIntoFresh(file);
    expect(err.code).toBe('BACKUP_HASH_MISMATCH');
    expect(err.message).toContain('users');
  });

  it('a file cut short, in the compressed bytes or at a line', async () => {
    const bytes = readFileSync(backupFile);
    const cut = path.join(dir, 'cut.gz');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    expect((await refusedIntoFresh(cut)).code).toBe('BACKUP_TRUNCATED');
    const noTrailer = rewritten('no-trailer.gz', (lines) => lines.slice(0, -1));
    expect((await refusedIntoFresh(noTrailer)).code).toBe('BACKUP_TRUNCATED');
  });

  it('a backup from a newer schema', async () => {
    const file = rewritten('newer.gz', (lines) => {
      const header = JSON.parse(lines[0]!) as { migrations: { tag: string; createdAt: number; hash: string }[] };
      header.migrations.push({ tag: '9999_from_the_future', createdAt: header.migrations.at(-1)!.createdAt + 1, hash: 'a'.repeat(64) });
      return [JSON.stringify(header), ...lines.slice(1)];
    }, 'content');
    const err = await refusedIntoFresh(file);
    expect(err.code).toBe('BACKUP_SCHEMA_NEWER');
    expect(err.message).toContain('9999_from_the_future');
  });

  it('something that is not a backup', async () => {
    const file = path.join(dir, 'notes.txt');
    writeFileSync(file, 'hello\n');
    expect((await refusedIntoFresh(file)).code).toBe('BACKUP_NOT_A_BACKUP');
    expect((await refusedIntoFresh(path.join(dir, 'missing.gz'))).code).toBe('BACKUP_FILE_UNREADABLE');
  });

  it('a forged audit event, even with every hash of the file recomputed: the chain catches it and the load is rolled back whole', async () => {
    const file = rewritten('forged.gz', (lines) => {
      let inAudit = false;
      let done = false;
      return lines.map((l) => {
        if (l.startsWith('{"table"')) inAudit = l === '{"table":"audit_events"}';
        if (inAudit && !done && l.includes('"login"')) {
          done = true;
          return l.replace('"success"', '"failure"');
        }
        return l;
      });
    }, 'all');
    const target = await emptyTarget(targetKinds.at(-1)!);
    try {
      const err = await refusal(restoreBackup(target.database, t.clock, { open: () => backupFileLines(file) }));
      expect(err.code).toBe('BACKUP_AUDIT_CHAIN_MISMATCH');
      // Every row of every table had gone in before the check: none is left.
      const tables = (await catalogTables(target.database.db)).map((x) => x.name);
      expect(tables.length).toBe(summary.tables.length);
      expect(await nonEmptyTables(target.database.db, tables)).toEqual([]);
      // The migrated, empty database takes the genuine backup afterwards.
      await restoreBackup(target.database, t.clock, { open: () => backupFileLines(backupFile) });
      expect((await verifyChain(target.database.db)).ok).toBe(true);
    } finally {
      await target.drop();
    }
  }, 60_000);
});

describe('the zhengming backup and restore commands', () => {
  const cli = (args: string[], env: Record<string, string>, unset: string[] = []) => {
    const base: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'silent' };
    for (const name of ['DATABASE_URL', ...unset]) delete base[name];
    return spawnSync('npx', ['tsx', 'src/cli.ts', ...args], { env: { ...base, ...env }, encoding: 'utf8', timeout: 120_000 });
  };

  it('restore into an embedded DATA_DIR, back up from it, restore that into PostgreSQL; a second restore is refused', async () => {
    const dataDir = mkdtempSync(path.join(dir, 'data-'));
    const restored = cli(['restore', '--from', backupFile], { DATA_DIR: dataDir }, ['PERSONAL_DATA_KEYS']);
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toContain('恢复完成');
    // No key file in the new DATA_DIR: a start would make new keys that cannot open the sealed fields.
    if (summary.personalDataKeyIds.length > 0) expect(restored.stdout).toContain(`${dataDir}/personal-data-keys.json 不存在`);

    const again = path.join(dir, 'from-pglite.gz');
    const backedUp = cli(['backup', '--out', again], { DATA_DIR: dataDir });
    expect(backedUp.status, backedUp.stderr).toBe(0);
    expect(backedUp.stdout).toMatch(/sha256 [0-9a-f]{64}/);

    const refused = cli(['restore', '--from', again], { DATA_DIR: dataDir });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('BACKUP_TARGET_NOT_EMPTY');

    if (!postgresUp) return;
    const name = await createPostgresDatabase();
    try {
      const url = adminUrl(postgresBase, name);
      const intoPostgres = cli(['restore', '--from', again], { DATABASE_URL: url, DATA_DIR: dataDir });
      expect(intoPostgres.status, intoPostgres.stderr).toBe(0);
      // The test keys (PERSONAL_DATA_KEYS) hold the versions the data needs: no warning.
      expect(intoPostgres.stdout).not.toContain('个人信息密钥文件');
      expect(intoPostgres.stdout).not.toContain('缺少版本');
      const database = await openPostgres(url, 1);
      try {
        const counts = await tableCounts(database.db);
        // The original rows, the restore into PGlite and the restore into PostgreSQL (the backup
        // from PGlite is recorded there after its snapshot).
        expect(counts['audit_events']).toBe((summary.tables.find((x) => x.name === 'audit_events')?.rows ?? 0) + 2);
        expect(counts['applications']).toBe(summary.tables.find((x) => x.name === 'applications')?.rows);
        expect((await verifyChain(database.db)).ok).toBe(true);
        for (const tld of ['政务', '公益'] as const) expect(await exportZone(database.db, tld, zoneSettings)).toBe(zones[tld]);
      } finally {
        await database.close();
      }
    } finally {
      await dropPostgresDatabase(name);
    }
  }, 240_000);
});

describe('a restore killed half-way', () => {
  /** Starts `zhengming restore` held inside its load transaction after `table`, and SIGKILLs it there. */
  async function killedAfter(table: string, env: Record<string, string>): Promise<void> {
    const base: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'silent', RESTORE_TEST_PAUSE_AFTER: table };
    delete base['DATABASE_URL'];
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'restore', '--from', backupFile], { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes(`paused after ${table}`)) resolve();
      });
      void exited.then(() => reject(new Error(`restore ended before the pause: ${out}${err}`)));
    });
    // Every table before it, parents of applications included, is in the open transaction now.
    expect(err).toMatch(/loaded units: [1-9]/);
    child.kill('SIGKILL');
    await exited;
  }

  async function expectMigratedAndEmpty(database: Database) {
    const tables = (await catalogTables(database.db)).map((x) => x.name);
    expect(tables.length).toBe(summary.tables.length);
    expect(await nonEmptyTables(database.db, tables)).toEqual([]);
  }

  it.runIf(postgresUp)('on PostgreSQL: nothing of the load stays, and the same command then restores', async () => {
    const name = await createPostgresDatabase();
    const url = adminUrl(postgresBase, name);
    try {
      await killedAfter('applications', { DATABASE_URL: url, DATA_DIR: mkdtempSync(path.join(dir, 'killed-')) });
      const database = await openPostgres(url, 1);
      try {
        await expectMigratedAndEmpty(database);
        const again = await restoreBackup(database, t.clock, { open: () => backupFileLines(backupFile) });
        expect(again.rows).toBe(summary.rows);
        expect((await verifyChain(database.db)).ok).toBe(true);
      } finally {
        await database.close();
      }
    } finally {
      await dropPostgresDatabase(name);
    }
  }, 120_000);

  it('on the embedded database: reopened after the kill, it is migrated and empty', async () => {
    const dataDir = mkdtempSync(path.join(dir, 'killed-'));
    await killedAfter('applications', { DATA_DIR: dataDir });
    const database = await openPglite({ dataDir });
    try {
      await expectMigratedAndEmpty(database);
    } finally {
      await database.close();
    }
  }, 120_000);
});
