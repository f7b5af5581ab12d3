import { describe, expect, it } from 'vitest';
import { useTestApp, type ApiClient } from '../support/app.js';
import { buildUnit, buildUser, ensureRegion, userRow } from '../support/factories.js';

const t = useTestApp();

async function admin(): Promise<ApiClient> {
  const u = await buildUser(t.db, { role: 'admin' });
  const c = t.client();
  await c.login(u.username, u.password);
  return c;
}
const uniq = () => Math.random().toString(36).slice(2, 8);

describe('creating users', () => {
  it('creates a 经办人 with a one-time password that must be changed at first login', async () => {
    const c = await admin();
    const unit = await buildUnit(t.db);
    const username = `jbr.${uniq()}`;
    const res = await c.post('/api/admin/users', { username, displayName: '张三', role: 'handler', unitId: unit.id, mobile: '+86 138-0013-8000', email: 'zs@example.com' });
    expect(res.status).toBe(201);
    // The admin sees the contacts masked; they are stored normalised (and sealed).
    expect(res.body.user).toMatchObject({ username, role: 'handler', roleLabel: '经办人', unit: { id: unit.id }, mobile: '138****8000', email: 'z*@example.com', mustChangePassword: true });
    expect((await userRow(t.db, res.body.user.id)).mobile).toBe('13800138000');
    const first = t.client();
    const login = await first.login(username, res.body.initialPassword);
    expect(login.status).toBe(200);
    expect(login.body.mustChangePassword).toBe(true);
    expect(login.body.mustChangeReason).toBe('reset');
  });

  it('requires the scope that goes with the role, and refuses the wrong one', async () => {
    const c = await admin();
    const unit = await buildUnit(t.db);
    await ensureRegion(t.db, '330100');
    const cases = [
      [{ role: 'handler' }, 'UNIT_REQUIRED', 'unitId'],
      [{ role: 'office_reviewer' }, 'REGION_REQUIRED', 'regionCode'],
      [{ role: 'center_reviewer', unitId: unit.id }, 'UNIT_NOT_ALLOWED', 'unitId'],
      [{ role: 'handler', unitId: unit.id, regionCode: '330100' }, 'REGION_NOT_ALLOWED', 'regionCode'],
      [{ role: 'office_reviewer', regionCode: '999999' }, 'REGION_UNKNOWN', 'regionCode'],
      [{ role: 'handler', unitId: '00000000-0000-4000-8000-000000000000' }, 'UNIT_UNKNOWN', 'unitId'],
      [{ role: 'handler', unitId: unit.id, mobile: '12345' }, 'MOBILE_FORMAT', 'mobile'],
    ] as const;
    for (const [extra, code, field] of cases) {
      const res = await c.post('/api/admin/users', { username: `x.${uniq()}`, displayName: '某人', ...extra });
      expect(res.status, code).toBe(400);
      expect(res.body.error.field, code).toBe(field);
      if (code !== 'MOBILE_FORMAT') expect(res.body.error.code).toBe(code);
    }
  });

  it('refuses a username that exists, whatever its case', async () => {
    const c = await admin();
    const existing = await buildUser(t.db, { role: 'center_reviewer' });
    const res = await c.post('/api/admin/users', { username: existing.username.toUpperCase(), displayName: '重复', role: 'center_reviewer' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'USERNAME_TAKEN', field: 'username' });
  });
});

describe('changing users', () => {
  it('changes the role and scope, ends the user’s sessions, and refuses a stale version', async () => {
    const c = await admin();
    const u = await buildUser(t.db, { role: 'center_reviewer' });
    const theirs = t.client();
    await theirs.login(u.username, u.password);
    await ensureRegion(t.db, '330200');
    const res = await c.patch(`/api/admin/users/${u.id}`, { version: 1, role: 'office_reviewer', regionCode: '330200' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'office_reviewer', region: { code: '330200', name: '宁波市' }, version: 2 });
    expect((await theirs.get('/api/session')).status).toBe(401);
    const stale = await c.patch(`/api/admin/users/${u.id}`, { version: 1, displayName: '旧版本' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
  });

  it('refuses to let an admin disable or demote themselves', async () => {
    const me = await buildUser(t.db, { role: 'admin' });
    const c = t.client();
    await c.login(me.username, me.password);
    expect((await c.post(`/api/admin/users/${me.id}/disable`)).body.error.code).toBe('CANNOT_CHANGE_OWN_ACCESS');
    expect((await c.patch(`/api/admin/users/${me.id}`, { version: 1, role: 'auditor' })).body.error.code).toBe('CANNOT_CHANGE_OWN_ACCESS');
  });

  it('disabling ends the sessions at once and refuses login; enabling restores it', async () => {
    const c = await admin();
    const u = await buildUser(t.db);
    const theirs = t.client();
    await theirs.login(u.username, u.password);
    expect((await c.post(`/api/admin/users/${u.id}/disable`)).body.disabled).toBe(true);
    expect((await theirs.get('/api/session')).status).toBe(401);
    expect((await t.client().login(u.username, u.password)).status).toBe(403);
    expect((await c.post(`/api/admin/users/${u.id}/enable`)).body.disabled).toBe(false);
    expect((await t.client().login(u.username, u.password)).status).toBe(200);
  });

  it('unlocks a locked account before the lock ends', async () => {
    const c = await admin();
    const u = await buildUser(t.db);
    for (let i = 0; i < 5; i++) await t.client().login(u.username, 'Wrong#aaaa1');
    expect((await t.client().login(u.username, u.password)).status).toBe(423);
    const listed = await c.get(`/api/admin/users?q=${u.username}`);
    expect(listed.body.items[0].lockedUntil).not.toBeNull();
    expect((await c.post(`/api/admin/users/${u.id}/unlock`)).body.lockedUntil).toBeNull();
    expect((await t.client().login(u.username, u.password)).status).toBe(200);
  });

  it('resets a password to a temporary one that must be changed, ending old sessions', async () => {
    const c = await admin();
    const u = await buildUser(t.db);
    const theirs = t.client();
    await theirs.login(u.username, u.password);
    const res = await c.post(`/api/admin/users/${u.id}/reset-password`);
    expect(res.status).toBe(200);
    expect((await theirs.get('/api/session')).status).toBe(401);
    expect((await t.client().login(u.username, u.password)).status).toBe(401);
    const fresh = t.client();
    expect((await fresh.login(u.username, res.body.temporaryPassword)).body.mustChangeReason).toBe('reset');
    expect((await userRow(t.db, u.id)).mustChangePassword).toBe(true);
  });

  it('lists with search, role filter and paging', async () => {
    const c = await admin();
    const tag = uniq();
    for (let i = 0; i < 3; i++) {
      await c.post('/api/admin/users', { username: `list.${tag}.${i}`, displayName: `列表${tag}`, role: 'center_reviewer' });
    }
    const page1 = await c.get(`/api/admin/users?q=${tag}&role=center_reviewer&page=1&pageSize=2`);
    expect(page1.body.total).toBe(3);
    expect(page1.body.items).toHaveLength(2);
    const page2 = await c.get(`/api/admin/users?q=${tag}&role=center_reviewer&page=2&pageSize=2`);
    expect(page2.body.items).toHaveLength(1);
    expect((await c.get(`/api/admin/users?q=${tag}&role=auditor`)).body.total).toBe(0);
  });

  it('answers 404 for a user that does not exist', async () => {
    const c = await admin();
    expect((await c.post('/api/admin/users/00000000-0000-4000-8000-000000000000/unlock')).status).toBe(404);
  });
});

describe('regions', () => {
  it('the admin adds a city and a county under it, renames one, and the tree scopes reviewers', async () => {
    const c = await admin();
    await ensureRegion(t.db, '440000');
    const city = await c.post('/api/admin/regions', { code: '440300', name: '深圳市', parentCode: '440000' });
    expect(city.status, JSON.stringify(city.body)).toBe(201);
    expect(city.body).toMatchObject({ level: 'city', parentCode: '440000' });
    expect((await c.post('/api/admin/regions', { code: '440304', name: '福田区', parentCode: '440300' })).status).toBe(201);
    // A county may also sit directly under its province (省直辖县级行政区划).
    const underProvince = await c.post('/api/admin/regions', { code: '440305', name: '南山区', parentCode: '440000' });
    expect(underProvince.status).toBe(201);
    const bad = await c.post('/api/admin/regions', { code: '440306', name: '宝安区', parentCode: '330100' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'REGION_PARENT_INVALID', field: 'parentCode' });
    expect((await c.post('/api/admin/regions', { code: '440300', name: '重复', parentCode: '440000' })).body.error.code).toBe('REGION_EXISTS');
    expect((await c.patch('/api/admin/regions/440304', { name: '福田区（改）' })).body.name).toBe('福田区（改）');
    const regions = (await c.get('/api/regions')).body.items.map((r: { code: string }) => r.code);
    expect(regions).toEqual(expect.arrayContaining(['440300', '440304']));
    const reviewer = await buildUser(t.db, { role: 'center_reviewer' });
    const rc = t.client();
    await rc.login(reviewer.username, reviewer.password);
    expect((await rc.post('/api/admin/regions', { code: '440307', name: '龙岗区', parentCode: '440300' })).status).toBe(403);
  });
});
