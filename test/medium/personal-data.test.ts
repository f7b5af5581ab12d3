import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { reencryptPersonalData } from '../../src/app/personal-data/reencrypt-personal-data.js';
import { readKeyFile } from '../../src/cli/personal-data-keys.js';
import { ConfigError } from '../../src/config.js';
import { ClearPersonalDataRefused, PersonalDataKeysMissing, SealedValueTampered } from '../../src/crypto/errors.js';
import { keyringFrom, newKeyMaterial, withNewVersion, type KeyMaterial } from '../../src/crypto/keyring.js';
import { acceptClearPersonalData, installPersonalDataKeys, refuseClearPersonalData, uninstallPersonalDataKeys } from '../../src/db/personal-data/keys.js';
import { sealedValueCounts } from '../../src/db/personal-data/reencrypt.js';
import { allSealedSince, forgetAllSealed } from '../../src/db/personal-data/state.js';
import { expandFanouts } from '../../src/app/notifications/fan-out.js';
import { sealClearValuesAtStart } from '../../src/app/personal-data/seal-at-start.js';
import { findUserById } from '../../src/db/repositories/users.js';
import { useTestApp, type ApiClient } from '../support/app.js';
import { useDemoWorld } from '../support/demo-world.js';
import { buildUnit } from '../support/factories.js';
import { spawnCli } from '../support/processes.js';
import { testKeyMaterial } from '../support/personal-data.js';

const t = useTestApp();
const w = useDemoWorld(t);

/** The 经办人 on the form: values that appear nowhere else in the demo world. */
const contact = { name: '周敏', mobile: '13655554321', email: 'zhoumin.private@hzczj.example.com', idNumber: '11010519491231002X' };
const newMobile = '13766667777';
const userMobile = '15012348888';
const userEmail = 'wangwu.private@example.com';
/** The test keys with a version 2 (random) added: what the rotation test turns to. */
const rotated: KeyMaterial = withNewVersion(testKeyMaterial);
const clearValues = [contact.mobile, contact.email, contact.idNumber, newMobile, userMobile, userEmail];

/** Every row of the tables that hold personal data, as text: what a database dump would show. */
async function dump(): Promise<string> {
  const tables = ['users', 'contact_verifications', 'notifications', 'applications', 'application_revisions', 'audit_events'];
  const parts: string[] = [];
  for (const table of tables) {
    const res = (await t.db.execute(`select t::text as row from ${table} t`)) as unknown as { rows: { row: string }[] };
    parts.push(...res.rows.map((r) => r.row));
  }
  return parts.join('\n');
}

async function raw<T>(query: string): Promise<T[]> {
  return ((await t.db.execute(query)) as unknown as { rows: T[] }).rows;
}

let handler: ApiClient;
let reviewer: ApiClient;
let admin: ApiClient;
let applicationId = '';
let createdUserId = '';

describe('personal data at rest (SM4 + HMAC-SM3)', () => {
  it('keeps no clear mobile, email, 身份证号 or TOTP secret in the database', async () => {
    handler = await w.as('jbr.hzczj');
    reviewer = await w.as('bb.330100');
    admin = await w.as('admin');
    const site = (await handler.get('/api/websites')).body.items[0];
    const payload = { type: 'change', websiteId: site.id, hosting: 'red_page', websiteName: site.name, description: site.description, handler: contact };
    const created = await handler.post('/api/applications', { payload, submit: true });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    applicationId = created.body.id;
    // The office's arrival messages, addressed as the worker does: their addresses are sealed too.
    expect((await expandFanouts(t.app)).addressed).toBeGreaterThan(0);
    // A user made by the admin, and a contact change waiting for its code.
    const unit = await buildUnit(t.db);
    const user = await admin.post('/api/admin/users', { username: `jbr.pd${Date.now() % 100000}`, displayName: '王五', role: 'handler', unitId: unit.id, mobile: userMobile, email: userEmail });
    expect(user.status).toBe(201);
    createdUserId = user.body.user.id;
    expect((await handler.post('/api/account/contact/request', { channel: 'sms', address: newMobile })).status).toBeLessThan(300);

    const everything = await dump();
    for (const v of clearValues) expect(everything).not.toContain(v);
    const [u] = await raw<{ mobile: string; email: string; mobile_hash: string }>(`select mobile, email, mobile_hash from users where id = '${createdUserId}'`);
    expect(u?.mobile).toMatch(/^sm4:1:[A-Za-z0-9_-]+$/);
    expect(u?.email).toMatch(/^sm4:1:/);
    expect(u?.mobile_hash).toMatch(/^[0-9a-f]{64}$/);
    const secrets = await raw<{ totp_secret: string }>(`select totp_secret from users where totp_secret is not null`);
    expect(secrets.length).toBeGreaterThan(0);
    for (const s of secrets) expect(s.totp_secret).toMatch(/^sm4:1:/);
    const [form] = await raw<{ m: string; e: string; i: string }>(
      `select payload #>> '{handler,mobile}' as m, payload #>> '{handler,email}' as e, payload #>> '{handler,idNumber}' as i from applications where id = '${applicationId}'`,
    );
    expect([form?.m, form?.e, form?.i].every((v) => v?.startsWith('sm4:1:'))).toBe(true);
    const addresses = await raw<{ to_address: string }>(`select to_address from notifications where to_address is not null`);
    expect(addresses.length).toBeGreaterThan(0);
    for (const a of addresses) expect(a.to_address).toMatch(/^sm4:1:/);
  });

  it('shows the form in full to the unit’s own 经办人 and masked to the reviewer', async () => {
    const own = await handler.get(`/api/applications/${applicationId}`);
    expect(own.body.payload.handler).toEqual(contact);
    expect(own.body.revisions[0].payload.handler.idNumber).toBe(contact.idNumber);
    const seen = await reviewer.get(`/api/applications/${applicationId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.payload.handler).toEqual({ name: '周敏', mobile: '136****4321', email: 'z******e@hzczj.example.com', idNumber: '110105********002X' });
    expect(JSON.stringify(seen.body)).not.toContain(contact.mobile);
    expect(JSON.stringify(seen.body)).not.toContain(contact.idNumber);
    // The delivery log of the application: reviewers see addresses masked, the unit in full.
    const log = await reviewer.get(`/api/applications/${applicationId}/messages`);
    expect(log.status).toBe(200);
    expect(log.body.items.length).toBeGreaterThan(0);
    for (const m of log.body.items) expect(m.to).toContain('*');
    const ownLog = await handler.get(`/api/applications/${applicationId}/messages`);
    expect(ownLog.body.items.map((m: { to: string }) => m.to.includes('*'))).toEqual(log.body.items.map(() => false));
  });

  it('keeps the printed form’s content hash the hash of the clear form', async () => {
    const res = await t.server.inject({ method: 'GET', url: `/api/applications/${applicationId}`, headers: { cookie: `zm_session=${handler.cookie ?? ''}` } });
    const body = res.json() as { revisions: { contentHash: string; payload: unknown }[] };
    const { contentHash } = await import('../../src/app/applications/create-application.js');
    expect(body.revisions[0]?.contentHash).toBe(contentHash(body.revisions[0]?.payload));
  });

  it('shows the admin masked contacts and finds a user by a whole mobile number (keyed hash)', async () => {
    const found = await admin.get(`/api/admin/users?q=${encodeURIComponent(`+86 ${userMobile}`)}`);
    expect(found.status).toBe(200);
    expect(found.body.items.map((u: { id: string }) => u.id)).toEqual([createdUserId]);
    expect(found.body.items[0]).toMatchObject({ mobile: '150****8888', email: 'w******e@example.com' });
    expect((await admin.get('/api/admin/users?q=15012340000')).body.items).toEqual([]);
    // The delivery log's filter by recipient works on the sealed column, and shows it masked.
    // (the code for the contact change went to the new mobile)
    const sent = await admin.get(`/api/admin/notifications?to=${encodeURIComponent(`+86 ${newMobile}`)}`);
    expect(sent.body.total).toBe(1);
    expect(sent.body.items[0].to).toBe('137****7777');
    expect((await admin.get('/api/admin/notifications?to=13766660000')).body.total).toBe(0);
  });

  it('seals rows written in clear before encryption existed, and they stay readable meanwhile', async () => {
    const old = '13511112222';
    await t.db.execute(`update users set mobile = '${old}', mobile_hash = null where id = '${createdUserId}'`);
    expect((await findUserById(t.db, createdUserId))?.mobile).toBe(old);
    const counts = await sealedValueCounts(t.db);
    expect(counts.find((c) => c.place === 'users.mobile')?.counts['clear']).toBe(1);
    const { places } = await reencryptPersonalData(t.app, 'clear');
    expect(places.find((p) => p.place === 'users.mobile')?.rows).toBe(1);
    expect(places.filter((p) => p.place !== 'users.mobile').every((p) => p.rows === 0)).toBe(true);
    const [u] = await raw<{ mobile: string }>(`select mobile from users where id = '${createdUserId}'`);
    expect(u?.mobile).toMatch(/^sm4:1:/);
    expect((await admin.get(`/api/admin/users?q=${old}`)).body.items.map((x: { id: string }) => x.id)).toEqual([createdUserId]);
  });

  it('once every clear value is sealed, refuses one written behind its back; a rotation does not seal it', async () => {
    const [before] = await raw<{ mobile: string; username: string }>(`select mobile, username from users where id = '${createdUserId}'`);
    refuseClearPersonalData();
    try {
      await t.db.execute(`update users set mobile = '13599990000' where id = '${createdUserId}'`);
      await expect(findUserById(t.db, createdUserId)).rejects.toThrow(ClearPersonalDataRefused);
      const res = await admin.get(`/api/admin/users?q=${before?.username}`);
      expect([res.status, res.body.error.code]).toEqual([500, 'PERSONAL_DATA_NOT_SEALED']);
      const { places } = await reencryptPersonalData(t.app, 'not_current');
      expect(places.find((p) => p.place === 'users.mobile')?.rows).toBe(0);
      expect((await raw<{ mobile: string }>(`select mobile from users where id = '${createdUserId}'`))[0]?.mobile).toBe('13599990000');
    } finally {
      await t.db.execute(`update users set mobile = '${before?.mobile}' where id = '${createdUserId}'`);
      acceptClearPersonalData();
    }
    expect((await findUserById(t.db, createdUserId))?.mobile).toBe('13511112222');
  });

  it('seals clear values at the first start only; a later start reports one and leaves it refused', async () => {
    const [before] = await raw<{ mobile: string; mobile_hash: string }>(`select mobile, mobile_hash from users where id = '${createdUserId}'`);
    const mobileNow = async () => (await raw<{ mobile: string }>(`select mobile from users where id = '${createdUserId}'`))[0]?.mobile;
    try {
      await forgetAllSealed(t.db);
      await t.db.execute(`update users set mobile = '13511113333', mobile_hash = null where id = '${createdUserId}'`);
      const first = await sealClearValuesAtStart(t.app, { acceptClear: false });
      expect(first.sealed).toEqual([{ place: 'users.mobile', rows: 1 }]);
      expect(await mobileNow()).toMatch(/^sm4:/);
      expect(await allSealedSince(t.db)).toEqual(t.clock.now());

      await t.db.execute(`update users set mobile = '13599990000' where id = '${createdUserId}'`);
      expect(await sealClearValuesAtStart(t.app, { acceptClear: false })).toEqual({ keyId: null, sealed: [], refused: [{ place: 'users.mobile', rows: 1 }] });
      expect(await mobileNow()).toBe('13599990000');

      // An upgrade whose old processes still write clear values: told to, the start seals them.
      const upgrade = await sealClearValuesAtStart(t.app, { acceptClear: true });
      expect(upgrade.sealed).toEqual([{ place: 'users.mobile', rows: 1 }]);
      expect(await mobileNow()).toMatch(/^sm4:/);
      expect((await findUserById(t.db, createdUserId))?.mobile).toBe('13599990000');
    } finally {
      await t.db.execute(`update users set mobile = '${before?.mobile}', mobile_hash = '${before?.mobile_hash}' where id = '${createdUserId}'`);
    }
  });

  it('fails with a named error, never garbage, when the key is wrong or missing', async () => {
    try {
      installPersonalDataKeys(keyringFrom(newKeyMaterial(), 'wrong'));
      await expect(findUserById(t.db, createdUserId)).rejects.toThrow(SealedValueTampered);
      const res = await handler.get(`/api/applications/${applicationId}`);
      expect(res.status).toBe(500);
      expect(res.body.error.code).toBe('SEALED_VALUE_TAMPERED');
      uninstallPersonalDataKeys();
      await expect(findUserById(t.db, createdUserId)).rejects.toThrow(PersonalDataKeysMissing);
    } finally {
      installPersonalDataKeys(keyringFrom(testKeyMaterial, 'test'));
    }
    // A value changed in the database does not open either.
    const [u] = await raw<{ email: string }>(`select email from users where id = '${createdUserId}'`);
    const tampered = `${u?.email.slice(0, -2)}${u?.email.endsWith('AA') ? 'AB' : 'AA'}`;
    await t.db.execute(`update users set email = '${tampered}' where id = '${createdUserId}'`);
    await expect(findUserById(t.db, createdUserId)).rejects.toThrow(SealedValueTampered);
    await t.db.execute(`update users set email = '${u?.email}' where id = '${createdUserId}'`);
  });

  it('rotation re-seals every value with the new key version, and everything still reads back', async () => {
    installPersonalDataKeys(keyringFrom(rotated, 'rotated'));
    try {
      const { keyId, places } = await reencryptPersonalData(t.app, 'not_current', { batchSize: 3, action: 'personal_data_key_rotate' });
      expect(keyId).toBe(2);
      expect(places.reduce((n, p) => n + p.rows, 0)).toBeGreaterThan(10);
      for (const c of await sealedValueCounts(t.db)) expect(Object.keys(c.counts).filter((k) => k !== '2'), c.place).toEqual([]);
      const again = await reencryptPersonalData(t.app, 'not_current');
      expect(again.places.every((p) => p.rows === 0)).toBe(true);
      // Reads back: the form, the search by mobile, a login with the (re-sealed) TOTP secret.
      expect((await handler.get(`/api/applications/${applicationId}`)).body.payload.handler).toEqual(contact);
      expect((await admin.get(`/api/admin/users?q=13511112222`)).body.items).toHaveLength(1);
      const center = await w.as('center');
      expect((await center.get('/api/session')).status).toBe(200);
      const [event] = await raw<{ details: { keyId: number } }>(`select details from audit_events where action = 'personal_data_key_rotate'`);
      expect(event?.details.keyId).toBe(2);
    } finally {
      // Later files' processes know version 1 only; this file keeps both versions.
      installPersonalDataKeys(keyringFrom(rotated, 'rotated'));
    }
  });
});

describe('the key file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'zm-keys-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is refused when group or others may read it, or when it is malformed', () => {
    const file = path.join(dir, 'keys.json');
    writeFileSync(file, JSON.stringify(newKeyMaterial()), { mode: 0o644 });
    chmodSync(file, 0o644);
    expect(() => readKeyFile(file)).toThrow(ConfigError);
    expect(() => readKeyFile(file)).toThrow(/chmod 600/);
    chmodSync(file, 0o600);
    expect(readKeyFile(file).keyring.current).toBe(1);
    writeFileSync(file, '{"current":1}');
    expect(() => readKeyFile(file)).toThrow(/keys/);
    expect(() => readKeyFile(path.join(dir, 'missing.json'))).toThrow(/keys init/);
  });
});

// Other processes reach PostgreSQL only (the embedded database belongs to one process).
describe.runIf(inject('testDb') === 'postgres')('zhengming keys (CLI)', () => {
  it('rotates through the key file, reports status, and retires the old version only when unused', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'zm-keys-cli-'));
    const file = path.join(dir, 'personal-data-keys.json');
    // The file starts with the keys this file's data is sealed with now (versions 1 and 2, current 2).
    writeFileSync(file, JSON.stringify(rotated), { mode: 0o600 });
    const env = { DATABASE_URL: t.databaseUrl ?? '', PERSONAL_DATA_KEY_FILE: file, PERSONAL_DATA_KEYS: '' };
    const run = async (...args: string[]) => {
      const p = spawnCli(`keys ${args.join(' ')}`, ['keys', ...args], env);
      const code = await p.exited;
      return { code, out: p.output() };
    };
    try {
      const refused = await run('retire', '2');
      expect(refused.code).toBe(1);
      const rotate = await run('rotate');
      expect(rotate.code, rotate.out).toBe(0);
      expect(rotate.out).toContain('key version 3 added');
      const material = readKeyFile(file).material;
      expect(material.current).toBe(3);
      installPersonalDataKeys(keyringFrom(material, file));
      for (const c of await sealedValueCounts(t.db)) expect(Object.keys(c.counts).filter((k) => k !== '3'), c.place).toEqual([]);
      expect((await handler.get(`/api/applications/${applicationId}`)).body.payload.handler).toEqual(contact);
      const status = await run('status');
      expect(status.code).toBe(0);
      expect(status.out).toMatch(/users\.mobile\s+key 3: \d+/);
      expect((await run('retire', '3')).code).toBe(1);
      const retired = await run('retire', '1');
      expect(retired.code, retired.out).toBe(0);
      expect(Object.keys(readKeyFile(file).material.keys)).toEqual(['2', '3']);
      // A key file that does not open the data stops the command before it touches anything.
      writeFileSync(file, JSON.stringify({ ...newKeyMaterial(), current: 3, keys: { '3': newKeyMaterial().keys['1'] } }), { mode: 0o600 });
      const wrong = await run('status');
      expect(wrong.code).toBe(1);
      expect(wrong.out).toContain('个人信息密钥打不开数据库中的数据');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
