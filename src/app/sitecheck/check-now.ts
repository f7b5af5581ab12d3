import { findOwnWebsite } from '../../db/repositories/websites.js';
import { InvalidInput } from '../../domain/errors.js';
import { canonicalAddress } from '../../domain/sitecheck/address.js';
import { SiteCheckUnavailable } from '../../domain/sitecheck/rules.js';
import { validateEnglishDomain } from '../../domain/validators/english-domain.js';
import { recordAudit } from '../audit/record.js';
import { verifyHandler } from '../applications/create-application.js';
import type { Ctx } from '../context.js';
import { presentSiteCheck, type SiteCheckView } from './present.js';
import { runCheckFor, saveCheck } from './run-check.js';

export interface CheckNowInput {
  englishDomain: string;
  ipAddresses: string[];
  websiteName: string;
  /** The website of a 变更 / 资格复核 form: its badge script is looked for. */
  websiteId?: string | undefined;
}

/**
 * 检测: the 经办人 checks the form's 英文域名, IP地址 and 网站名称 before submitting and sees what
 * differs. The addresses need only be well-formed here: the checker itself refuses to reach a
 * non-public one, and says so. Kept (trigger `manual`) and audited: whoever makes the server
 * fetch something is on record.
 * @throws HANDLER_ONLY, InvalidInput (英文域名 not a bare domain, IP地址 malformed), TooManyRequests
 */
export async function checkSiteNow(ctx: Ctx, input: CheckNowInput): Promise<SiteCheckView> {
  const unitId = verifyHandler(ctx);
  if (ctx.siteChecker === undefined) throw new SiteCheckUnavailable();
  const domain = validateEnglishDomain(input.englishDomain);
  if (!domain.ok) throw new InvalidInput(domain.code, `英文域名：${domain.message}`, 'englishDomain');
  const ipAddresses = input.ipAddresses.map((ip, i) => {
    const c = canonicalAddress(ip);
    if (c === null) throw new InvalidInput('IP_INVALID', 'IP地址：请填写有效的IPv4或IPv6地址', `ipAddresses.${i}`);
    return c;
  });
  if (ipAddresses.length === 0) throw new InvalidInput('IP_REQUIRED', '请填写IP地址', 'ipAddresses');
  const website = input.websiteId === undefined ? undefined : await findOwnWebsite(ctx.db, unitId, input.websiteId);
  const badgePublicId = website !== undefined && website.status === 'active' ? website.badgePublicId : null;
  const target = { englishDomain: domain.value, ipAddresses, websiteName: input.websiteName.trim(), badgePublicId };
  return runCheckFor(ctx, ctx.siteChecker, target, (ran) => ctx.db.transaction(async (tx) => {
    const row = await saveCheck(tx, ran, { trigger: 'manual', unitId, websiteId: website?.id ?? null, requestedBy: ctx.actor.id });
    await recordAudit(tx, ctx.clock, ctx.meta, {
      action: 'site_check',
      result: 'success',
      actor: { id: ctx.actor.id, username: ctx.actor.username },
      target: { type: 'site_check', id: row.id },
      details: { trigger: 'manual', englishDomain: row.englishDomain, ipAddresses: row.ipAddresses, outcome: row.outcome },
    });
    return presentSiteCheck(row, ctx.actor.username);
  }));
}
