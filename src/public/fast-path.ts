/**
 * The hot path: a request whose answer is already rendered and fresh in the cache (the badge
 * script, the plain verification page, a red page at `/`) is written straight to the socket,
 * with the same headers, ETag and 304 handling as the Fastify routes, which answer everything
 * else (and these too on a cache miss). It never waits for I/O and never renders.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Edge } from './edge.js';
import { hostnameOf, isSiteHost } from './host.js';
import type { Rendered } from './respond.js';

const badgePath = /^\/badge\/([0-9A-Fa-f]{32})\.js$/;
const verifyPath = /^\/verify\/([0-9A-Fa-f]{32})(?:\?v=(\d{1,7}))?$/;

/** The response head of each rendered body, as the flat array `writeHead` takes: built once. */
const heads = new WeakMap<Rendered, string[]>();

function write(req: IncomingMessage, res: ServerResponse, r: Rendered, headers: Record<string, string>): true {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined && (inm === r.etag || inm.split(',').some((t) => t.trim().replace(/^W\//, '') === r.etag))) {
    res.writeHead(304, { ...headers, etag: r.etag });
    res.end();
    return true;
  }
  let head = heads.get(r);
  if (head === undefined) {
    head = [...Object.entries(headers).flat(), 'etag', r.etag, 'content-length', String(r.body.length)];
    heads.set(r, head);
  }
  res.writeHead(200, head);
  res.end(req.method === 'HEAD' ? undefined : r.body);
  return true;
}

export function fastPath(edge: Edge): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { script, page } = edge.headers;
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const url = req.url ?? '';
    const host = hostnameOf(req.headers.host);
    if (host !== null && isSiteHost(host)) {
      if (url !== '/' && url !== '/index.html') return false;
      const entry = edge.hosts.peek(host);
      return entry?.result.kind === 'page' && entry.page !== undefined ? write(req, res, entry.page, page) : false;
    }
    if (url.startsWith('/badge/')) {
      const m = badgePath.exec(url);
      const entry = m === null ? undefined : edge.badges.peek(m[1]!.toUpperCase());
      return entry?.script !== undefined ? write(req, res, entry.script, script) : false;
    }
    if (url.startsWith('/verify/')) {
      const m = verifyPath.exec(url);
      const entry = m === null ? undefined : edge.badges.peek(m[1]!.toUpperCase());
      if (entry?.site == null || entry.verify === undefined) return false;
      if (m![2] !== undefined && Number(m![2]) < entry.site.badgeVersion) return false;
      return write(req, res, entry.verify, page);
    }
    return false;
  };
}
