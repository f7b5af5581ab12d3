import {
  findDomainInScope,
  findWebsiteInScope,
  listDomainsInScope,
  listWebsitesInScope,
} from '../../db/repositories/names.js';
import type { domains, websites } from '../../db/schema/index.js';
import { businessScope } from '../../domain/access/scope.js';
import { NotFound } from '../../domain/errors.js';
import { hostingLabel } from '../../domain/types.js';
import type { Ctx } from '../context.js';

const domainStatusLabel = { active: '正常', expired: '已过期', deregistered: '已注销' } as const;
const websiteStatusLabel = { pending: '待发放', active: '有效', deregistered: '已注销' } as const;

/** Later issues add the actions (变更, 注销, 标识代码, 域名解析) as their use cases land. */
const noActionsYet: string[] = [];

function presentDomain(r: { domain: typeof domains.$inferSelect; unitName: string }) {
  const d = r.domain;
  return {
    id: d.id,
    name: d.name,
    ace: d.ace,
    tld: d.tld,
    status: d.status,
    statusLabel: domainStatusLabel[d.status],
    registeredAt: d.registeredAt.toISOString(),
    expiresAt: d.expiresAt.toISOString(),
    unit: { id: d.unitId, name: r.unitName },
    allowedActions: noActionsYet,
  };
}

function presentWebsite(r: { website: typeof websites.$inferSelect; unitName: string; domainName: string }) {
  const w = r.website;
  return {
    id: w.id,
    name: w.name,
    domain: { id: w.domainId, name: r.domainName },
    hosting: w.hosting,
    hostingLabel: hostingLabel[w.hosting],
    englishDomain: w.englishDomain,
    ipAddresses: w.ipAddresses,
    description: w.description,
    status: w.status,
    statusLabel: websiteStatusLabel[w.status],
    badgeNumber: w.badgeNumber,
    badgeVersion: w.badgeVersion,
    unit: { id: w.unitId, name: r.unitName },
    allowedActions: noActionsYet,
  };
}

const listLimit = 500;

export async function listDomains(ctx: Ctx) {
  const rows = await listDomainsInScope(ctx.db, businessScope(ctx.actor), listLimit);
  return { items: rows.map(presentDomain) };
}

export async function getDomain(ctx: Ctx, id: string) {
  const row = await findDomainInScope(ctx.db, businessScope(ctx.actor), id);
  if (row === undefined) throw new NotFound('域名');
  return presentDomain(row);
}

export async function listWebsites(ctx: Ctx) {
  const rows = await listWebsitesInScope(ctx.db, businessScope(ctx.actor), listLimit);
  return { items: rows.map(presentWebsite) };
}

export async function getWebsite(ctx: Ctx, id: string) {
  const row = await findWebsiteInScope(ctx.db, businessScope(ctx.actor), id);
  if (row === undefined) throw new NotFound('网站');
  return presentWebsite(row);
}
