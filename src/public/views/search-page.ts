import type { SearchInput, SearchResult } from '../../app/public/search.js';
import { hostingLabel, unitTypeLabel } from '../../domain/types.js';
import { esc, page } from './html.js';

const fields: [SearchInput['field'], string][] = [
  ['all', '全部'],
  ['unit', '机构名称'],
  ['domain', '域名'],
  ['website', '网站名称'],
];

const link = (base: string, input: SearchInput, p: number) =>
  esc(`${base}/search?q=${encodeURIComponent(input.q)}&field=${input.field}&page=${p}`);

export function searchPage(input: SearchInput, result: SearchResult | null, publicHost: string, message?: string): string {
  const base = `//${publicHost}`;
  const form = `<form class="search" method="get" action="${base}/search">
<input type="text" name="q" maxlength="64" value="${esc(input.q)}" aria-label="查询内容" placeholder="机构名称、域名或网站名称">
<select name="field" aria-label="查询范围">${fields.map(([v, l]) => `<option value="${v}"${v === input.field ? ' selected' : ''}>${l}</option>`).join('')}</select>
<button type="submit">查询</button></form>`;
  const parts = [`<h1>网站查询</h1>`, form];
  if (message !== undefined) parts.push(`<div class="notice">${esc(message)}</div>`);
  if (result !== null) {
    if (result.prefixOnly) parts.push(`<p class="note">查询内容少于3个字，只列出以“${esc(input.q.trim())}”开头的机构名称、域名和网站名称；输入3个字或更多可按任意位置查询。</p>`);
    if (result.items.length === 0) parts.push(`<p>没有找到与“${esc(input.q)}”相符的网站。</p>`);
    else {
      parts.push(
        `<ul class="hits">${result.items
          .map(
            (h) =>
              `<li><a href="${esc(`${base}/verify/${h.publicId}`)}">${esc(h.websiteName)}</a>（${esc(h.unitName)}，${unitTypeLabel[h.unitType]}）<br>` +
              `${esc(h.domainName)}${h.englishDomain === null ? '' : ` · ${esc(h.englishDomain)}`} · ${hostingLabel[h.hosting]}${h.status === 'deregistered' ? ' · <span class="status-bad">已注销</span>' : ''}</li>`,
          )
          .join('')}</ul>`,
      );
    }
    const nav: string[] = [];
    if (result.page > 1) nav.push(`<a href="${link(base, input, result.page - 1)}" rel="prev">上一页</a>`);
    if (result.items.length > 0) nav.push(`第${result.page}页`);
    if (result.hasNext) nav.push(`<a href="${link(base, input, result.page + 1)}" rel="next">下一页</a>`);
    parts.push(`<p>${nav.join(' ')}</p>`);
  }
  return page({ base, title: '网站查询', body: parts.join('\n') });
}
