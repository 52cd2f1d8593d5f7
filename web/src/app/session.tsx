// Who is signed in: loads /api/auth/me, signs in and out, and restores the user's language.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, setUnauthenticatedHandler } from '../api/client.ts';
import type { Action, Me } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

interface Session {
  me: Me | null;
  loading: boolean;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  can: (resource: string, action: Action) => boolean;
  /** the server ended the session while the user was working (the login page says so) */
  sessionEnded: boolean;
}

const SessionContext = createContext<Session | null>(null);
const ME_KEY = ['me'];
/** drops every cached answer except who is signed in (whose observers must keep listening) */
const forgetData = (queryClient: QueryClient) => queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });

/** who is signed in, or null when nobody is */
async function loadMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/api/auth/me');
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}
/** asked for as soon as the app's code runs, not after its first render: every page waits for it */
let bootMe: Promise<Me | null> | null = typeof window === 'undefined' ? null : loadMe();
bootMe?.catch(() => undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const { restore } = useI18n();
  const meQuery = useQuery({
    queryKey: ME_KEY,
    queryFn: () => {
      const answer = bootMe ?? loadMe();
      bootMe = null;
      return answer;
    },
    staleTime: Infinity,
    retry: false,
  });
  const me = meQuery.data ?? null;
  const [sessionEnded, setSessionEnded] = useState(false);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      if (queryClient.getQueryData(ME_KEY)) {
        queryClient.setQueryData(ME_KEY, null);
        forgetData(queryClient);
        setSessionEnded(true);
      }
    });
  }, [queryClient]);

  useEffect(() => {
    if (me) restore(me.user.id);
  }, [me, restore]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      await api.post('/api/auth/login', { email, password });
      setSessionEnded(false);
      forgetData(queryClient);
      await queryClient.fetchQuery({ queryKey: ME_KEY, queryFn: () => api.get<Me>('/api/auth/me'), staleTime: 0 });
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } finally {
      queryClient.setQueryData(ME_KEY, null);
      forgetData(queryClient);
    }
  }, [queryClient]);

  const value = useMemo<Session>(
    () => ({ me, loading: meQuery.isPending, signIn, signOut, sessionEnded, can: (resource, action) => me?.permissions[resource]?.includes(action) ?? false }),
    [me, meQuery.isPending, signIn, signOut, sessionEnded],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession needs <SessionProvider>');
  return ctx;
}

/** the signed-in user's session (inside the app shell, where a user is guaranteed) */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe used outside a signed-in page');
  return me;
}
