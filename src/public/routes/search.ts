import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SearchTooSlow, searchPublic, type SearchInput } from '../../app/public/search.js';
import type { Edge } from '../edge.js';
import { sendHtml } from '../respond.js';
import { searchPage } from '../views/search-page.js';

const query = z.object({
  q: z.string().max(64).catch('').default(''),
  field: z.enum(['all', 'unit', 'domain', 'website']).catch('all').default('all'),
  page: z.coerce.number().int().min(1).max(500).catch(1).default(1),
});

const pageSize = 20;

/** `/` and `/search`: search by 机构名称, 域名 or 网站名称, 20 a page. */
export function searchRoutes(f: FastifyInstance, edge: Edge): void {
  f.get<{ Querystring: Record<string, string> }>('/search', async (req, reply) => {
    const raw = req.query ?? {};
    const tooLong = typeof raw['q'] === 'string' && [...raw['q']].length > 64;
    const q = query.parse(raw);
    const input: SearchInput = { q: tooLong ? '' : q.q, field: q.field, page: q.page, pageSize };
    if (tooLong) return sendHtml(reply, 400, searchPage(input, null, edge.publicHost, '查询内容不能超过64个字'));
    let result = null;
    try {
      result = input.q.trim() === '' ? null : await searchPublic(edge.app, input);
    } catch (err) {
      if (err instanceof SearchTooSlow) return sendHtml(reply, 503, searchPage(input, null, edge.publicHost, err.message));
      throw err;
    }
    return sendHtml(reply, 200, searchPage(input, result, edge.publicHost), 'public, max-age=30');
  });
  f.get('/', async (_req, reply) =>
    sendHtml(reply, 200, searchPage({ q: '', field: 'all', page: 1, pageSize }, null, edge.publicHost), 'public, max-age=300'),
  );
}
