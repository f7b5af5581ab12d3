import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { domainToASCII } from 'node:url';
import { seedDemoForwarding } from '../../src/app/seed/demo-forwarding.js';
import { isEmpty, seedDemo, writeDemoAccounts } from '../../src/app/seed/seed-demo.js';
import { buildPublicServer } from '../../src/public/server.js';
import { validateUscc } from '../../src/domain/validators/uscc.js';
import { useTestApp } from '../support/app.js';

const t = useTestApp();

const expectedTopMenu: Record<string, string[]> = {
  handler: ['首页', '网上名称管理', '网站开办审核/资格复核申请', '消息'],
  office_reviewer: ['首页', '审核管理', '纸质材料', '网上名称管理', '网站巡检', '消息'],
  center_reviewer: ['首页', '审核管理', '网上名称管理', '网站巡检', '公众举报', '消息'],
  admin: ['首页', '系统管理', '消息'],
  auditor: ['首页', '审计日志', '消息'],
};

describe('the demo data set', () => {
  it('seeds an empty database, writes the accounts file 0600, and every account logs in to its menu', async () => {
    expect(await isEmpty(t.db)).toBe(true);
    const accounts = await seedDemo(t.db, t.clock.now());
    expect(await isEmpty(t.db)).toBe(false);
    const dir = mkdtempSync(path.join(tmpdir(), 'zm-demo-'));
    const file = await writeDemoAccounts(dir, accounts);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const [header, ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(header).toMatch(/^# DEMO ONLY/);
    expect(lines).toHaveLength(accounts.length);

    const roles = lines.map((l) => l.split('\t')[0]);
    expect(roles.filter((r) => r === 'handler')).toHaveLength(6);
    expect(roles.filter((r) => r === 'office_reviewer')).toHaveLength(3);
    for (const role of ['center_reviewer', 'admin', 'auditor']) expect(roles).toContain(role);

    for (const line of lines) {
      const [role, username, password, scope, totpSecret] = line.split('\t');
      expect(line.split('\t')).toHaveLength(5);
      // 二次验证: reviewers, admin and auditor come with a (demo-only) TOTP secret; `login` types its code.
      expect(totpSecret).toMatch(role === 'handler' ? /^-$/ : /^[A-Z2-7]{32}$/);
      if (role === 'handler') expect(scope).toMatch(/\.(政务|公益)$/);
      else if (role === 'office_reviewer') expect(scope).toMatch(/^\d{6}$/);
      else expect(scope).toBe('-');
      const c = t.client();
      const res = await c.login(String(username), String(password));
      expect(res.status, username).toBe(200);
      expect(res.body.mustChangePassword).toBe(false);
      expect(res.body.restriction).toBeNull();
      expect(res.body.menu.map((m: { label: string }) => m.label)).toEqual(expectedTopMenu[String(role)]);
      if (role === 'handler') {
        const online = res.body.menu.find((m: { label: string }) => m.label === '网上名称管理');
        expect(online.children.map((m: { label: string }) => m.label)).toEqual(['标识管理', '域名业务管理']);
        const domains = await c.get('/api/domains');
        expect(domains.body.items.map((d: { name: string }) => d.name)).toEqual([scope]);
      }
    }
  });

  it('holds both procedures’ starting points: a 党政机关 on 网络红页 and a 事业单位 on 自建网站', async () => {
    const rows = (await t.db.execute(
      `select u.type, w.hosting, u.uscc, w.english_domain from websites w join units u on u.id = w.unit_id`,
    )) as unknown as { rows: { type: string; hosting: string; uscc: string; english_domain: string | null }[] };
    expect(rows.rows).toContainEqual(expect.objectContaining({ type: 'party_government', hosting: 'red_page' }));
    expect(rows.rows).toContainEqual(expect.objectContaining({ type: 'public_institution', hosting: 'self_hosted' }));
    for (const r of rows.rows) {
      const v = validateUscc(r.uscc, r.type as 'party_government' | 'public_institution');
      expect(v.ok && v.warnings.length === 0, r.uscc).toBe(true);
      expect(r.hosting === 'self_hosted').toBe(r.english_domain !== null);
    }
  });
});

describe('the demo URL转发 (npm start adds it after the seed)', () => {
  it('forwards 桐庐县人民政府办公室.政务 and its www to www.tonglu.gov.cn through the record rules, and the edge answers it', async () => {
    await seedDemoForwarding(t.app);
    const rows = (await t.db.execute(
      `select r.host, r.type, d.name from dns_records r join domains d on d.id = r.domain_id order by r.host`,
    )) as unknown as { rows: { host: string; type: string; name: string }[] };
    expect(rows.rows).toEqual([
      { host: '@', type: 'URL_REDIRECT', name: '桐庐县人民政府办公室.政务' },
      { host: 'www', type: 'URL_REDIRECT', name: '桐庐县人民政府办公室.政务' },
    ]);
    const journal = (await t.db.execute(`select count(*)::int as n from zone_changes`)) as unknown as { rows: { n: number }[] };
    expect(journal.rows[0]?.n).toBe(1);
    const edge = await buildPublicServer({ app: t.app, publicHost: 'edge.zhengming.test', logLevel: 'silent', cacheTtlMs: 0 });
    try {
      const ace = domainToASCII('桐庐县人民政府办公室.政务');
      for (const host of [ace, `www.${ace}`]) {
        const r = await edge.inject({ method: 'GET', url: '/news/?id=1', headers: { host } });
        expect(r.statusCode, host).toBe(301);
        expect(r.headers.location).toBe('https://www.tonglu.gov.cn/news/?id=1');
      }
    } finally {
      await edge.close();
    }
  });
});

describe('service endpoints', () => {
  it('answers /healthz with the database kind', async () => {
    const res = await t.client().get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: t.kind });
  });

  it('publishes the OpenAPI document and its browsable UI', async () => {
    const doc = await t.client().get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/session/login', '/api/admin/users', '/api/websites/{id}']));
    const ui = await t.client().get('/api/docs/');
    expect(ui.status).toBe(200);
  });
});
