import type { presentUser } from "../../../../src/modules/users/users.presenter.ts";

// Type-only import: the web app and the API share one definition of the user's shape.
export type UserView = ReturnType<typeof presentUser>;
export interface OrgView {
  id: string;
  name: string;
  type: string;
  createdAt: string;
}
export interface AuditEventView {
  seq: number;
  occurredAt: string;
  orgId: string | null;
  actorUserId: string | null;
  action: string;
  outcome: string;
  targetType: string | null;
  targetIds: string[];
  clientAddress: string | null;
  details: Record<string, string | number | boolean>;
}
export interface CreatedUserView {
  user: UserView;
  totpSecret: string;
  otpauthUrl: string;
  initialPassword?: string;
}

/** An API refusal with its stable code (`invalid_credentials`, `account_locked`, …). */
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

async function csrf(): Promise<string | undefined> {
  if (csrfToken) return csrfToken;
  const response = await fetch("/api/v1/auth/me", { credentials: "same-origin" });
  if (!response.ok) return undefined;
  csrfToken = ((await response.json()) as { csrfToken?: string }).csrfToken;
  return csrfToken;
}

async function request<T>(method: "GET" | "POST" | "DELETE", url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
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

/** Sign-in, sign-out and the current user. */
export const authApi = {
  login: (email: string, password: string) =>
    request<{ mfa: "required"; challengeId: string; enrolment?: { secret: string; otpauthUrl: string } }>(
      "POST",
      "/api/v1/auth/login",
      { email, password },
    ),
  async mfa(challengeId: string, code: string) {
    const r = await request<{ user: UserView; csrfToken: string }>("POST", "/api/v1/auth/mfa", {
      challengeId,
      code,
    });
    csrfToken = r.csrfToken;
    return r;
  },
  me: () => request<{ user: UserView; csrfToken?: string }>("GET", "/api/v1/auth/me"),
  options: () => request<{ oidc: boolean }>("GET", "/api/v1/auth/options"),
  async logout() {
    await request<void>("POST", "/api/v1/auth/logout");
    csrfToken = undefined;
  },
};

/** User and organization administration (admins). */
export const adminApi = {
  listUsers: () => request<{ users: UserView[] }>("GET", "/api/v1/users"),
  createUser: (body: { email: string; roles: string[]; password?: string }) =>
    request<CreatedUserView>("POST", "/api/v1/users", body),
  disable: (id: string) =>
    request<{ user: UserView }>("POST", `/api/v1/users/${encodeURIComponent(id)}/disable`),
  unlock: (id: string) =>
    request<{ user: UserView }>("POST", `/api/v1/users/${encodeURIComponent(id)}/unlock`),
  listOrgs: () => request<{ orgs: OrgView[] }>("GET", "/api/v1/orgs"),
  createOrg: (body: { id: string; name: string; type: string }) =>
    request<OrgView>("POST", "/api/v1/orgs", body),
};

/** The audit log (auditors). */
export const auditApi = {
  search: (filters: Record<string, string>) => {
    const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ""));
    return request<{ events: AuditEventView[]; nextBefore: number | null }>("GET", `/api/v1/audit?${params}`);
  },
};

/** Groups a base32 secret in fours, easier to type into an authenticator app. */
export const groupSecret = (secret: string) => secret.replace(/(.{4})/g, "$1 ").trim();
