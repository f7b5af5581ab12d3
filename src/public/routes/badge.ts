import type { FastifyInstance } from 'fastify';
import { badgeEntry, type Edge } from '../edge.js';
import { rendered, sendCached } from '../respond.js';
import { badgeScript, unknownBadgeScript } from '../views/badge-script.js';
import { imageByFile } from '../views/badge-images.js';

const scriptFile = /^([0-9A-Fa-f]{32})\.js$/;


/** `/badge/<id>.js` (short max-age, ETag) and `/badge/img/<kind>-<hash>.svg` (a year, immutable). */
export function badgeRoutes(f: FastifyInstance, edge: Edge): void {
  const scriptHeaders = edge.headers.script;
  const imageHeaders = edge.headers.image;
  const unknown = rendered(unknownBadgeScript);

  f.get<{ Params: { file: string } }>('/badge/img/:file', (req, reply) => {
    const img = imageByFile.get(req.params.file);
    if (img === undefined) return reply.code(404).header('x-content-type-options', 'nosniff').type('text/plain; charset=utf-8').send('标识图片不存在');
    return sendCached(req, reply, img, imageHeaders);
  });

  f.get<{ Params: { file: string } }>('/badge/:file', async (req, reply) => {
    const m = scriptFile.exec(req.params.file);
    if (m === null) return sendCached(req, reply, unknown, { ...scriptHeaders, 'cache-control': 'public, max-age=60' }, 404);
    const entry = await badgeEntry(edge, m[1]!.toUpperCase());
    if (entry.site === null) return sendCached(req, reply, unknown, { ...scriptHeaders, 'cache-control': 'public, max-age=60' }, 404);
    entry.script ??= rendered(badgeScript(entry.site, edge.publicHost));
    return sendCached(req, reply, entry.script, scriptHeaders);
  });
}
