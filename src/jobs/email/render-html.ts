const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * The HTML part of an email from its plain text: every line escaped (the text carries what units
 * wrote, e.g. reasons), paragraphs kept, and a button linking to the page it is about.
 */
export function renderEmail(subject: string, text: string, link: string | null): { text: string; html: string } {
  const paragraphs = text
    .split(/\n{2,}/)
    .map((p) => `<p style="margin:0 0 12px">${p.split('\n').map(escapeHtml).join('<br>')}</p>`)
    .join('');
  const button =
    link === null
      ? ''
      : `<p style="margin:20px 0"><a href="${escapeHtml(link)}" style="background:#c00;color:#fff;padding:8px 16px;text-decoration:none;border-radius:4px">登录系统查看</a></p>`;
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:'Microsoft YaHei','PingFang SC',sans-serif;font-size:14px;color:#222"><h2 style="font-size:16px">${escapeHtml(subject)}</h2>${paragraphs}${button}<p style="color:#888;font-size:12px">网上名称注册管理系统 · 政务和公益机构域名注册管理中心（本邮件由系统自动发送，请勿回复）</p></body></html>`;
  return { text: link === null ? text : `${text}\n\n登录系统查看：${link}`, html };
}
