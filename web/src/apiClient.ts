import {
  ApiError,
  type BodyOf,
  createHarborClient,
  type QueryOf,
  type ResponseOf,
  succeed,
  unwrap,
} from "../../client/harbor-client.ts";

/**
 * The one HTTP client of the web app: Harbor's client generated from openapi.json, so every answer
 * is typed by the API's contract (no casts, nothing imported from the server). It holds the
 * session's CSRF token in one place, so signing out or in as someone else never leaves another page
 * sending a stale token.
 */

let csrfToken: string | undefined;

/** Remembers the CSRF token the server returned at sign-in (or forgets it at sign-out). */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** The session's CSRF token (from `/api/v1/auth/me`), sent on every cookie-authenticated write. */
async function csrf(): Promise<string | undefined> {
  if (csrfToken) return csrfToken;
  const me = await api.GET("/api/v1/auth/me");
  csrfToken = me.data?.csrfToken;
  return csrfToken;
}

export const api = createHarborClient({ csrfToken: csrf });

/** The same CSRF token, for a write sent outside the client (an upload whose progress is shown). */
export const csrfTokenForWrite = csrf;

export type { BodyOf, QueryOf, ResponseOf };
export { ApiError, succeed, unwrap };
