/**
 * The one HTTP client of the web app. It holds the session's CSRF token in one place, so signing
 * out or in as someone else never leaves another page sending a stale token.
 */

/** An API refusal with its stable code (`invalid_credentials`, `not_found`, …) and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let csrfToken: string | undefined;

/** Remembers the CSRF token the server returned at sign-in (or forgets it at sign-out). */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** The session's CSRF token (from `/api/v1/auth/me`), sent on every cookie-authenticated write. */
async function csrf(): Promise<string | undefined> {
  if (csrfToken) return csrfToken;
  const response = await fetch("/api/v1/auth/me", { credentials: "same-origin" });
  if (!response.ok) return undefined;
  csrfToken = ((await response.json()) as { csrfToken?: string }).csrfToken;
  return csrfToken;
}

/** Calls the API as the signed-in user; throws ApiError with the server's code on a refusal. */
export async function request<T>(method: "GET" | "POST" | "DELETE", url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  // A JSON content type with an empty body is refused by the server: declare it only with a body.
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET") {
    const token = await csrf();
    if (token) headers["x-csrf-token"] = token;
  }
  const response = await fetch(url, {
    method,
    headers,
    credentials: "same-origin",
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (response.status === 204) return undefined as T;
  const json = (await response.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  if (!response.ok) {
    throw new ApiError(
      response.status,
      json.error?.code ?? "error",
      json.error?.message ?? `HTTP ${response.status}`,
    );
  }
  return json as T;
}
