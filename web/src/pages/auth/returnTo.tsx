import type { ReactNode } from "react";
import { Link, useLocation } from "react-router";

/** Where the sign-in page was sent from, carried in the navigation state (never in the address bar). */
interface SentFrom {
  from?: string;
}

/** A link to the sign-in page that brings the user back to this page once signed in. */
export function SignInLink({ children }: { children: ReactNode }) {
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  return (
    <Link to="/sign-in" state={{ from: here } satisfies SentFrom}>
      {children}
    </Link>
  );
}

/**
 * After sign-in: back to the page that sent the user here, else their home page (/work). Only a path of
 * this app is followed (one leading slash, not the sign-in page itself), so the state cannot send anyone away.
 */
export function afterSignIn(state: unknown): string {
  const from = typeof state === "object" && state !== null ? (state as SentFrom).from : undefined;
  if (typeof from !== "string" || !from.startsWith("/") || from.startsWith("//") || from.startsWith("/\\"))
    return "/work";
  if (from === "/sign-in" || from.startsWith("/sign-in?")) return "/work";
  return from;
}
