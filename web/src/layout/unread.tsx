import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router-dom';
import { api } from '../api';

interface Unread {
  unread: number;
  setUnread: (n: number) => void;
  refresh: () => Promise<void>;
}

const UnreadContext = createContext<Unread>({ unread: 0, setUnread: () => {}, refresh: async () => {} });

/** Unread message count for the 消息 badge. Re-read on every page change (no timer: a poll would
 * keep an idle session alive past its idle timeout). */
export function UnreadProvider({ children }: { children: ReactNode }) {
  const [unread, setUnread] = useState(0);
  const { pathname } = useLocation();
  const refresh = useCallback(async () => {
    try {
      const r = await api.get<{ unread: number }>('/api/inbox');
      setUnread(r.unread);
    } catch {
      /* the badge is not worth an error message */
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh, pathname]);
  const value = useMemo(() => ({ unread, setUnread, refresh }), [unread, refresh]);
  return <UnreadContext.Provider value={value}>{children}</UnreadContext.Provider>;
}

export const useUnread = (): Unread => useContext(UnreadContext);
