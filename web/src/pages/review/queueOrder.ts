/**
 * The order of the queue the reviewer opened an application from, so the detail page can go to
 * the next and previous one (j/k, ←/→). Kept in sessionStorage: it survives a reload, not the tab.
 */
const key = 'zm.review.queue';

export function rememberQueue(ids: string[]): void {
  try {
    sessionStorage.setItem(key, JSON.stringify(ids));
  } catch {
    /* storage full or disabled: next/previous just will not be offered */
  }
}

export function queueIds(): string[] {
  try {
    const v: unknown = JSON.parse(sessionStorage.getItem(key) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** The neighbours of `id`; after a decision the decided one leaves the list. */
export function neighbours(id: string): { prev: string | null; next: string | null; index: number; total: number } {
  const ids = queueIds();
  const i = ids.indexOf(id);
  if (i === -1) return { prev: null, next: null, index: -1, total: ids.length };
  return { prev: ids[i - 1] ?? null, next: ids[i + 1] ?? null, index: i, total: ids.length };
}

export function forget(id: string): void {
  rememberQueue(queueIds().filter((x) => x !== id));
}
