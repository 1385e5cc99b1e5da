/** The signed-in user: loaded from GET /me at start, set by sign-in, cleared on logout or any 401. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { ApiError, api, setCsrfToken, setPasswordChangeRequiredHandler, setUnauthorizedHandler } from './api.js';
import { isLocale, useI18n } from './i18n.js';
import { currentPath, navigate } from './router.js';
import type { Me, Role, SessionResponse } from './types.js';

export type SessionStatus = 'loading' | 'anonymous' | 'signed-in' | 'error';

export interface Session {
  status: SessionStatus;
  user: Me | null;
  bootError: unknown;
  /** After POST /auth/login. */
  signedIn: (res: SessionResponse) => void;
  /** Re-read GET /me (after a password change, TOTP change, …). */
  refresh: () => Promise<void>;
  updateUser: (user: Me) => void;
  logout: () => Promise<void>;
  /** Forget the session locally (after POST /auth/logout-all) and go to the sign-in page. */
  forget: () => void;
  hasRole: (...roles: Role[]) => boolean;
}

const SessionContext = createContext<Session | null>(null);

function signInPath(): string {
  const here = currentPath();
  if (here.startsWith('/masuk')) return here;
  return here === '/' ? '/masuk' : `/masuk?next=${encodeURIComponent(here)}`;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const { setLocale } = useI18n();
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [user, setUser] = useState<Me | null>(null);
  const [bootError, setBootError] = useState<unknown>(undefined);

  const clear = useCallback(() => {
    setCsrfToken(null);
    setUser(null);
    setStatus('anonymous');
  }, []);

  const signedIn = useCallback(
    (res: SessionResponse) => {
      setCsrfToken(res.csrfToken);
      setUser(res.user);
      setStatus('signed-in');
      // The user's saved language wins after sign-in.
      if (isLocale(res.user.locale)) setLocale(res.user.locale);
    },
    [setLocale],
  );

  const load = useCallback(async () => {
    try {
      signedIn(await api.get<SessionResponse>('/me'));
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return; // handled by the 401 handler
      setBootError(err);
      setStatus((s) => (s === 'loading' ? 'error' : s));
    }
  }, [signedIn]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      clear();
      navigate(signInPath(), { replace: true });
    });
    setPasswordChangeRequiredHandler(() => setUser((u) => (u ? { ...u, mustChangePassword: true } : u)));
    void load();
    return () => {
      setUnauthorizedHandler(null);
      setPasswordChangeRequiredHandler(null);
    };
  }, [clear, load]);

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout');
    } catch {
      /* the session is gone either way */
    }
    clear();
    navigate('/masuk', { replace: true });
  }, [clear]);

  const forget = useCallback(() => {
    clear();
    navigate('/masuk', { replace: true });
  }, [clear]);

  const value = useMemo<Session>(
    () => ({
      status,
      user,
      bootError,
      signedIn,
      refresh: load,
      updateUser: setUser,
      logout,
      forget,
      hasRole: (...roles) => !!user && roles.includes(user.role),
    }),
    [status, user, bootError, signedIn, load, logout, forget],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** For pages that only render once signed in. */
export function useUser(): Me {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}
