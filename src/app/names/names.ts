import {
  findDomainInScope,
  findWebsiteInScope,
  listDomainsInScope,
  listWebsitesInScope,
} from '../../db/repositories/names.js';
import type { domains, websites } from '../../db/schema/index.js';
import { businessScope } from '../../domain/access/scope.js';
import { NotFound } from '../../domain/errors.js';
import { applicationTypeLabel, hostingLabel, type ApplicationStatus, type ApplicationType } from '../../domain/types.js';
import type { Actor } from '../../domain/access/actor.js';
import { applicationStatusLabel } from '../../domain/applications/transitions.js';
import { openApplicationsForWebsites } from '../../db/repositories/applications.js';
import type { Ctx } from '../context.js';

const domainStatusLabel = { active: '正常', expired: '已过期', deregistered: '已注销' } as const;
const websiteStatusLabel = { pending: '待发放', active: '有效', deregistered: '已注销' } as const;

/** 域名解析: the unit's 经办人 manages its records; reviewers in scope may look. */
const domainActions = (actor: Actor): string[] => (actor.role === 'handler' || actor.role === 'office_reviewer' || actor.role === 'center_reviewer' ? ['dns'] : []);

type OpenApplication = { id: string; number: string; type: ApplicationType; status: ApplicationStatus };

/** 变更 and 注销 need an active badge and no other open application; 标识代码 an issued badge. */
function websiteActions(actor: Actor, w: typeof websites.$inferSelect, open: OpenApplication | undefined): string[] {
  if (actor.role !== 'handler' || w.status !== 'active') return [];
  const actions = open === undefined ? ['change', 'deregister'] : [];
  if (w.badgePublicId !== null) actions.push('badge_code');
  return actions;
}

function presentDomain(actor: Actor, r: { domain: typeof domains.$inferSelect; unitName: string }) {
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
    allowedActions: domainActions(actor),
  };
}

function presentWebsite(actor: Actor, r: { website: typeof websites.$inferSelect; unitName: string; domainName: string }, open: OpenApplication | undefined) {
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
    openApplication:
      open === undefined
        ? null
        : { id: open.id, number: open.number, typeLabel: applicationTypeLabel[open.type], statusLabel: applicationStatusLabel[open.status] },
    allowedActions: websiteActions(actor, w, open),
  };
}

const listLimit = 500;

export async function listDomains(ctx: Ctx) {
  const rows = await listDomainsInScope(ctx.db, businessScope(ctx.actor), listLimit);
  return { items: rows.map((r) => presentDomain(ctx.actor, r)) };
}

export async function getDomain(ctx: Ctx, id: string) {
  const row = await findDomainInScope(ctx.db, businessScope(ctx.actor), id);
  if (row === undefined) throw new NotFound('域名');
  return presentDomain(ctx.actor, row);
}

export async function listWebsites(ctx: Ctx) {
  const rows = await listWebsitesInScope(ctx.db, businessScope(ctx.actor), listLimit);
  const open = await openApplicationsForWebsites(ctx.db, rows.map((r) => r.website.id));
  return { items: rows.map((r) => presentWebsite(ctx.actor, r, open.get(r.website.id))) };
}

/** 标识代码: the snippet the webmaster pastes into every page (protocol-relative: never plain http). */
export async function badgeCode(ctx: Ctx, id: string, publicHost: string) {
  const row = await findWebsiteInScope(ctx.db, businessScope(ctx.actor), id);
  if (row === undefined || row.website.badgePublicId === null || row.website.status !== 'active') throw new NotFound('网站标识');
  const scriptUrl = `//${publicHost}/badge/${row.website.badgePublicId}.js`;
  return {
    badgeNumber: row.website.badgeNumber,
    badgeVersion: row.website.badgeVersion,
    scriptUrl,
    verifyUrl: `//${publicHost}/verify/${row.website.badgePublicId}`,
    snippet: `<script src="${scriptUrl}"></script>`,
  };
}

export async function getWebsite(ctx: Ctx, id: string) {
  const row = await findWebsiteInScope(ctx.db, businessScope(ctx.actor), id);
  if (row === undefined) throw new NotFound('网站');
  const open = await openApplicationsForWebsites(ctx.db, [row.website.id]);
  return presentWebsite(ctx.actor, row, open.get(row.website.id));
}
