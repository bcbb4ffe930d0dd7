import {
  api,
  type BodyOf,
  type QueryOf,
  type ResponseOf,
  setCsrfToken,
  succeed,
  unwrap,
} from "../../apiClient.ts";

// Every shape comes from the API's contract (openapi.json, through the generated client).
export type SessionView = ResponseOf<"/api/v1/auth/me", "get">;
export type UserView = SessionView["user"];
export type Capabilities = SessionView["can"];
export type LoginStep = ResponseOf<"/api/v1/auth/login", "post">;
export type OrgView = ResponseOf<"/api/v1/orgs", "get">["orgs"][number];
export type AuditEventView = ResponseOf<"/api/v1/audit", "get">["events"][number];
export type AuditQuery = QueryOf<"/api/v1/audit", "get">;
export type TokenView = ResponseOf<"/api/v1/tokens", "get">["tokens"][number];
export type CreatedTokenView = ResponseOf<"/api/v1/tokens", "post", 201>;
export type CreateTokenRequest = BodyOf<"/api/v1/tokens", "post">;
export type CreateUserRequest = BodyOf<"/api/v1/users", "post">;
export type CreatedUserView = ResponseOf<"/api/v1/users", "post", 201>;
export type Role = UserView["roles"][number];
export type MfaResetReason = BodyOf<"/api/v1/users/{id}/reset-mfa", "post">["reason"];
export type ResetPasswordView = ResponseOf<"/api/v1/users/{id}/reset-password", "post">;

const byId = (id: string) => ({ params: { path: { id } } });

/** Sign-in, sign-out, the current user and their password. */
export const authApi = {
  login: (body: BodyOf<"/api/v1/auth/login", "post">) => unwrap(api.POST("/api/v1/auth/login", { body })),
  async mfa(body: BodyOf<"/api/v1/auth/mfa", "post">) {
    const r = await unwrap(api.POST("/api/v1/auth/mfa", { body }));
    setCsrfToken(r.csrfToken);
    return r;
  },
  me: () => unwrap(api.GET("/api/v1/auth/me")),
  options: () => unwrap(api.GET("/api/v1/auth/options")),
  changePassword: (body: BodyOf<"/api/v1/auth/password", "post">) =>
    unwrap(api.POST("/api/v1/auth/password", { body })),
  async logout() {
    await succeed(api.POST("/api/v1/auth/logout"));
    setCsrfToken(undefined);
  },
};

/** Account and organization administration (admins). */
export const adminApi = {
  listUsers: (orgId?: string) =>
    unwrap(api.GET("/api/v1/users", { params: { query: orgId ? { orgId } : {} } })),
  getUser: (id: string) => unwrap(api.GET("/api/v1/users/{id}", byId(id))),
  createUser: (body: CreateUserRequest) => unwrap(api.POST("/api/v1/users", { body })),
  disable: (id: string) => unwrap(api.POST("/api/v1/users/{id}/disable", byId(id))),
  enable: (id: string) => unwrap(api.POST("/api/v1/users/{id}/enable", byId(id))),
  unlock: (id: string) => unwrap(api.POST("/api/v1/users/{id}/unlock", byId(id))),
  setRoles: (id: string, roles: Role[]) =>
    unwrap(api.PUT("/api/v1/users/{id}/roles", { ...byId(id), body: { roles } })),
  resetPassword: (id: string) => unwrap(api.POST("/api/v1/users/{id}/reset-password", byId(id))),
  resetMfa: (id: string, reason: MfaResetReason) =>
    unwrap(api.POST("/api/v1/users/{id}/reset-mfa", { ...byId(id), body: { reason } })),
  listOrgs: () => unwrap(api.GET("/api/v1/orgs")),
  createOrg: (body: BodyOf<"/api/v1/orgs", "post">) => unwrap(api.POST("/api/v1/orgs", { body })),
};

/** API tokens of the admin's organization: list (no secrets), create (secret shown once), revoke. */
export const tokensApi = {
  list: () => unwrap(api.GET("/api/v1/tokens")),
  create: (body: CreateTokenRequest) => unwrap(api.POST("/api/v1/tokens", { body })),
  revoke: (id: string) => succeed(api.DELETE("/api/v1/tokens/{id}", byId(id))),
};

/** The audit log (its readers: admins and auditors). */
export const auditApi = {
  search: (query: AuditQuery) => unwrap(api.GET("/api/v1/audit", { params: { query } })),
};

/** Groups a base32 secret in fours, easier to type into an authenticator app. */
export const groupSecret = (secret: string) => secret.replace(/(.{4})/g, "$1 ").trim();

export { ApiError } from "../../apiClient.ts";
