import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError, api, request, setAuthHandlers, setCsrfToken } from './api';
import type { Session } from './types';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; notice?: string }
  | { status: 'error'; message: string }
  | { status: 'ready'; session: Session };

interface SessionApi {
  state: SessionState;
  /** The session, when logged in. */
  session: Session | null;
  login: (username: string, password: string) => Promise<Session>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
  /** A step (动态口令, 二次验证) answered the new session view. */
  update: (session: Session) => void;
}

const SessionContext = createContext<SessionApi | null>(null);

const probe = () => request<Session>('/api/session', { anonymous: true });

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  }, [state]);

  const apply = useCallback((s: SessionState) => {
    setCsrfToken(s.status === 'ready' ? s.session.csrfToken : null);
    setState(s);
  }, []);

  const refresh = useCallback(async () => {
    try {
      apply({ status: 'ready', session: await probe() });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) apply({ status: 'anonymous' });
      else apply({ status: 'error', message: err instanceof Error ? err.message : '无法加载会话' });
    }
  }, [apply]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    setAuthHandlers({
      unauthorized: () => {
        if (stateRef.current.status === 'ready') apply({ status: 'anonymous', notice: '会话已过期，请重新登录' });
      },
      passwordChangeRequired: () => void refresh(),
    });
    return () => setAuthHandlers(null);
  }, [apply, refresh]);

  const login = useCallback(
    async (username: string, password: string) => {
      const session = await api.post<Session>('/api/session/login', { username, password }, { anonymous: true });
      apply({ status: 'ready', session });
      return session;
    },
    [apply],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/api/session/logout', undefined, { anonymous: true });
    } catch {
      /* the session is gone on the client either way */
    }
    apply({ status: 'anonymous' });
  }, [apply]);

  const update = useCallback((session: Session) => apply({ status: 'ready', session }), [apply]);

  const value = useMemo<SessionApi>(
    () => ({ state, session: state.status === 'ready' ? state.session : null, login, logout, refresh, update }),
    [state, login, logout, refresh, update],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The session of a page that is only reachable when logged in. */
export function useRequiredSession(): Session {
  const { session } = useSession();
  if (!session) throw new Error('no session');
  return session;
}
