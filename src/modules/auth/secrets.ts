import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A random secret of `bytes` bytes (CSPRNG), base64url. 16 bytes = 128 bits (ASVS 7.2.3). */
export function randomSecret(bytes = 16): string {
  return randomBytes(bytes).toString("base64url");
}

/** SHA-256 hex of a secret: what is stored for session and API tokens (a fast hash suffices for 128+ random bits). */
export function sha256Hex(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

const ORG_PREFIX = /^([a-z0-9][a-z0-9-]{1,62})\.(.+)$/s;

/**
 * A credential that names its organization: `<org>.<rest>`. A session, token or challenge arrives
 * without anything else saying whose it is; with the organization inside it, its look-up goes to that
 * organization's rows alone (one node on Citus: docs/scale-out.md). Organization ids never contain '.'.
 */
export const withOrg = (orgId: string, rest: string) => `${orgId}.${rest}`;

/** The organization a credential names and the rest, or undefined for one without (issued earlier). */
export function splitOrg(value: string): { orgId: string; rest: string } | undefined {
  const m = ORG_PREFIX.exec(value);
  return m ? { orgId: m[1]!, rest: m[2]! } : undefined;
}

/** Constant-time string comparison (for hashes of equal length). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The CSRF token of a session, derived from its cookie value: the browser app reads it from
 * `/auth/me` (same-origin only) and sends it in `x-csrf-token`; another site can read neither.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash("sha256").update("harbor-csrf\0").update(sessionToken).digest("base64url");
}
