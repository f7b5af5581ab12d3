/**
 * HTML for the public pages: every value that comes from the database passes through `esc`
 * (text and double-quoted attributes alike). Pages are complete documents with inline CSS and no
 * script, so they read without JavaScript and the CSP can forbid scripts outright.
 */

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const esc = (s: string | null | undefined): string => (s ?? '').replace(/[&<>"']/g, (c) => entities[c] ?? c);

/** A date as 2026年11月28日 (China Standard Time). */
export function cnDate(d: Date | null): string {
  if (d === null) return '—';
  const t = new Date(d.getTime() + 8 * 3_600_000);
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日`;
}

/** Multi-line text a unit wrote: escaped, line breaks kept. */
export const paragraphs = (s: string): string =>
  s
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => `<p>${esc(l)}</p>`)
    .join('');

const css = `body{margin:0;font:15px/1.7 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#222;background:#f5f5f5}
header{background:#b5121b;color:#fff;padding:10px 24px}header a{color:#fff;text-decoration:none;font-weight:bold}
header nav{float:right}header nav a{font-weight:normal;margin-left:16px}
main{max-width:860px;margin:24px auto;background:#fff;padding:24px 32px;border-radius:4px}
h1{font-size:22px;margin:0 0 16px}h2{font-size:17px;margin:24px 0 8px}
table.info{border-collapse:collapse;width:100%}table.info th,table.info td{border:1px solid #ddd;padding:8px 12px;text-align:left;vertical-align:top}
table.info th{width:130px;background:#fafafa;font-weight:normal;color:#555}
.status-valid{color:#1a7f37;font-weight:bold}.status-bad{color:#b5121b;font-weight:bold}
.notice{border-left:4px solid #b5121b;background:#fff4f4;padding:8px 12px;margin:12px 0}
.ok{border-left:4px solid #1a7f37;background:#f0fff4;padding:8px 12px;margin:12px 0}
form.search input[type=text]{width:60%;padding:6px}label{display:block;margin:8px 0 2px}
textarea,input[type=text],select{font:inherit;padding:4px;max-width:100%}textarea{width:100%}
footer{text-align:center;color:#888;font-size:13px;margin:24px}.badge img{border:0}
ul.hits{list-style:none;padding:0}ul.hits li{border-bottom:1px solid #eee;padding:8px 0}`;

export interface Layout {
  title: string;
  body: string;
  /** Protocol-relative base of the edge's own links (`//PUBLIC_HOST`), so pages served on a
   * Chinese domain's host still link to the search, verification and report pages. */
  base: string;
}

export function page(l: Layout): string {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(l.title)}</title><style>${css}</style></head>
<body><header><a href="${l.base}/">网上名称注册管理系统 · 公共服务</a><nav><a href="${l.base}/search">网站查询</a><a href="${l.base}/report">举报</a></nav></header>
<main>${l.body}</main>
<footer>网站标识与网络红页由网上名称注册管理中心发布 · 信息以本系统登记为准</footer></body></html>`;
}

/** A page that only says something plainly (404, 410, 429…). */
export const messagePage = (base: string, title: string, text: string): string =>
  page({ base, title, body: `<h1>${esc(title)}</h1><p>${esc(text)}</p><p><a href="${base}/search">查询已登记的网站</a></p>` });

/** The table rows of a field list: label and already-escaped HTML. */
export const rows = (items: [string, string][]): string =>
  `<table class="info">${items.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${v}</td></tr>`).join('')}</table>`;
