import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { handlerContact, useDemoWorld } from '../support/demo-world.js';

const t = useTestApp();
const w = useDemoWorld(t);

const one = async <T>(q: string): Promise<T> => ((await t.db.execute(q)) as unknown as { rows: T[] }).rows[0]!;

describe('no one decides an application of their own unit', () => {
  it('refuses a reviewer linked to the applying unit with OWN_UNIT_DECISION, and lets them decide once unlinked', async () => {
    const handler = await w.as('jbr.hzczj');
    const site = (await handler.get('/api/websites')).body.items[0];
    const created = await handler.post('/api/applications', {
      payload: { type: 'change', websiteId: site.id, hosting: 'red_page', websiteName: `${site.name}门户`, description: site.description, handler: handlerContact },
      submit: true,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;

    // The account rules give reviewers no unit (UNIT_NOT_ALLOWED through the API), but the column
    // allows the link: set it behind their back, as a migration or a careless import could.
    const { unit_id: unitId } = await one<{ unit_id: string }>(`select unit_id from users where username = 'jbr.hzczj'`);
    await t.db.execute(`update users set unit_id = '${unitId}' where username = 'bb.330100'`);
    const office = await w.as('bb.330100');
    const seen = await office.get(`/api/applications/${id}`);
    expect(seen.status).toBe(200);
    for (const action of ['approve', 'return'] as const) {
      const body = action === 'approve' ? { version: seen.body.version } : { version: seen.body.version, reasons: [{ field: 'websiteName', reason: '请核对网站名称' }] };
      const res = await office.post(`/api/applications/${id}/${action}`, body);
      expect([action, res.status, res.body.error?.code]).toEqual([action, 403, 'OWN_UNIT_DECISION']);
    }
    // Batch approval goes through the same rule.
    const batch = await office.post('/api/review/batch-approve', { items: [{ id, version: seen.body.version }] });
    expect(JSON.stringify(batch.body)).toContain('OWN_UNIT_DECISION');

    await t.db.execute(`update users set unit_id = null where username = 'bb.330100'`);
    const ok = await office.post(`/api/applications/${id}/approve`, { version: seen.body.version });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });
});
