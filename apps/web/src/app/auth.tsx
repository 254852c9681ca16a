/** Who is signed in (GET /auth/me), their CSRF token and permissions; reacts to 401 and forced changes. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { api, ApiError, onApiError, setCsrfToken } from '../shared/api';
import type { Me } from '../shared/types';

export type ForcedStep = 'password' | 'totp' | null;

type AuthValue = {
  me: Me | null;
  loading: boolean;
  can: (permission: string) => boolean;
  forced: ForcedStep;
  signedIn: (me: Me) => void;
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
};

const AuthContext = createContext<AuthValue | null>(null);
export const ME_KEY = ['auth', 'me'] as const;

/**
 * The server sets the readable `ohp_signed_in` cookie next to the HttpOnly session cookie and clears
 * it when the session ends: without it there is no session to ask about, and the login page loads
 * without a failing /auth/me request.
 */
const mayBeSignedIn = (): boolean => document.cookie.split(/;\s*/).includes('ohp_signed_in=1');

const fetchMe = async (): Promise<Me | null> => {
  if (!mayBeSignedIn()) return null;
  try {
    return await api.get<Me>('/auth/me', undefined, { quiet: true });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
};

export const forcedStepOf = (me: Me | null): ForcedStep => {
  if (!me) return null;
  if (me.user.mustChangePassword) return 'password';
  if (me.user.totpRequired && !me.user.totpEnabled) return 'totp';
  return null;
};

export const AuthProvider = ({ children }: { children: ReactNode }) => {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const query = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000, retry: false });
  const me = query.data ?? null;

  useEffect(() => {
    setCsrfToken(me?.csrfToken ?? null);
  }, [me]);

  useEffect(
    () =>
      onApiError((err) => {
        if (err.status === 401) {
          qc.setQueryData(ME_KEY, null);
          if (location.pathname !== '/login')
            navigate('/login', { replace: true, state: { from: location.pathname } });
        } else if (err.reason === 'password_change_required' || err.reason === 'totp_setup_required') {
          void qc.invalidateQueries({ queryKey: ME_KEY });
          navigate('/account', { replace: true });
        }
      }),
    [qc, navigate, location.pathname],
  );

  const signedIn = useCallback(
    (m: Me) => {
      setCsrfToken(m.csrfToken);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      qc.setQueryData(ME_KEY, m);
    },
    [qc],
  );

  const refresh = useCallback(async () => {
    await qc.invalidateQueries({ queryKey: ME_KEY });
  }, [qc]);

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout', undefined, { quiet: true });
    } catch {
      // the session may already be gone; sign out locally anyway
    }
    setCsrfToken(null);
    qc.clear();
    qc.setQueryData(ME_KEY, null);
    navigate('/login', { replace: true });
  }, [qc, navigate]);

  const value = useMemo<AuthValue>(() => {
    const perms = new Set(me?.permissions ?? []);
    return {
      me,
      loading: query.isPending,
      can: (p) => perms.has(p),
      forced: forcedStepOf(me),
      signedIn,
      refresh,
      logout,
    };
  }, [me, query.isPending, signedIn, refresh, logout]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
};

export const useAuth = (): AuthValue => {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
};
