import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { ApiError, setCsrfToken } from "./apiClient.ts";
import { authApi, type Capabilities, type UserView } from "./pages/auth/api.ts";

/**
 * Who is signed in, for the whole app. It only decides which links to show: the server checks
 * every request itself, so a stale or forged session here can hide a link but never grant access.
 */
export interface Session {
  status: "loading" | "signedOut" | "signedIn";
  user: UserView | undefined;
  /** What the server's access policy lets this user do (which links to show). */
  can: Capabilities | undefined;
  /** Asks the server again (at start-up, after sign-in). */
  refresh(): Promise<void>;
  /** Ends the session on the server, then forgets the user. */
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Session["status"]>("loading");
  const [user, setUser] = useState<UserView>();
  const [can, setCan] = useState<Capabilities>();

  const refresh = useCallback(async () => {
    try {
      const r = await authApi.me();
      // The same answer carries the CSRF token: keeping it saves the client a second request.
      setCsrfToken(r.csrfToken);
      setUser(r.user);
      setCan(r.can);
      setStatus("signedIn");
    } catch (e) {
      // Only a 401 means "signed out"; any other failure also hides the work links (fail closed).
      if (!(e instanceof ApiError)) console.warn("session check failed", e);
      setCsrfToken(undefined);
      setUser(undefined);
      setCan(undefined);
      setStatus("signedOut");
    }
  }, []);

  const signOut = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      // Whatever the answer (an expired session refuses with 401), show what the server now says.
      await refresh();
    }
  }, [refresh]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const value = useMemo(
    () => ({ status, user, can, refresh, signOut }),
    [status, user, can, refresh, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The current session; components outside a SessionProvider are a programming error. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession needs a SessionProvider");
  return session;
}

/** True when the user holds one of `roles` (an empty list means any signed-in user). */
export function hasAnyRole(user: UserView | undefined, roles: readonly string[]): boolean {
  if (!user) return false;
  return roles.length === 0 || user.roles.some((r) => roles.includes(r));
}
