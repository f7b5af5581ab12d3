import type { Db } from '../../db/client.js';
import { linkApplicationWebsite, nextBadgeSerial, type ApplicationRow } from '../../db/repositories/applications.js';
import type { units } from '../../db/schema/index.js';
import { insertDnsProposal, insertWebsite, updateWebsite, type WebsiteRow } from '../../db/repositories/websites.js';
import { bumpZoneSerial, insertZoneChange } from '../../db/repositories/dns.js';
import { nextSerial } from '../../domain/dns/serial.js';
import { chineseTldAce } from '../../domain/validators/chinese-domain.js';
import { eq } from 'drizzle-orm';
import { domains } from '../../db/schema/index.js';
import type { ApplicationPayload, SitePayload } from '../../domain/applications/payload.js';
import { formatBadgeNumber, newBadgePublicId } from '../../domain/websites/badge.js';

type Unit = typeof units.$inferSelect;

export interface ApprovalSummary {
  sms: string;
  text: string;
  websiteId: string;
}

const hangBadge =
  '请在“网上名称管理 → 标识管理 → 标识代码”中复制标识代码，交网站管理员悬挂在网站所有页面底部中间位置。';
const dnsStep = (english: string) =>
  `挂标位置已改为自建网站：请在“网上名称管理 → 域名业务管理 → 域名解析”中删除原解析内容，添加解析（主机记录 @，记录类型 URL转发，目标地址 ${english}），点击确认后自动生成两条记录。`;

function siteFields(p: SitePayload, unit: Unit) {
  const red = p.hosting === 'red_page';
  return {
    name: p.websiteName,
    hosting: p.hosting,
    englishDomain: p.englishDomain ?? null,
    ipAddresses: p.ipAddresses ?? [],
    description: p.description,
    redPageAddress: red ? (p.redPage?.address ?? unit.address) : null,
    redPageFunctions: red ? (p.redPage?.functions ?? unit.functions) : null,
    redPagePhone: red ? (p.redPage?.phone ?? unit.phone) : null,
  };
}

const sameSite = (w: WebsiteRow, f: ReturnType<typeof siteFields>) =>
  w.name === f.name &&
  w.hosting === f.hosting &&
  w.englishDomain === f.englishDomain &&
  JSON.stringify(w.ipAddresses) === JSON.stringify(f.ipAddresses) &&
  w.description === f.description;

/**
 * A website published, switched or deregistered changes what its domain's `@` and `www` answer
 * (网络红页 names answer with the edge): the TLD zone gets a new serial, so the primary rebuilds
 * and secondaries are told, in the approval's transaction.
 */
async function bumpZoneFor(tx: Db, domainId: string, reason: string, now: Date): Promise<void> {
  const [domain] = await tx.select().from(domains).where(eq(domains.id, domainId)).limit(1);
  if (domain === undefined) return;
  const zone = chineseTldAce[domain.tld];
  const serial = await bumpZoneSerial(tx, zone, (current) => nextSerial(current, now), now);
  await insertZoneChange(tx, { domainId, zone, serial, change: { domain: domain.ace, reason }, createdAt: now });
}

/**
 * What a final approval does, in the approval's transaction: 新开办 creates the website and issues
 * its badge; 变更 updates it and versions the badge (a hosting switch publishes or withdraws the
 * red page and proposes the DNS change); 资格复核 renews the qualification; 注销 deregisters.
 */
export async function applyApprovalEffects(
  tx: Db,
  app: ApplicationRow,
  ctx: { unit: Unit; website: WebsiteRow | null; now: Date },
): Promise<ApprovalSummary> {
  const p = app.payload as ApplicationPayload;
  const { unit, website, now } = ctx;
  if (p.type === 'new_site') {
    const f = siteFields(p, unit);
    const badgeNumber = formatBadgeNumber(unit.regionCode, now.getUTCFullYear(), await nextBadgeSerial(tx));
    const created = await insertWebsite(tx, {
      unitId: unit.id,
      domainId: p.domainId,
      ...f,
      status: 'active',
      badgePublicId: newBadgePublicId(),
      badgeNumber,
      badgeVersion: 1,
      badgeIssuedAt: now,
      qualifiedAt: now,
      redPagePublishedAt: f.hosting === 'red_page' ? now : null,
      createdAt: now,
      updatedAt: now,
    });
    await linkApplicationWebsite(tx, app.id, created.id);
    if (f.hosting === 'red_page') await bumpZoneFor(tx, p.domainId, 'red_page_published', now);
    const where = f.hosting === 'red_page' ? '网络红页已发布。' : hangBadge;
    return { websiteId: created.id, sms: `标识编号${badgeNumber}。`, text: `网站标识已发放，标识编号 ${badgeNumber}。\n${where}` };
  }
  if (website === null) throw new Error(`${p.type} approved without a website`);
  if (p.type === 'deregister') {
    await updateWebsite(tx, website.id, {
      status: 'deregistered',
      deregisteredAt: now,
      redPageWithdrawnAt: website.hosting === 'red_page' ? now : website.redPageWithdrawnAt,
      version: website.version + 1,
      updatedAt: now,
    });
    if (website.hosting === 'red_page') await bumpZoneFor(tx, website.domainId, 'red_page_withdrawn', now);
    return {
      websiteId: website.id,
      sms: '网站标识已注销。',
      text: '网站标识已注销。如需将网站标识挂在网络红页上，请在“网站开办审核/资格复核申请”中点击“点击申请”，提交新开办网站申请。',
    };
  }
  const f = siteFields(p, unit);
  const changed = !sameSite(website, f);
  const switched = website.hosting !== f.hosting;
  const badgeVersion = changed ? website.badgeVersion + 1 : website.badgeVersion;
  await updateWebsite(tx, website.id, {
    ...f,
    badgeVersion,
    qualifiedAt: p.type === 're_review' ? now : website.qualifiedAt,
    redPagePublishedAt: switched && f.hosting === 'red_page' ? now : website.redPagePublishedAt,
    redPageWithdrawnAt: switched && f.hosting === 'self_hosted' ? now : f.hosting === 'red_page' ? null : website.redPageWithdrawnAt,
    version: website.version + 1,
    updatedAt: now,
  });
  if (switched) {
    await bumpZoneFor(tx, website.domainId, `hosting_${f.hosting}`, now);
    await insertDnsProposal(tx, {
      domainId: website.domainId,
      applicationId: app.id,
      status: 'proposed',
      createdAt: now,
      proposal:
        f.hosting === 'self_hosted'
          ? { reason: 'hosting_switch', from: 'red_page', to: 'self_hosted', deleteExisting: true, add: [{ host: '@', type: 'URL转发', target: `http://${f.englishDomain ?? ''}` }] }
          : { reason: 'hosting_switch', from: 'self_hosted', to: 'red_page', deleteExisting: true, add: [{ host: '@', type: 'red_page' }, { host: 'www', type: 'red_page' }] },
    });
  }
  const lines = [`标识编号 ${website.badgeNumber ?? ''}${changed ? `，已更新为第${badgeVersion}版` : ''}。`];
  if (switched && f.hosting === 'self_hosted') lines.push(hangBadge, dnsStep(f.englishDomain ?? ''));
  if (switched && f.hosting === 'red_page') lines.push('网络红页已发布。');
  if (p.type === 're_review') lines.push('网站资格复核已通过。');
  return { websiteId: website.id, sms: `标识编号${website.badgeNumber ?? ''}。`, text: lines.join('\n') };
}
