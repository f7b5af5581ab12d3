import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { buildUnit, buildUser } from '../support/factories.js';

const t = useTestApp();

async function as(role: 'admin' | 'handler') {
  const u = await buildUser(t.db, { role });
  const c = t.client();
  expect((await c.login(u.username, u.password)).status).toBe(200);
  return c;
}

const names = (body: { items: { name: string }[] }) => body.items.map((u) => u.name);

describe('the admin finds a unit among many (用户管理 → 所属单位)', () => {
  it('searches by part of the name or by USCC, fetches one by id, and never lists more than the limit', async () => {
    const finance = await buildUnit(t.db, { name: '搜索测试市财政局' });
    await buildUnit(t.db, { name: '搜索测试市教育局' });
    const admin = await as('admin');
    expect(names((await admin.get(`/api/admin/units?q=${encodeURIComponent('测试市财政')}`)).body)).toEqual(['搜索测试市财政局']);
    expect(names((await admin.get(`/api/admin/units?q=${encodeURIComponent('搜索测试市')}`)).body)).toEqual(['搜索测试市教育局', '搜索测试市财政局'].sort());
    expect(names((await admin.get(`/api/admin/units?q=${finance.uscc}`)).body)).toEqual(['搜索测试市财政局']);
    expect(names((await admin.get(`/api/admin/units?id=${finance.id}`)).body)).toEqual(['搜索测试市财政局']);
    expect((await admin.get(`/api/admin/units?q=${encodeURIComponent('50%')}`)).body.items).toEqual([]);
    expect((await admin.get('/api/admin/units?limit=1')).body.items).toHaveLength(1);
    const tooMany = await admin.get('/api/admin/units?limit=51');
    expect([tooMany.status, tooMany.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('is for the admin only', async () => {
    const handler = await as('handler');
    expect((await handler.get('/api/admin/units')).status).toBe(403);
  });
});
