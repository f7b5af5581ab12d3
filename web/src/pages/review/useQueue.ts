import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorMessage, isAbort } from '../../api';
import type { ApplicationView, QueueResponse } from '../../applications/types';

export type QueueQuery = Record<string, string | undefined>;

/** The review queue in keyset pages: the first page on every query change (or new `refreshKey`), then 加载更多. */
export function useQueue(query: QueueQuery, pageSize = 50, refreshKey = '') {
  const [items, setItems] = useState<ApplicationView[]>([]);
  const [counts, setCounts] = useState<QueueResponse['counts']>({});
  const [countsCapped, setCountsCapped] = useState(false);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const ctl = useRef<AbortController | null>(null);
  const queryKey = JSON.stringify(query);

  useEffect(() => {
    ctl.current?.abort();
    const c = new AbortController();
    ctl.current = c;
    setLoading(true);
    api.get<QueueResponse>('/api/review/queue', { ...JSON.parse(queryKey), limit: pageSize }, c.signal).then(
      (r) => {
        if (c.signal.aborted) return;
        setItems(r.items);
        setCounts(r.counts);
        setCountsCapped(r.countsCapped === true);
        setCursor(r.nextCursor);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (c.signal.aborted || isAbort(err)) return;
        setError(errorMessage(err));
        setLoading(false);
      },
    );
    return () => c.abort();
  }, [queryKey, pageSize, tick, refreshKey]);

  const loadMore = useCallback(async () => {
    if (!cursor) return;
    setMore(true);
    try {
      const r = await api.get<QueueResponse>('/api/review/queue', { ...JSON.parse(queryKey), limit: pageSize, cursor });
      setItems((old) => [...old, ...r.items.filter((x) => !old.some((o) => o.id === x.id))]);
      setCursor(r.nextCursor);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setMore(false);
    }
  }, [cursor, queryKey, pageSize]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { items, counts, countsCapped, hasMore: cursor !== null, loading, loadingMore: more, error, loadMore, reload };
}
