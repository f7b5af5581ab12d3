import type { MenuItem } from './types';

/** Pages every logged-in user may open whatever the server's menu says. */
const alwaysAllowed = ['/', '/account', '/inbox'];

export function menuPaths(menu: MenuItem[]): string[] {
  const out: string[] = [];
  const walk = (items: MenuItem[]) => {
    for (const m of items) {
      if (m.path) out.push(m.path);
      if (m.children) walk(m.children);
    }
  };
  walk(menu);
  return out;
}

const under = (pathname: string, p: string): boolean =>
  p === '/' ? pathname === '/' : pathname === p || pathname.startsWith(`${p}/`);

/**
 * The server decides what a role may use by the menu it sends: a page is reachable when its path
 * (or a parent path) is in that menu. Anything else is "not found", like out-of-scope API resources.
 */
export function isPathAllowed(menu: MenuItem[], pathname: string): boolean {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return [...alwaysAllowed, ...menuPaths(menu)].some((p) => under(path, p));
}

/** The menu item for the current page (longest matching path) and the keys of its parents. */
export function findSelected(menu: MenuItem[], pathname: string): { key: string | null; parents: string[] } {
  let best: { key: string; len: number; parents: string[] } | null = null;
  const walk = (items: MenuItem[], parents: string[]) => {
    for (const m of items) {
      if (m.path && under(pathname, m.path) && (!best || m.path.length > best.len)) {
        best = { key: m.key, len: m.path.length, parents };
      }
      if (m.children) walk(m.children, [...parents, m.key]);
    }
  };
  walk(menu, []);
  const found = best as { key: string; parents: string[] } | null;
  return found ? { key: found.key, parents: found.parents } : { key: null, parents: [] };
}
