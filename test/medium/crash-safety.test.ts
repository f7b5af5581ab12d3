import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DecodedPacket } from 'dns-packet';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { approveApplication } from '../../src/app/applications/commands.js';
import { createApplication } from '../../src/app/applications/create-application.js';
import { verifyChain } from '../../src/app/audit/chain.js';
import { systemClock, type AppContext, type Ctx } from '../../src/app/context.js';
import { buildZone } from '../../src/app/dns/zone-export.js';
import { expandFanouts } from '../../src/app/notifications/fan-out.js';
import { defaultSecurityPolicy } from '../../src/config.js';
import { openPglite, type Database, type Db } from '../../src/db/client.js';
import { domains } from '../../src/db/schema/index.js';
import type { ApplicationPayload } from '../../src/domain/applications/payload.js';
import type { Actor } from '../../src/domain/access/actor.js';
import type { ZoneRecord } from '../../src/domain/dns/zone.js';
import { toAce } from '../../src/domain/validators/chinese-domain.js';
import { cloneTestDatabase } from '../support/db.js';
import { handlerContact } from '../support/demo-world.js';
import { axfrDone, queryPacket, rcodeOf, tcpExchange } from '../support/dns/client.js';
import { freePort } from '../support/dns/knot.js';
import { zoneSettings } from '../support/dns/primary.js';
import { buildUnit, buildUser, ensureRegion, type BuiltUser } from '../support/factories.js';
import { HttpSession, spawnCli, stopAll, until, waitForHttp, type CliProcess } from '../support/processes.js';
import { codeAt } from '../support/second-factor.js';

/**
 * `zhengming start` killed with SIGKILL in the middle of a batch approval (each item its own
 * transaction) and of a stream of DNS changes, then started again on the same database: on
 * PGlite the same DATA_DIR (PGlite's own crash recovery), on PostgreSQL this file's database.
 * Every application is either untouched or fully decided, every DNS change fully there or
 * absent, and the restarted primary serves the zone the database describes, at the journal's serial.
 */
const kind = inject('testDb');
const apps = 120;
const dnsDomains = 4;
const apex = 'xn--55qw42g'; // 公益
const silent = { info: () => undefined, warn: () => undefined };

let database: Database;
let drop: () => Promise<void> = async () => undefined;
let dataDir = '';
let databaseUrl: string | null = null;
const processes: CliProcess[] = [];
let center: BuiltUser;
const dnsHandlers: { user: BuiltUser; domainId: string }[] = [];
/** Per application, what the database held before the crash. */
const before = new Map<string, { version: number; domainId: string; history: number; audit: number; messages: number; decisions: number }>();

const rows = async <R>(db: Db, query: string): Promise<R[]> => ((await db.execute(query)) as unknown as { rows: R[] }).rows;
const count = async (db: Db, query: string): Promise<number> => Number((await rows<{ n: string }>(db, `select count(*)::text as n from ${query}`))[0]?.n ?? 0);

const actorOf = (u: BuiltUser, regionPath: string | null = null): Actor => ({ id: u.id, username: u.username, role: u.role, unitId: u.unitId, regionCode: u.regionCode, regionPath });
const meta = { ip: null, userAgent: 'crash-safety test' };

async function domainFor(db: Db, unitId: string, i: number) {
  const name = `崩溃测试${i}${Math.random().toString(36).slice(2, 6)}.公益`;
  const ace = toAce(name);
  if (ace === null) throw new Error(`bad domain ${name}`);
  const now = new Date();
  const [row] = await db.insert(domains).values({ unitId, name, ace, tld: '公益', registeredAt: now, expiresAt: new Date(now.getTime() + 365 * 86_400_000) }).returning();
  if (row === undefined) throw new Error('no domain');
  return row;
}

/** `apps` 新开办 (网络红页) applications of 事业单位 in 杭州市, through the use cases, up to 中心审核. */
async function prepare(db: Db) {
  const app: AppContext = { db, clock: systemClock, policy: defaultSecurityPolicy, log: silent, edge: zoneSettings.edge };
  const region = await ensureRegion(db, '330100');
  const office = await buildUser(db, { role: 'office_reviewer', regionCode: '330100' });
  center = await buildUser(db, { role: 'center_reviewer' });
  const officeCtx: Ctx = { ...app, actor: actorOf(office, region.path), meta };
  for (let i = 0; i < apps; i++) {
    const unit = await buildUnit(db, { type: 'public_institution', regionCode: '330100' });
    const domain = await domainFor(db, unit.id, i);
    const handler = await buildUser(db, { role: 'handler', unitId: unit.id });
    const payload = {
      type: 'new_site',
      domainId: domain.id,
      hosting: 'red_page',
      websiteName: unit.name,
      description: `本网站由${unit.name}主办，面向社会公开工作动态。`,
      handler: handlerContact,
    } as ApplicationPayload;
    const created = await createApplication({ ...app, actor: actorOf(handler), meta }, { payload, submit: true });
    const atCenter = await approveApplication(officeCtx, { id: created.id, version: created.version });
    expect(atCenter.status).toBe('pending_center');
    before.set(created.id, { version: atCenter.version, domainId: domain.id, history: 0, audit: 0, messages: 0, decisions: 0 });
  }
  for (let i = 0; i < dnsDomains; i++) {
    const unit = await buildUnit(db, { type: 'public_institution', regionCode: '330100' });
    const domain = await domainFor(db, unit.id, 1000 + i);
    dnsHandlers.push({ user: await buildUser(db, { role: 'handler', unitId: unit.id }), domainId: domain.id });
  }
  // The centre's arrival messages are addressed now, as a worker would: the counts below are then final.
  while ((await expandFanouts(app)).addressed > 0);
  for (const [id, b] of before) {
    b.history = await count(db, `application_history where application_id = '${id}'`);
    b.audit = await count(db, `audit_events where target_id = '${id}'`);
    b.messages = await count(db, `notifications where application_id = '${id}'`);
    b.decisions = await count(db, `review_decisions where application_id = '${id}'`);
  }
}

/** The environment of `zhengming start` on this file's database, with ports of its own. */
async function startEnv() {
  const [port, publicPort, dnsPort, whoisPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  return {
    env: {
      ...(databaseUrl === null ? {} : { DATABASE_URL: databaseUrl }),
        DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_PORT: String(publicPort),
      DNS_PORT: String(dnsPort),
      WHOIS_PORT: String(whoisPort),
      COOKIE_SECURE: 'false',
      DNS_SOA_MNAME: zoneSettings.mname,
      DNS_SOA_RNAME: zoneSettings.rname,
      DNS_NS: zoneSettings.ns.join(','),
      EDGE_IPV4: zoneSettings.edge.ipv4.join(','),
      EDGE_IPV6: zoneSettings.edge.ipv6.join(','),
      SITECHECK_PATROL_INTERVAL_HOURS: '0',
    },
    base: `http://127.0.0.1:${port}`,
    dnsPort,
  };
}

async function startServer(name: string) {
  const { env, base, dnsPort } = await startEnv();
  const p = spawnCli(name, ['start'], env);
  processes.push(p);
  await waitForHttp(p, `${base}/healthz`, 120_000);
  return { p, base, dnsPort };
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'zm-crash-'));
  if (kind === 'postgres') {
    const clone = await cloneTestDatabase();
    database = clone.database;
    databaseUrl = clone.url;
    drop = clone.drop;
  } else {
    database = await openPglite({ dataDir });
    await database.migrate();
  }
  await prepare(database.db);
  // PGlite: the data directory belongs to one process at a time.
  if (kind === 'pglite') await database.close();
}, 300_000);

afterAll(async () => {
  await stopAll(processes);
  await drop();
});

/** Every RR of an AXFR but the SOA, as comparable lines. */
function axfrLines(msgs: DecodedPacket[]): { soaSerial: number; lines: string[] } {
  let soaSerial = -1;
  const lines: string[] = [];
  for (const a of msgs.flatMap((m) => m.answers ?? [])) {
    if (a.type === 'SOA') {
      soaSerial = a.data.serial ?? -1;
      continue;
    }
    if (a.type === 'OPT') continue;
    lines.push(`${a.name.toLowerCase()} ${a.type} ${a.ttl ?? 0} ${show(a.data)}`);
  }
  return { soaSerial, lines: [...new Set(lines)].sort() };
}

function show(data: unknown): string {
  if (typeof data === 'string') return data.toLowerCase();
  if (Array.isArray(data)) return data.map((d) => (Buffer.isBuffer(d) ? d.toString('utf8') : String(d))).join('');
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (data !== null && typeof data === 'object' && 'exchange' in data && 'preference' in data) return `${String(data.preference)} ${String(data.exchange).toLowerCase()}`;
  return JSON.stringify(data);
}

const zoneLines = (records: ZoneRecord[], ns: string[], nsTtl: number) =>
  [...new Set([...records.map((r) => `${r.owner.toLowerCase()} ${r.type} ${r.ttl} ${show(r.data)}`), ...ns.map((n) => `${apex} NS ${nsTtl} ${n.toLowerCase()}`)])].sort();

describe('a server killed in the middle of a batch approval and DNS changes', () => {
  it('leaves every application untouched or fully decided, every DNS change whole or absent, and a zone at the journal’s serial', async () => {
    const first = await startServer('start (to be killed)');
    const reviewer = new HttpSession();
    const login = await reviewer.login(first.base, center.username, center.password, async () => codeAt(center.totpSecret ?? '', new Date()));
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    const handlers = await Promise.all(
      dnsHandlers.map(async (h) => {
        const s = new HttpSession();
        expect((await s.login(first.base, h.user.username, h.user.password)).status).toBe(200);
        return { s, domainId: h.domainId };
      }),
    );

    const ids = [...before.entries()];
    const batches = [ids.slice(0, 40), ids.slice(40, 80), ids.slice(80)].map((part) =>
      reviewer.post(first.base, '/api/review/batch-approve', { items: part.map(([id, b]) => ({ id, version: b.version })) }).catch(() => null),
    );
    let killed = false;
    // DNS changes: each 经办人 adds records one after another until the process dies.
    const dnsLoops = handlers.map(async ({ s, domainId }, h) => {
      for (let i = 0; !killed; i++) {
        const res = await s.post(first.base, `/api/domains/${domainId}/records`, { host: `h${i}`, type: 'A', value: `60.190.${80 + h}.${(i % 250) + 1}` }).catch(() => null);
        if (res === null) return;
        expect(res.status, JSON.stringify(res.body)).toBe(201);
      }
    });
    // Kill once some applications are decided and many are not (the queue is read through the
    // server itself: on PGlite nothing else may open the database).
    await until(
      'part of the batch decided',
      async () => {
        const q = await reviewer.get(first.base, '/api/review/queue?step=center&limit=200');
        return q.status === 200 && q.body.items.length <= apps - 30;
      },
      120_000,
      20,
    );
    await first.p.stop('SIGKILL');
    killed = true;
    await Promise.all([...batches, ...dnsLoops]);

    // Started again on the same data: PGlite recovers its directory, PostgreSQL its database.
    const second = await startServer('start (after the crash)');
    const axfr = await tcpExchange(second.dnsPort, [queryPacket(apex, 'AXFR')], axfrDone, 20_000);
    expect(rcodeOf(axfr[0]!)).toBe(0);
    await second.p.stop('SIGTERM');
    expect(await second.p.exited, second.p.output()).toBe(0);

    const db = kind === 'pglite' ? (database = await openPglite({ dataDir })).db : database.db;
    try {
      await checkInvariants(db, axfrLines(axfr));
    } finally {
      if (kind === 'pglite') await database.close();
    }
  }, 600_000);
});

async function checkInvariants(db: Db, served: { soaSerial: number; lines: string[] }) {
  let decided = 0;
  for (const [id, b] of before) {
    const [app] = await rows<{ status: string; version: number; website_id: string | null }>(db, `select status, version, website_id from applications where id = '${id}'`);
    const history = await count(db, `application_history where application_id = '${id}'`);
    const audit = await count(db, `audit_events where target_id = '${id}'`);
    const messages = await count(db, `notifications where application_id = '${id}'`);
    const decisions = await count(db, `review_decisions where application_id = '${id}'`);
    const sites = await rows<{ id: string; status: string; badge_number: string | null; red_page_published_at: unknown }>(
      db,
      `select id, status, badge_number, red_page_published_at from websites where domain_id = '${b.domainId}'`,
    );
    const journal = await rows<{ serial: number; change: { reason?: string } }>(db, `select serial, change from zone_changes where domain_id = '${b.domainId}'`);
    if (app?.status === 'pending_center') {
      expect({ version: app.version, history, audit, messages, decisions, sites: sites.length, journal: journal.length, website: app.website_id }, `untouched ${id}`).toEqual({
        version: b.version,
        history: b.history,
        audit: b.audit,
        messages: b.messages,
        decisions: b.decisions,
        sites: 0,
        journal: 0,
        website: null,
      });
      continue;
    }
    decided += 1;
    expect(app?.status, id).toBe('approved');
    expect({ version: app?.version, history, audit, decisions }, `decided ${id}`).toEqual({ version: b.version + 1, history: b.history + 1, audit: b.audit + 1, decisions: b.decisions + 1 });
    const [last] = await rows<{ event: string; from_status: string; to_status: string }>(db, `select event, from_status, to_status from application_history where application_id = '${id}' order by at desc, id desc limit 1`);
    expect(last).toEqual({ event: 'approve', from_status: 'pending_center', to_status: 'approved' });
    const [event] = await rows<{ action: string; details: { to?: string } }>(db, `select action, details from audit_events where target_id = '${id}' order by id desc limit 1`);
    expect(event?.action).toBe('application_approve');
    expect(event?.details.to).toBe('approved');
    // 审核通过 tells the 经办人 by inbox, SMS and email.
    const told = await rows<{ channel: string }>(db, `select channel from notifications where application_id = '${id}' and template = 'application_approved' order by channel`);
    expect(told.map((r) => r.channel)).toEqual(['email', 'inbox', 'sms']);
    expect(messages).toBe(b.messages + 3);
    // The approval's effects: the website and its badge, the red page, the zone journal entry.
    expect(sites).toHaveLength(1);
    expect(sites[0]).toMatchObject({ id: app?.website_id, status: 'active' });
    expect(sites[0]?.badge_number).not.toBeNull();
    expect(sites[0]?.red_page_published_at).not.toBeNull();
    expect(journal.map((j) => j.change.reason)).toEqual(['red_page_published']);
  }
  // The kill came in the middle: otherwise this test proved nothing.
  expect(decided).toBeGreaterThan(0);
  expect(decided).toBeLessThan(apps);

  // Every DNS change is whole: its records, its journal entry (with a serial) and its audit event.
  let changes = 0;
  for (const h of dnsHandlers) {
    const records = await rows<{ host: string; value: string }>(db, `select host, value from dns_records where domain_id = '${h.domainId}'`);
    const journal = await rows<{ serial: number; change: { added?: unknown[]; removed?: unknown[] } }>(db, `select serial, change from zone_changes where domain_id = '${h.domainId}' order by id`);
    const audited = await rows<{ details: { serial?: number } }>(db, `select details from audit_events where action = 'dns_record_add' and target_id = '${h.domainId}' order by id`);
    expect(journal.map((j) => [j.change.added?.length, j.change.removed?.length ?? 0])).toEqual(records.map(() => [1, 0]));
    expect(audited.map((a) => Number(a.details.serial))).toEqual(journal.map((j) => Number(j.serial)));
    // The hosts are h0, h1, … with no gap: each add either committed whole or not at all, in order.
    expect(records.map((r) => r.host).sort()).toEqual(records.map((_, i) => `h${i}`).sort());
    changes += records.length;
  }
  expect(changes).toBeGreaterThan(0);

  // The journal's serials rise with its ids, and the zone's serial is the latest of them.
  const serials = (await rows<{ serial: number }>(db, `select serial from zone_changes where zone = '${apex}' order by id`)).map((r) => Number(r.serial));
  expect(serials.every((s, i) => i === 0 || s > (serials[i - 1] ?? 0))).toBe(true);
  const [zoneRow] = await rows<{ serial: number }>(db, `select serial from zones where apex = '${apex}'`);
  expect(Number(zoneRow?.serial)).toBe(serials.at(-1));

  // The restarted primary served exactly the zone the database describes, at that serial.
  const zone = await buildZone(db, '公益', zoneSettings);
  expect(served.soaSerial).toBe(zone.soa.serial);
  expect(served.soaSerial).toBe(serials.at(-1));
  const nsTtl = Number(/^\S+ NS (\d+) /.exec(served.lines.find((l) => l.startsWith(`${apex} NS `)) ?? '')?.[1] ?? -1);
  expect(served.lines).toEqual(zoneLines(zone.records, zone.ns, nsTtl));
  // Each decided application's red page answers at its name and www.
  expect(served.lines.filter((l) => / A \d+ 203\.119\.25\.1$/.test(l)).length).toBeGreaterThanOrEqual(2 * decided);

  // The audit log's hash chain is unbroken across the crash.
  const chain = await verifyChain(db);
  expect(chain.ok).toBe(true);
}
