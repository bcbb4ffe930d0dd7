import type { z } from "zod";
import type {
  CreatedTokenSchema,
  CreateTokenBody,
  TokenSchema,
} from "../../../../src/modules/auth/auth.schema.ts";
import type { presentUser } from "../../../../src/modules/users/users.presenter.ts";
import { request, setCsrfToken } from "../../apiClient.ts";

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
// API tokens: the request and answers exactly as the API's zod schemas define them.
export type TokenView = z.infer<typeof TokenSchema>;
export type CreatedTokenView = z.infer<typeof CreatedTokenSchema>;
export type CreateTokenRequest = z.infer<typeof CreateTokenBody>;
export interface CreatedUserView {
  user: UserView;
  totpSecret: string;
  otpauthUrl: string;
  initialPassword?: string;
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
    setCsrfToken(r.csrfToken);
    return r;
  },
  me: () => request<{ user: UserView; csrfToken?: string }>("GET", "/api/v1/auth/me"),
  options: () => request<{ oidc: boolean }>("GET", "/api/v1/auth/options"),
  async logout() {
    await request<void>("POST", "/api/v1/auth/logout");
    setCsrfToken(undefined);
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

/** API tokens of the admin's organization: list (no secrets), create (secret shown once), revoke. */
export const tokensApi = {
  list: () => request<{ tokens: TokenView[] }>("GET", "/api/v1/tokens"),
  create: (body: CreateTokenRequest) => request<CreatedTokenView>("POST", "/api/v1/tokens", body),
  revoke: (id: string) => request<void>("DELETE", `/api/v1/tokens/${encodeURIComponent(id)}`),
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

export { ApiError } from "../../apiClient.ts";
