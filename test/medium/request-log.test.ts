import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { buildUnit, buildUser } from '../support/factories.js';

const lines: string[] = [];
const t = useTestApp({}, { logStream: { write: (line) => void lines.push(line) } });

describe('the request log', () => {
  it('keeps what was asked for but not the personal data typed into a search box', async () => {
    const unit = await buildUnit(t.db, { name: '日志测试市财政局' });
    await buildUser(t.db, { role: 'handler', unitId: unit.id, mobile: '13912345678' });
    const admin = await buildUser(t.db, { role: 'admin' });
    const c = t.client();
    expect((await c.login(admin.username, admin.password)).status).toBe(200);
    lines.length = 0;
    expect((await c.get('/api/admin/users?q=13912345678&page=1')).status).toBe(200);
    expect((await c.get(`/api/admin/units?q=${unit.uscc}`)).status).toBe(200);
    const logged = lines.join('');
    expect(logged).toContain('"url":"/api/admin/users?q=[redacted]&page=1"');
    expect(logged).toContain('"url":"/api/admin/units?q=[redacted]"');
    expect(logged).not.toContain('13912345678');
    expect(logged).not.toContain(unit.uscc);
  });
});
