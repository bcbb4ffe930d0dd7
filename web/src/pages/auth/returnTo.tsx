import type { ReactNode } from "react";
import { Link, useLocation } from "react-router";
import type { SentFrom } from "./afterSignIn.ts";

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
