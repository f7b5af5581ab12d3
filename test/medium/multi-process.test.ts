import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrationsFolder } from '../../src/db/client.js';
import { domains } from '../../src/db/schema/index.js';
import { templates } from '../../src/domain/notifications/templates.js';
import { toAce } from '../../src/domain/validators/chinese-domain.js';
import { messageIdFor } from '../../src/jobs/email/smtp.js';
import { ALIYUN_OUT_ID_MAX } from '../../src/jobs/sms/aliyun.js';
import { providerKey } from '../../src/jobs/sms/common.js';
import { useTestApp } from '../support/app.js';
import { handlerContact } from '../support/demo-world.js';
import { freePort } from '../support/dns/knot.js';
import { adminUrl } from '../support/global-setup.js';
import { buildUnit, buildUser, type BuiltUser } from '../support/factories.js';
import { startFakeAliyun } from '../support/fake-sms/aliyun.js';
import { HttpSession, spawnCli, stopAll, until, waitForHttp, type CliProcess, type HttpResponse } from '../support/processes.js';
import { freshDemoCode } from '../support/second-factor.js';
import { startSmtpInbox, type SmtpInbox } from '../support/smtp-inbox.js';

/**
 * Two `api`, two `public` and two `worker` processes on one PostgreSQL (PGlite is one process's
 * database, so this runs on PostgreSQL only): sessions, login failures and one-time codes are
 * shared, decisions made through both API processes at once never overwrite each other, every
 * notification leaves exactly once, and both edges publish the result.
 */
const onPostgres = inject('testDb') === 'postgres';
const t = useTestApp();
const realClock = { now: () => new Date() };
const smsTemplates = JSON.stringify(
  Object.fromEntries(Object.entries(templates).map(([name, tpl], i) => [name, { id: `SMS_${1000 + i}`, params: [...tpl.sms.matchAll(/\{(\w+)\}/g)].map((m) => m[1]) }])),
);
const smsKeys = { accessKeyId: 'LTAI-multi-process', secret: 'multi-process-secret' };

let smtp: SmtpInbox;
let aliyun: Awaited<ReturnType<typeof startFakeAliyun>>;
const processes: CliProcess[] = [];
const api: string[] = [];
const edge: string[] = [];

async function buildDomain(unitId: string) {
  const name = `多进程${Math.random().toString(36).slice(2, 8)}.公益`;
  const ace = toAce(name);
  if (ace === null) throw new Error(`bad domain ${name}`);
  const now = new Date();
  const [row] = await t.db.insert(domains).values({ unitId, name, ace, tld: '公益', registeredAt: now, expiresAt: new Date(now.getTime() + 365 * 86_400_000) }).returning();
  if (row === undefined) throw new Error('no domain');
  return row;
}

/** A 事业单位 in 杭州市 with a domain and no website yet, and its 经办人. */
async function unitWithDomain() {
  const unit = await buildUnit(t.db, { type: 'public_institution', regionCode: '330100' });
  const domain = await buildDomain(unit.id);
  const handler = await buildUser(t.db, { role: 'handler', unitId: unit.id });
  const form = {
    type: 'new_site',
    domainId: domain.id,
    hosting: 'red_page',
    websiteName: unit.name,
    description: `本网站由${unit.name}主办，旨在介绍我单位职能、职责、人员编制，面向社会公开工作动态。`,
    handler: handlerContact,
  };
  return { unit, domain, handler, form };
}

/** Logs `u` in on `base`, typing the current code of its authenticator when asked. */
async function loggedIn(u: BuiltUser, base: string): Promise<HttpSession> {
  const s = new HttpSession();
  const res = await s.login(base, u.username, u.password, () => freshDemoCode(t.db, realClock, u.username));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.restriction ?? null).toBeNull();
  return s;
}

const rows = async <R>(query: string): Promise<R[]> => ((await t.db.execute(query)) as unknown as { rows: R[] }).rows;

beforeAll(async () => {
  if (!onPostgres) return;
  smtp = await startSmtpInbox();
  aliyun = await startFakeAliyun(smsKeys);
  const common = {
    DATABASE_URL: t.databaseUrl ?? '',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'zm-mp-')),
    HOST: '127.0.0.1',
    COOKIE_SECURE: 'false',
    CONSOLE_URL: 'https://zhengming.example.cn',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    SMTP_SECURITY: 'none',
    SMTP_FROM: '网上名称注册管理系统 <noreply@zhengming.test>',
    SMS_PROVIDER: 'aliyun',
    SMS_ENDPOINT: aliyun.url,
    SMS_ACCESS_KEY_ID: smsKeys.accessKeyId,
    SMS_ACCESS_KEY_SECRET: smsKeys.secret,
    SMS_SIGN_NAME: '网上名称注册管理系统',
    SMS_TEMPLATES: smsTemplates,
    OUTBOX_POLL_MS: '100',
    SITECHECK_PATROL_INTERVAL_HOURS: '0',
  };
  const ready: Promise<void>[] = [];
  for (const i of [1, 2]) {
    const port = await freePort();
    // API #2 sits behind a proxy on 127.0.0.1 (API_TRUST_PROXY); API #1 believes no proxy.
    const a = spawnCli(`api #${i}`, ['api'], { ...common, PORT: String(port), ...(i === 2 ? { API_TRUST_PROXY: '127.0.0.1' } : {}) });
    processes.push(a);
    api.push(`http://127.0.0.1:${port}`);
    ready.push(waitForHttp(a, `http://127.0.0.1:${port}/healthz`));
    const [publicPort, whoisPort] = [await freePort(), await freePort()];
    const p = spawnCli(`public #${i}`, ['public'], { ...common, PUBLIC_PORT: String(publicPort), WHOIS_PORT: String(whoisPort) });
    processes.push(p);
    edge.push(`http://127.0.0.1:${publicPort}`);
    ready.push(waitForHttp(p, `http://127.0.0.1:${publicPort}/healthz`));
    processes.push(spawnCli(`worker #${i}`, ['worker'], { ...common, DATA_DIR: mkdtempSync(path.join(tmpdir(), 'zm-mp-worker-')) }));
  }
  await Promise.all(ready);
}, 240_000);

afterAll(async () => {
  await stopAll(processes);
  await smtp?.close();
  await aliyun?.close();
});

describe.runIf(onPostgres)('two API, two public-edge and two worker processes on one PostgreSQL', () => {
  it('migrate once when several processes start on an empty database at the same time', async () => {
    const base = inject('postgresUrl');
    // Named like the clones, so the global teardown drops it even if this test does not.
    const name = `zm_t_${process.ppid}_mig${randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
      const url = adminUrl(base, name);
      const runs = [1, 2, 3].map((i) => spawnCli(`migrate #${i}`, ['migrate'], { DATABASE_URL: url, DATA_DIR: mkdtempSync(path.join(tmpdir(), 'zm-mp-migrate-')) }));
      processes.push(...runs);
      const codes = await Promise.all(runs.map((r) => r.exited));
      expect(codes, runs.map((r) => `${r.name}:\n${r.output()}`).join('\n')).toEqual([0, 0, 0]);
      const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };
      const check = new pg.Client({ connectionString: url });
      await check.connect();
      const applied = await check.query('select count(*)::int as n from drizzle.__drizzle_migrations');
      await check.end();
      expect(applied.rows[0]?.n).toBe(journal.entries.length);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }, 120_000);

  it('share sessions: a cookie from API #1 works on API #2, and logging out on #2 ends it on #1', async () => {
    const u = await buildUser(t.db, { role: 'handler' });
    const s = await loggedIn(u, api[0]!);
    const there = await s.get(api[1]!, '/api/session');
    expect(there.status).toBe(200);
    expect(there.body.user.username).toBe(u.username);
    // A state-changing request on #2 with the CSRF token #1 issued.
    expect((await s.post(api[1]!, '/api/session/logout')).status).toBeLessThan(300);
    expect((await s.get(api[0]!, '/api/session')).status).toBe(401);
  });

  it('record the client’s address from X-Forwarded-For only behind a trusted proxy (API_TRUST_PROXY)', async () => {
    const u = await buildUser(t.db, { role: 'handler' });
    for (const base of api) {
      const res = await fetch(`${base}/api/session/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.7', 'user-agent': `proxy-test ${base}` },
        body: JSON.stringify({ username: u.username, password: u.password }),
      });
      expect(res.status).toBe(200);
    }
    const seen = await rows<{ ip: string; user_agent: string }>(`select ip, user_agent from audit_events where action = 'login' and actor_id = '${u.id}' and result = 'success'`);
    expect(seen.find((e) => e.user_agent === `proxy-test ${api[0]}`)?.ip).toBe('127.0.0.1');
    expect(seen.find((e) => e.user_agent === `proxy-test ${api[1]}`)?.ip).toBe('198.51.100.7');
  });

  it('count every wrong password, even sent at once to both processes: the account locks at LOGIN_MAX_FAILURES', async () => {
    const u = await buildUser(t.db, { role: 'handler' });
    const guesses = await Promise.all([0, 1, 2, 3, 4].map((i) => new HttpSession().login(api[i % 2]!, u.username, `Wrong#Password${i}`)));
    expect(guesses.map((g) => g.status)).not.toContain(200);
    const [row] = await rows<{ locked_until: unknown }>(`select locked_until from users where id = '${u.id}'`);
    expect(row?.locked_until).not.toBeNull();
    for (const base of api) {
      const res = await new HttpSession().login(base, u.username, u.password);
      expect(res.status).toBe(423);
      expect(res.body.error.code).toBe('ACCOUNT_LOCKED');
    }
  });

  it('issue at most the allowed number of reset codes for an account, however many processes are asked at once', async () => {
    const u = await buildUser(t.db, { role: 'handler' });
    const asked = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => new HttpSession().post(api[i % 2]!, '/api/password-reset/request', { username: u.username, channel: 'email' })));
    expect(asked.every((r) => r.status < 300)).toBe(true);
    expect(await rows<{ id: string }>(`select id from password_reset_codes where user_id = '${u.id}'`)).toHaveLength(3);
  });

  it('accept a TOTP code once, whichever process sees it first', async () => {
    const reviewer = await buildUser(t.db, { role: 'center_reviewer' });
    const [a, b] = [new HttpSession(), new HttpSession()];
    expect((await a.login(api[0]!, reviewer.username, reviewer.password)).body.restriction).toBe('second_factor');
    expect((await b.login(api[1]!, reviewer.username, reviewer.password)).body.restriction).toBe('second_factor');
    const code = await freshDemoCode(t.db, realClock, reviewer.username);
    const answers = await Promise.all([a.post(api[0]!, '/api/session/second-factor', { code }), b.post(api[1]!, '/api/session/second-factor', { code })]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 400]);
    expect(answers.find((r) => r.status === 400)?.body.error.code).toBe('SECOND_FACTOR_CODE_REUSED');
  });

  it('drive an application through both API processes alternately; concurrent decisions: one wins, the other gets 409; every message leaves once; both edges publish the site', async () => {
    const office = await buildUser(t.db, { role: 'office_reviewer', regionCode: '330100' });
    const center = await buildUser(t.db, { role: 'center_reviewer' });
    const main = await unitWithDomain();

    // Each person logs in on one process and carries the session to the other.
    const handler = await loggedIn(main.handler, api[0]!);
    const officeS = await loggedIn(office, api[1]!);
    const centerS = await loggedIn(center, api[0]!);

    const created = await handler.post(api[0]!, '/api/applications', { payload: main.form });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id: string = created.body.id;
    const submitted = await handler.post(api[1]!, `/api/applications/${id}/submit`, { version: created.body.version });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.status).toBe('pending_office');

    // The office approves on #1 while the same reviewer, in the same session, returns on #2.
    const seen = await officeS.get(api[0]!, `/api/applications/${id}`);
    const [approveRes, returnRes] = await Promise.all([
      officeS.post(api[0]!, `/api/applications/${id}/approve`, { version: seen.body.version }),
      officeS.post(api[1]!, `/api/applications/${id}/return`, { version: seen.body.version, reasons: [{ reason: '请核对网站名称' }] }),
    ]);
    const both: HttpResponse[] = [approveRes, returnRes];
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.status === 409)?.body.error.code).toBe('STALE_VERSION');
    const winner = approveRes.status === 200 ? 'approve' : 'return';
    const afterRace = await handler.get(api[1]!, `/api/applications/${id}`);
    expect(afterRace.body.version).toBe(seen.body.version + 1);
    expect(afterRace.body.status).toBe(winner === 'approve' ? 'pending_center' : 'returned');
    expect(afterRace.body.history.map((h: { event: string }) => h.event)).toEqual(['submit', winner]);

    if (winner === 'return') {
      const revised = await handler.put(api[0]!, `/api/applications/${id}`, { version: afterRace.body.version, payload: main.form });
      expect(revised.status, JSON.stringify(revised.body)).toBe(200);
      const again = await officeS.post(api[1]!, `/api/applications/${id}/approve`, { version: revised.body.version });
      expect(again.status, JSON.stringify(again.body)).toBe(200);
    }

    // The centre approves on both processes at once: the application is approved exactly once.
    const atCenter = await centerS.get(api[1]!, `/api/applications/${id}`);
    expect(atCenter.body.status).toBe('pending_center');
    const finals = await Promise.all(api.map((base) => centerS.post(base, `/api/applications/${id}/approve`, { version: atCenter.body.version })));
    expect(finals.map((r) => r.status).sort()).toEqual([200, 409]);
    const approved = await handler.get(api[0]!, `/api/applications/${id}`);
    expect(approved.body.status).toBe('approved');
    expect(approved.body.history.filter((h: { event: string }) => h.event === 'approve')).toHaveLength(2);
    const sites = await rows<{ id: string; badge_public_id: string; name: string }>(`select id, badge_public_id, name from websites where domain_id = '${main.domain.id}'`);
    expect(sites).toHaveLength(1);

    // Many applications decided through both processes at once: each is approved exactly once.
    const others = await Promise.all([1, 2, 3, 4, 5, 6].map(() => unitWithDomain()));
    const pending = await Promise.all(
      others.map(async (o, i) => {
        const s = await loggedIn(o.handler, api[i % 2]!);
        const res = await s.post(api[(i + 1) % 2]!, '/api/applications', { payload: o.form, submit: true });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        return { id: res.body.id as string, version: res.body.version as number };
      }),
    );
    const raced = await Promise.all(pending.flatMap((p) => api.map((base) => officeS.post(base, `/api/applications/${p.id}/approve`, { version: p.version }).then((r) => ({ id: p.id, r })))));
    for (const p of pending) {
      expect(raced.filter((x) => x.id === p.id).map((x) => x.r.status).sort(), p.id).toEqual([200, 409]);
    }
    const decided = await rows<{ application_id: string; n: string }>(
      `select application_id, count(*)::text as n from application_history where event = 'approve' and application_id in (${pending.map((p) => `'${p.id}'`).join(',')}) group by application_id`,
    );
    expect(decided.map((d) => d.n)).toEqual(pending.map(() => '1'));
    const saved = await rows<{ id: string; version: number; status: string }>(`select id, version, status from applications where id in (${pending.map((p) => `'${p.id}'`).join(',')})`);
    for (const p of pending) expect(saved.find((r) => r.id === p.id)).toMatchObject({ status: 'pending_center', version: p.version + 1 });

    // The workers address the reviewers' messages and drain the outbox: every SMS and email row sent once, by one attempt.
    await until(
      'the outbox to drain',
      async () =>
        (await rows<{ n: string }>(`select count(*)::text as n from notification_fanouts`))[0]?.n === '0' &&
        (await rows<{ n: string }>(`select count(*)::text as n from notifications where channel in ('sms','email') and status <> 'sent'`))[0]?.n === '0',
      60_000,
      200,
    );
    const outbox = await rows<{ channel: string; idempotency_key: string; attempts: number; template: string; application_id: string | null }>(
      `select channel, idempotency_key, attempts, template, application_id from notifications where channel in ('sms','email')`,
    );
    expect(outbox.every((r) => r.attempts === 1)).toBe(true);
    const templatesOf = (appId: string) => [...new Set(outbox.filter((r) => r.application_id === appId).map((r) => r.template))].sort();
    expect(templatesOf(id)).toEqual(
      (winner === 'return' ? ['application_approved', 'application_arrived', 'application_returned', 'application_step_approved'] : ['application_approved', 'application_arrived', 'application_step_approved']).sort(),
    );

    const emails = outbox.filter((r) => r.channel === 'email');
    await smtp.waitFor(emails.length, 30_000);
    const messageIds = smtp.messages.map((m) => m.messageId ?? '');
    expect(new Set(messageIds).size).toBe(messageIds.length);
    expect([...messageIds].sort()).toEqual(emails.map((r) => messageIdFor(r.idempotency_key, 'zhengming.test')).sort());

    const sms = outbox.filter((r) => r.channel === 'sms');
    expect(aliyun.received.map((m) => m.idempotencyKey).sort()).toEqual(sms.map((r) => providerKey(r.idempotency_key, ALIYUN_OUT_ID_MAX)).sort());
    // The fake answers a repeated OutId without recording it again: a request count above the
    // messages would be a second send.
    expect(aliyun.requests()).toBe(aliyun.received.length);

    // Every server process was running throughout (no worker crashed on the other's claims).
    for (const p of processes.filter((x) => !x.name.startsWith('migrate'))) expect(p.child.exitCode, `${p.name}:\n${p.output()}`).toBeNull();

    // Both public edges publish the approved unit's 网络红页 and verification page.
    const site = sites[0]!;
    for (const base of edge) {
      const red = await fetch(`${base}/redpage/${encodeURIComponent(main.domain.name)}`);
      expect(red.status, base).toBe(200);
      expect(await red.text()).toContain(main.unit.name);
      const verify = await fetch(`${base}/verify/${site.badge_public_id}`);
      expect(verify.status, base).toBe(200);
      const page = await verify.text();
      expect(page).toContain(site.name);
      expect(page).toContain('有效');
    }
  }, 180_000);
});
