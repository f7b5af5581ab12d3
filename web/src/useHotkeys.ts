import { useEffect, useRef } from 'react';

const typing = (t: EventTarget | null): boolean => {
  if (!(t instanceof HTMLElement)) return false;
  return t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName) || t.closest('[role="dialog"]') !== null;
};

/**
 * Single-key shortcuts (`j`, `k`, `ArrowLeft`…) for the page, ignored while typing, inside a
 * dialog, or with a modifier held.
 */
export function useHotkeys(keys: Record<string, () => void>, enabled = true): void {
  const ref = useRef(keys);
  useEffect(() => {
    ref.current = keys;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || typing(e.target)) return;
      // Enter on a focused link or button belongs to it.
      if (e.key === 'Enter' && e.target instanceof HTMLElement && e.target.closest('a,button,[role="button"],[role="tab"],[tabindex]')) return;
      const f = ref.current[e.key];
      if (f) {
        e.preventDefault();
        f();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
