import { reportCategories } from '../../app/public/reports.js';
import { esc, page } from './html.js';

export interface ReportForm {
  badgeId?: string | undefined;
  /** Shown above the form when the visitor came from a verification page. */
  about?: string | undefined;
  target?: string | undefined;
  category?: string | undefined;
  description?: string | undefined;
  contact?: string | undefined;
}

export function reportPage(f: ReportForm, publicHost: string, message?: { ok: boolean; text: string }): string {
  const base = `//${publicHost}`;
  const note = message === undefined ? '' : `<div class="${message.ok ? 'ok' : 'notice'}" role="status">${esc(message.text)}</div>`;
  if (message?.ok === true) return page({ base, title: '举报', body: `<h1>举报</h1>${note}<p><a href="${base}/search">返回网站查询</a></p>` });
  const options = Object.entries(reportCategories)
    .map(([v, l]) => `<option value="${v}"${v === f.category ? ' selected' : ''}>${l}</option>`)
    .join('');
  const body = `<h1>举报</h1>${note}
${f.about === undefined ? '' : `<p>举报对象：${esc(f.about)}</p>`}
<form method="post" action="${base}/report">
<input type="hidden" name="badgeId" value="${esc(f.badgeId)}">
<label for="target">被举报的网站名称或域名</label><input type="text" id="target" name="target" maxlength="253" value="${esc(f.target)}">
<label for="category">举报类型</label><select id="category" name="category">${options}</select>
<label for="description">举报内容（必填）</label><textarea id="description" name="description" rows="6" maxlength="2000" required>${esc(f.description)}</textarea>
<label for="contact">联系方式（选填）</label><input type="text" id="contact" name="contact" maxlength="100" value="${esc(f.contact)}">
<p><button type="submit">提交举报</button></p></form>`;
  return page({ base, title: '举报', body });
}
