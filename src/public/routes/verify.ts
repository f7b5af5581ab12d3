import type { FastifyInstance } from 'fastify';
import { badgeEntry, type Edge } from '../edge.js';
import { rendered, sendCached, sendHtml } from '../respond.js';
import { messagePage } from '../views/html.js';
import { verifyPage } from '../views/verify-page.js';

/** `?v=` and `?host=` as the badge script writes them; anything else is ignored, never an error. */
function parseQuery(q: Record<string, unknown>): { v: number | undefined; host: string | undefined } {
  const v = typeof q['v'] === 'string' && /^\d{1,7}$/.test(q['v']) ? Number(q['v']) : undefined;
  const host = typeof q['host'] === 'string' && q['host'].length <= 253 ? q['host'] : undefined;
  return { v: v === 0 ? undefined : v, host };
}

/** `/verify/<id>`: the verification page; `?v=` and `?host=` come from the badge script. */
export function verifyRoutes(f: FastifyInstance, edge: Edge): void {
  const headers = edge.headers.page;
  f.get<{ Params: { id: string }; Querystring: Record<string, string> }>('/verify/:id', async (req, reply) => {
    const id = req.params.id;
    const entry = /^[0-9A-Fa-f]{32}$/.test(id) ? await badgeEntry(edge, id.toUpperCase()) : { site: null };
    if (entry.site === null) return sendHtml(reply, 404, messagePage(edge.base, '网站标识不存在', '没有编号为此的网站标识。请核对链接，或通过网站查询核实网站的登记信息。'), 'public, max-age=60');
    const q = parseQuery(req.query ?? {});
    const plain = (q.host === undefined || q.host === '') && (q.v === undefined || q.v >= entry.site.badgeVersion);
    if (!plain) return sendCached(req, reply, rendered(verifyPage(entry.site, { version: q.v, host: q.host }, edge.publicHost)), headers);
    entry.verify ??= rendered(verifyPage(entry.site, {}, edge.publicHost));
    return sendCached(req, reply, entry.verify, headers);
  });
}
