import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { fetchMe, login, logout } from '../api/auth';
import { onUnauthorized } from '../api/client';
import { clearToken, readToken, saveToken } from '../api/token-store';
import type { Me } from '../api/types';

/** `none`: never signed in in this tab; `expired`: the server refused the token; `signed-out`: «Выйти». */
export type SignedOutReason = 'none' | 'expired' | 'signed-out';

export type AuthState =
  | { status: 'checking' }
  | { status: 'signed-out'; reason: SignedOutReason }
  | { status: 'signed-in'; me: Me }
  | { status: 'failed'; error: unknown };

interface AuthContextValue {
  state: AuthState;
  /** Throws the API error of a refused sign-in (401 bad credentials, 423 locked, 400 invalid). */
  signIn: (username: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  retry: () => void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>(() =>
    readToken() ? { status: 'checking' } : { status: 'signed-out', reason: 'none' },
  );
  const [attempt, setAttempt] = useState(0);

  useEffect(() => onUnauthorized(() => setState({ status: 'signed-out', reason: 'expired' })), []);

  // A token left from earlier in this tab: ask the server who it belongs to.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the check after a failure.
  useEffect(() => {
    if (!readToken()) return;
    const controller = new AbortController();
    fetchMe(controller.signal).then(
      (me) => setState({ status: 'signed-in', me }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState(readToken() ? { status: 'failed', error } : { status: 'signed-out', reason: 'expired' });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const signIn = useCallback(async (username: string, password: string) => {
    const answer = await login(username, password);
    saveToken(answer.token);
    setState({ status: 'signed-in', me: answer.user });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await logout();
    } catch {
      // The session ends on this side whatever the server answered.
    }
    clearToken();
    setState({ status: 'signed-out', reason: 'signed-out' });
  }, []);

  const retry = useCallback(() => {
    setState({ status: 'checking' });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo(() => ({ state, signIn, signOut, retry }), [state, signIn, signOut, retry]);
  return <AuthContext value={value}>{children}</AuthContext>;
}

export function useAuth(): AuthContextValue {
  const context = useContext(AuthContext);
  if (!context) throw new Error('useAuth must be used inside <AuthProvider>');
  return context;
}

/** The signed-in user; only for components rendered behind <RequireAuth>. */
export function useMe(): Me {
  const { state } = useAuth();
  if (state.status !== 'signed-in') throw new Error('useMe needs a signed-in user');
  return state.me;
}
