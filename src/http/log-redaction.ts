/**
 * What the request log may keep of a URL. Query strings carry what people type into search boxes
 * (an admin's `?q=` may be a 经办人's mobile number or 身份证号, the delivery log's `?to=` an
 * address): only the values of parameters known to hold no personal data are kept, every other
 * value is replaced, its name kept so the log still shows what kind of request it was.
 */
const keptQueryValues: ReadonlySet<string> = new Set([
  'page', 'pageSize', 'limit', 'cursor', 'sort', 'status', 'type', 'unitType', 'overdue', 'step',
  'result', 'action', 'channel', 'regionCode', 'submittedFrom', 'submittedTo', 'from',
]);

export const redactedValue = '[redacted]';

/** `/api/admin/users?q=13800000000&page=2` → `/api/admin/users?q=[redacted]&page=2`. */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const query = url.slice(at + 1);
  if (query === '') return url;
  const parts = query.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    if (eq < 0) return pair;
    return keptQueryValues.has(safeDecode(rawName)) ? pair : `${rawName}=${redactedValue}`;
  });
  return `${url.slice(0, at)}?${parts.join('&')}`;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

interface LoggedRequest {
  method: string;
  url: string;
  hostname?: string;
  ip?: string;
  socket?: { remotePort?: number | undefined } | null;
}

/** Fastify's default request serializer, with the URL's query values redacted. */
export function requestLogSerializer(req: LoggedRequest) {
  return {
    method: req.method,
    url: redactUrl(req.url),
    ...(req.hostname === undefined ? {} : { host: req.hostname }),
    ...(req.ip === undefined ? {} : { remoteAddress: req.ip }),
    ...(req.socket?.remotePort === undefined ? {} : { remotePort: req.socket.remotePort }),
  };
}
