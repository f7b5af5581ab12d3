import type { PublicSite } from '../../app/public/public-site.js';
import { badgeStatus, badgeStatusLabel, errorBadgeReason, hostnameOfPublicHost } from '../../domain/websites/badge-hosts.js';
import { hostingLabel, unitTypeLabel } from '../../domain/types.js';
import { badgeHtml } from './badge-html.js';
import { cnDate, esc, page, paragraphs, rows } from './html.js';

export interface VerifyQuery {
  /** The badge version the link carried (the script puts it there). */
  version?: number | undefined;
  /** The host the error badge was shown on (the script adds it for the error badge only). */
  host?: string | undefined;
}

/** 标识核验: the fields of 管理办法 第四条, the status, and why an error badge showed. */
export function verifyPage(site: PublicSite, q: VerifyQuery, publicHost: string): string {
  const base = `//${publicHost}`;
  const status = badgeStatus(site, q.version);
  const statusClass = status.kind === 'valid' ? 'status-valid' : 'status-bad';
  const reason = errorBadgeReason(site, q.host, hostnameOfPublicHost(publicHost));
  const domains = [`中文域名：${esc(site.domainName)}`];
  if (site.hosting === 'self_hosted' && site.englishDomain !== null) domains.push(`英文域名：${esc(site.englishDomain)}`);
  else domains.push(`网络红页：<a href="${esc(`${base}/redpage/${site.domainName}`)}">${esc(site.domainName)}</a>`);
  const statusText =
    status.kind === 'deregistered'
      ? `已注销（${cnDate(site.deregisteredAt)}）`
      : status.kind === 'changed'
        ? `已变更为第${status.version}版（您看到的是第${status.seenVersion}版）`
        : status.kind === 'valid'
          ? `有效（第${status.version}版）`
          : badgeStatusLabel(status);
  const body = [
    `<h1>网站标识核验</h1>`,
    reason === null ? '' : `<div class="notice" data-testid="error-reason"><strong>为什么显示错误标识：</strong>${esc(reason)}</div>`,
    badgeHtml(site, base),
    rows([
      ['机构名称', esc(site.unit.name)],
      ['机构类型', unitTypeLabel[site.unit.type]],
      ['机构地址', esc(site.unit.address)],
      ['机构职能', paragraphs(site.unit.functions)],
      ['网站名称', esc(site.websiteName)],
      ['中英文域名', domains.join('<br>')],
      ['挂标位置', hostingLabel[site.hosting]],
      ['标识编号', esc(site.badgeNumber)],
      ['发放单位', esc(site.issuer)],
      ['发放时间', cnDate(site.badgeIssuedAt)],
      ['状态', `<span class="${statusClass}" data-testid="badge-status">${statusText}</span>`],
    ]),
    `<p>如发现该网站冒用标识或信息不实，请<a href="${esc(`${base}/report?id=${site.publicId}`)}">举报</a>。</p>`,
  ].join('\n');
  return page({ base, title: `网站标识核验 — ${site.websiteName}`, body });
}
