import type { PublicSite } from '../../app/public/public-site.js';
import { unitTypeLabel } from '../../domain/types.js';
import { badgeHtml } from './badge-html.js';
import { esc, messagePage, page, paragraphs, rows } from './html.js';

/** 网络红页: the unit's public record, its 网站简介, contact and the badge. */
export function redPage(site: PublicSite, publicHost: string): string {
  const base = `//${publicHost}`;
  const body = [
    `<h1>${esc(site.unit.name)}</h1>`,
    rows([
      ['机构名称', esc(site.unit.name)],
      ['机构类型', unitTypeLabel[site.unit.type]],
      ['机构地址', esc(site.redPage.address)],
      ['机构职能', paragraphs(site.redPage.functions)],
      ['联系电话', esc(site.redPage.phone ?? '—')],
      ['网站名称', esc(site.websiteName)],
      ['中文域名', esc(site.domainName)],
      ['标识编号', esc(site.badgeNumber)],
    ]),
    `<h2>网站简介</h2>${paragraphs(site.description)}`,
    `<p style="text-align:center">${badgeHtml(site, base)}</p>`,
  ].join('\n');
  return page({ base, title: `${site.websiteName} — 网络红页`, body });
}

export function withdrawnPage(domainName: string, reason: 'deregistered' | 'self_hosted', publicHost: string): string {
  const text =
    reason === 'deregistered'
      ? `${domainName} 的网络红页已撤销：该网站标识已注销。`
      : `${domainName} 的网络红页已撤销：该单位已改为在自建网站上悬挂网站标识。`;
  return messagePage(`//${publicHost}`, '网络红页已撤销', text);
}

/** 隐性URL转发: a full-window frame of the target, titled with the 网站名称. */
export function framePage(title: string, target: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>html,body{margin:0;height:100%;overflow:hidden}iframe{border:0;width:100%;height:100%}</style></head>
<body><iframe src="${esc(target)}" title="${esc(title)}"></iframe></body></html>`;
}
