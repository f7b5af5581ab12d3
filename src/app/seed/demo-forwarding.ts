import type { AppContext, Ctx } from '../context.js';
import { addRecord } from '../dns/records.js';
import { listDomains } from '../names/names.js';
import { findUserByUsername } from '../../db/repositories/users.js';

/** The demo's URL转发: 桐庐县人民政府 (自建网站) forwards its Chinese domain to its English one. */
export const demoForwarding = { username: 'jbr.tlzfb', target: 'https://www.tonglu.gov.cn/' } as const;

/**
 * Adds the demo's URL转发 pair — `@` and its `www` twin → www.tonglu.gov.cn, 301, path and query
 * kept — as the unit's 经办人 would through 域名解析 → 添加解析: `addRecord`, so the same record
 * rules, zone journal (a new serial) and audit event as the API. `npm start` runs it right after
 * `seedDemo` on a fresh embedded database, so the edge shows URL转发 at
 * `桐庐县人民政府办公室.政务` out of the box. (Apart from `seedDemo`, whose data set the tests share.)
 */
export async function seedDemoForwarding(app: AppContext): Promise<void> {
  const user = await findUserByUsername(app.db, demoForwarding.username);
  if (user === undefined || user.unitId === null) throw new Error(`demo account ${demoForwarding.username} missing`);
  const ctx: Ctx = {
    ...app,
    actor: { id: user.id, username: user.username, role: user.role, unitId: user.unitId, regionCode: null, regionPath: null },
    meta: { ip: null, userAgent: 'zhengming demo seed' },
  };
  const domain = (await listDomains(ctx)).items[0];
  if (domain === undefined) throw new Error(`demo unit of ${demoForwarding.username} has no domain`);
  await addRecord(ctx, domain.id, { host: '@', type: 'URL_REDIRECT', value: demoForwarding.target, redirectCode: 301, keepPath: true });
}
