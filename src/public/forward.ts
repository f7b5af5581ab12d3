/**
 * Where a 显性URL转发 sends a request. With "keep path" the request's path is appended to the
 * target's and its query replaces the target's (when it has one); the target's host never changes,
 * whatever the request path holds (`//evil.example/x` stays a path).
 */
export function forwardLocation(target: string, keepPath: boolean, requestUrl: string): string {
  if (!keepPath) return target;
  const q = requestUrl.indexOf('?');
  const path = q === -1 ? requestUrl : requestUrl.slice(0, q);
  const search = q === -1 ? '' : requestUrl.slice(q);
  const url = new URL(target);
  if (path !== '/' && path !== '') {
    const base = url.pathname.endsWith('/') ? url.pathname.slice(0, -1) : url.pathname;
    url.pathname = `${base}${path.startsWith('/') ? path : `/${path}`}`;
  }
  if (search.length > 1) url.search = search;
  return url.href;
}
