import type { FastifyRequest } from "fastify";
import { unauthorized } from "../../server/errors.ts";

export const ORG_TYPES = [
  "law_enforcement",
  "prosecutor",
  "service_provider",
  "government",
  "hotline",
  "research",
] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export const ROLES = [
  "admin",
  "intake",
  "investigator",
  "prosecutor",
  "advocate",
  "analyst",
  "auditor",
] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is calling: set on `request.auth` by the authentication hook (session cookie or API token)
 * before any route handler runs. Services and repositories take it explicitly; nothing reads a
 * global user.
 */
export interface AuthContext {
  kind: "user";
  userId: string;
  orgId: string;
  orgType: OrgType;
  roles: Role[];
  /** How the caller proved who they are; cookie callers must pass the CSRF check on writes. */
  via: "session" | "token";
  /** Session id (hashed token's row id) or API token id, for audit and logout. */
  credentialId: string;
}

/** The only context allowed to bypass access policies: named, so every use is greppable. */
export interface SystemContext {
  kind: "system";
  reason: string;
}

declare module "fastify" {
  interface FastifyRequest {
    auth?: AuthContext;
  }
}

/** The signed-in caller, or a 401 `unauthorized`. */
export function requireAuth(request: FastifyRequest): AuthContext {
  if (!request.auth) throw unauthorized();
  return request.auth;
}
