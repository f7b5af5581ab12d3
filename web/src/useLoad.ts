import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage, isAbort } from './api';

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  /** Text to show for the error. */
  errorText: string | null;
  loading: boolean;
  reload: () => void;
}

/** Load something on mount and whenever `deps` change; the previous request is aborted. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [errorText, setErrorText] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    const ctl = new AbortController();
    setLoading(true);
    loadRef.current(ctl.signal).then(
      (d) => {
        if (ctl.signal.aborted) return;
        setData(d);
        setError(null);
        setErrorText(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (ctl.signal.aborted || isAbort(err)) return;
        setError(err instanceof ApiError ? err : null);
        setErrorText(errorMessage(err));
        setLoading(false);
      },
    );
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tick, ...deps]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, errorText, loading, reload };
}
