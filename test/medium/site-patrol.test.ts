/**
 * The patrol (巡检): every active self-hosted website of the demo re-checked once a day at its own
 * slot; three failures in a row tell the 经办人 and the office once; the centre and offices see
 * the failing sites by region. The demo's names are not in the test zone: they fail quickly on
 * our own DNS server, and nothing leaves loopback.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPatrolRound } from '../../src/app/sitecheck/patrol.js';
import { loadConfig } from '../../src/config.js';
import { claimDuePatrols } from '../../src/db/repositories/site-checks.js';
import { startBackgroundWork } from '../../src/jobs/outbox/run.js';
import { createSiteChecker } from '../../src/sitecheck/check-site.js';
import { useTestApp } from '../support/app.js';
import { useDemoWorld } from '../support/demo-world.js';
import { host, useSiteWorld } from '../support/sitecheck.js';

const t = useTestApp();
const w = useDemoWorld(t);
const sites = useSiteWorld();
const day = 86_400_000;
const policy = { intervalMs: day, failuresToNotify: 3, concurrency: 2, batch: 50, leaseMs: 5 * 60_000 };

beforeAll(() => {
  t.app.siteChecker = createSiteChecker(sites.settings());
});

async function rows<T = Record<string, unknown>>(sql: string): Promise<T[]> {
  return ((await t.db.execute(sql)) as unknown as { rows: T[] }).rows;
}
const websiteOf = async (name: string) => (await rows<{ id: string }>(`select id from websites where name = '${name}'`))[0]?.id as string;
const patrolMessages = () => rows<{ recipient: string; channel: string; body: string }>(`select u.username as recipient, n.channel, n.body from notifications n join users u on u.id = n.recipient_user_id where n.template = 'site_patrol_failing' order by u.username, n.channel`);

describe('the patrol', () => {
  it('enrols each active self-hosted website at a slot within the day, not all at once', async () => {
    const now = t.clock.now().getTime();
    expect(await runPatrolRound(t.app, policy)).toBe(0);
    const enrolled = await rows<{ name: string; next: string }>(`select w.name, p.next_check_at as next from site_patrols p join websites w on w.id = p.website_id order by w.name`);
    expect(enrolled.map((r) => r.name).sort()).toEqual(['宁波市教育局', '杭州市第一人民医院', '桐庐县人民政府'].sort());
    for (const r of enrolled) {
      const at = new Date(r.next).getTime();
      expect(at).toBeGreaterThan(now);
      expect(at).toBeLessThan(now + day);
    }
    expect(new Set(enrolled.map((r) => r.next)).size).toBe(3);
  });

  it('a claimed site is not checked twice; a dead worker’s claim comes back after the lease', async () => {
    t.clock.advance(day);
    const claimed = await claimDuePatrols(t.db, t.clock.now(), 50, policy.leaseMs);
    expect(claimed).toHaveLength(3);
    expect(await runPatrolRound(t.app, policy)).toBe(0);
    t.clock.advance(policy.leaseMs + 1_000);
    expect(await runPatrolRound(t.app, policy)).toBe(3);
    const checks = await rows<{ outcome: string; codes: string }>(`select outcome, findings->0->>'code' as codes from site_checks where trigger = 'patrol'`);
    expect(checks).toHaveLength(3);
    expect(checks.every((c) => c.outcome === 'fail' && c.codes === 'DNS_FAILED')).toBe(true);
    // Checked: nothing is due until the next day.
    expect(await runPatrolRound(t.app, policy)).toBe(0);
  });

  it('three failures in a row tell the 经办人 and the office, once; a fixed site stops failing', async () => {
    // 宁波市教育局 fixes its site: its name now leads to a page titled 宁波市教育局.
    await t.db.execute(`update websites set english_domain = '${host('gbkmeta')}', ip_addresses = '{127.0.0.1}' where name = '宁波市教育局'`);
    t.clock.advance(day);
    expect(await runPatrolRound(t.app, policy)).toBe(3);
    expect(await patrolMessages()).toEqual([]);
    t.clock.advance(day);
    expect(await runPatrolRound(t.app, policy)).toBe(3);
    const told = await patrolMessages();
    const recipients = [...new Set(told.map((m) => m.recipient))].sort();
    expect(recipients).toEqual(expect.arrayContaining(['jbr.hzdyyy', 'jbr.tlzfb', 'bb.330100']));
    expect(recipients).not.toContain('jbr.nbjyj');
    const inbox = told.find((m) => m.recipient === 'jbr.hzdyyy' && m.channel === 'inbox');
    expect(inbox?.body).toContain('杭州市第一人民医院的网站“杭州市第一人民医院”（www.hz-first-hospital.cn）');
    expect(inbox?.body).toContain('已连续 3 次巡检未通过');
    expect(inbox?.body).toContain('英文域名 www.hz-first-hospital.cn 无法解析');
    expect(told.some((m) => m.recipient === 'jbr.hzdyyy' && m.channel === 'sms')).toBe(true);

    t.clock.advance(day);
    expect(await runPatrolRound(t.app, policy)).toBe(3);
    expect(await patrolMessages()).toHaveLength(told.length);
    const state = await rows<{ name: string; failures: number; outcome: string }>(
      `select w.name, p.consecutive_failures as failures, p.last_outcome as outcome from site_patrols p join websites w on w.id = p.website_id order by w.name`,
    );
    expect(Object.fromEntries(state.map((s) => [s.name, [s.failures, s.outcome]]))).toEqual({
      宁波市教育局: [0, 'pass'],
      杭州市第一人民医院: [4, 'fail'],
      桐庐县人民政府: [4, 'fail'],
    });
  });

  it('the centre sees failing sites by region; an office its own region; a 经办人 nothing', async () => {
    const center = await w.as('center');
    const res = await center.get('/api/site-patrol/failing');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items.map((i: { websiteName: string }) => i.websiteName).sort()).toEqual(['杭州市第一人民医院', '桐庐县人民政府'].sort());
    expect(res.body.items[0]).toMatchObject({ consecutiveFailures: 4, notified: true, problems: [expect.stringContaining('无法解析')] });
    const byRegion = Object.fromEntries(res.body.regions.map((r: { name: string; failing: number; patrolled: number }) => [r.name, [r.failing, r.patrolled]]));
    expect(byRegion).toEqual({ 杭州市: [1, 1], 宁波市: [0, 1], 桐庐县: [1, 1] });

    const hangzhou = await w.as('bb.330100');
    const mine = await hangzhou.get('/api/site-patrol/failing');
    expect(mine.body.items).toHaveLength(2);
    const ningbo = await w.as('bb.330200');
    expect((await ningbo.get('/api/site-patrol/failing')).body.items).toEqual([]);
    expect((await center.get('/api/site-patrol/failing?regionCode=330200')).body.items).toEqual([]);

    const handler = await w.as('jbr.hzdyyy');
    expect((await handler.get('/api/site-patrol/failing')).status).toBe(403);
  });

  it('keeps each website’s patrol history for its 经办人 and reviewers in scope', async () => {
    const id = await websiteOf('杭州市第一人民医院');
    const handler = await w.as('jbr.hzdyyy');
    const history = await handler.get(`/api/websites/${id}/site-checks`);
    expect(history.status).toBe(200);
    expect(history.body.items).toHaveLength(4);
    expect(history.body.items[0]).toMatchObject({ trigger: 'patrol', triggerLabel: '巡检', outcome: 'fail' });
    expect((await (await w.as('bb.330200')).get(`/api/websites/${id}/site-checks`)).status).toBe(404);
    expect((await (await w.as('jbr.nbjyj')).get(`/api/websites/${id}/site-checks`)).status).toBe(404);
  });

  it('runs as background work on its own schedule', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'zm-patrol-'));
    try {
      await t.db.execute('delete from site_patrols');
      const config = loadConfig({ DATA_DIR: dataDir, SITECHECK_PATROL_POLL_SECONDS: '1', LOG_LEVEL: 'silent' });
      const work = startBackgroundWork(config, t.app, { info: () => undefined, error: () => undefined });
      await expect.poll(async () => (await rows(`select 1 from site_patrols`)).length, { timeout: 10_000 }).toBe(3);
      await work.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
