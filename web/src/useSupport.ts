import { useEffect, useState } from 'react';
import { api } from './api';
import type { Support } from './types';

/** The support hotline of the centre (GET /api/support); null until loaded or when unavailable. */
export function useSupport(): { support: Support | null; loading: boolean } {
  const [support, setSupport] = useState<Support | null>(null);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    const ctl = new AbortController();
    api
      .get<Support>('/api/support', undefined, ctl.signal)
      .then(setSupport, () => setSupport(null))
      .finally(() => {
        if (!ctl.signal.aborted) setLoading(false);
      });
    return () => ctl.abort();
  }, []);
  return { support, loading };
}

export const hotlineSentence = (s: Support | null): string =>
  s ? `忘记账号和密码的单位，可致电${s.hotline}` : '忘记账号和密码的单位，可致电管理中心';
