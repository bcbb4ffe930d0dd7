import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError, forbidden, unauthorized } from "../../server/errors.ts";
import { auditFrom } from "../audit/audit.request.ts";
import { recordAudit } from "../audit/audit.service.ts";
import { clock } from "./clock.ts";
import { checkApiToken, checkSessionToken } from "./credentials.service.ts";
import { sameSecret, sha256Hex } from "./secrets.ts";

/** The session cookie: `__Host-` prefix, so it is Secure, host-only and Path=/ (ASVS 3.3.1). */
export const SESSION_COOKIE = "__Host-harbor_session";
/** Header carrying the session's CSRF token on cookie-authenticated writes. */
export const CSRF_HEADER = "x-csrf-token";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

declare module "fastify" {
  interface FastifyRequest {
    /** Set when a session cookie was presented but has ended or timed out. */
    authProblem?: string;
    /** Set once a refusal has been audited, so the error hook does not audit it twice. */
    denialAudited?: boolean;
  }
  interface FastifyContextConfig {
    /** The route writes its own audit records for refusals (sign-in steps). */
    auditsItself?: boolean;
  }
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw unauthorized("The Authorization header must be `Bearer <token>`.", "invalid_token");
  return match[1];
}

/**
 * Authentication for every `/api/` request: sets `request.auth` from an `Authorization: Bearer`
 * API token or the `__Host-harbor_session` cookie. A bad bearer token is refused at once (401
 * `invalid_token`); a timed-out cookie leaves the request anonymous (routes then answer 401).
 * Cookie-authenticated writes must carry the session's CSRF token in `x-csrf-token` (403
 * `csrf_failed`); bearer calls are exempt (a browser never adds that header by itself).
 * Every 401/403 of an API route is then audited once as `http.denied` by the error hook below;
 * a module that audits its own refusal sets `request.denialAudited = true` before throwing.
 * Registered at the root (not encapsulated), before every module's routes.
 */
export async function authHook(app: FastifyInstance): Promise<void> {
  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/api/")) return;
    const db = app.store.db;
    const now = clock.now();
    const bearer = bearerToken(request);
    if (bearer) {
      const result = await checkApiToken(db, bearer, now);
      if (!result.ok) {
        await recordAudit(db, {
          action: "auth.token",
          outcome: "failure",
          ...(result.userId ? { actorUserId: result.userId, actorOrgId: result.orgId } : {}),
          clientAddress: request.ip,
          requestId: request.id,
          details: { reason: result.reason },
        });
        request.denialAudited = true;
        throw unauthorized("The API token is invalid, expired or revoked.", "invalid_token");
      }
      request.auth = result.auth;
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie) return;
    const result = await checkSessionToken(db, cookie, now);
    if (!result.ok) {
      request.authProblem = result.reason;
      if (result.reason === "idle" || result.reason === "expired") {
        await recordAudit(db, {
          action: "auth.session_timeout",
          outcome: "success",
          actorUserId: result.userId,
          actorOrgId: result.orgId,
          clientAddress: request.ip,
          requestId: request.id,
          details: { reason: result.reason },
        });
      }
      return;
    }
    request.auth = result.auth;
    if (!SAFE_METHODS.has(request.method)) {
      const given = request.headers[CSRF_HEADER];
      if (typeof given !== "string" || !result.csrfHash || !sameSecret(sha256Hex(given), result.csrfHash)) {
        await recordAudit(db, {
          action: "auth.csrf",
          outcome: "denied",
          actorUserId: result.auth.userId,
          actorOrgId: result.auth.orgId,
          clientAddress: request.ip,
          requestId: request.id,
          details: { method: request.method },
        });
        request.denialAudited = true;
        throw forbidden("The x-csrf-token header is missing or wrong.", "csrf_failed");
      }
    }
  });

  // Every refusal (401, 403) of an API request becomes one audit record, whichever module threw it.
  app.addHook("onError", async (request, _reply, error) => {
    if (!(error instanceof AppError) || (error.statusCode !== 401 && error.statusCode !== 403)) return;
    if (
      request.denialAudited ||
      request.routeOptions.config?.auditsItself ||
      !request.url.startsWith("/api/")
    )
      return;
    request.denialAudited = true;
    try {
      await recordAudit(app.store.db, {
        ...auditFrom(request),
        action: "http.denied",
        outcome: "denied",
        details: {
          route: `${request.method} ${request.routeOptions.url ?? "?"}`,
          code: error.code,
          status: error.statusCode,
        },
      });
    } catch (auditError) {
      // The refusal stands either way; a lost denial record must be noticed (CJIS AU-5).
      request.log.error(
        { err: { message: (auditError as Error).message } },
        "audit write failed for a denial",
      );
    }
  });
}
// Like fastify-plugin: the hook applies to every route registered after it, not only its own.
Object.assign(authHook, { [Symbol.for("skip-override")]: true });
