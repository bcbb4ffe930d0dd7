import type { Kysely } from "kysely";
import * as oidc from "openid-client";
import type { Config } from "../../config.ts";
import { AppError, notFound } from "../../server/errors.ts";
import type { Database } from "../../store/schema.ts";
import { recordAudit } from "../audit/audit.service.ts";
import { accountForSignIn } from "../users/users.signin.ts";
import type { AuditMeta } from "./authorize.ts";
import { type NewSession, openSession } from "./login.service.ts";

/** Authentication methods (RFC 8176 `amr`) that show the identity provider used a second factor. */
export const MFA_AMR = ["mfa", "otp", "hwk", "swk", "sms", "fpt", "face"] as const;
/** Lifetime of the short cookie carrying state, nonce and PKCE verifier between start and callback. */
export const OIDC_FLOW_SECONDS = 600;

const failed = (reason: string) => new AppError(401, "oidc_failed", `Single sign-on failed (${reason}).`);

/** True when an OpenID Connect issuer is configured (issuer, client id and the public base URL). */
export function oidcEnabled(config: Config): boolean {
  return Boolean(config.OIDC_ISSUER && config.OIDC_CLIENT_ID && config.PUBLIC_BASE_URL);
}

const redirectUri = (config: Config) =>
  new URL("/api/v1/auth/oidc/callback", config.PUBLIC_BASE_URL).toString();

let discovered: { issuer: string; config: Promise<oidc.Configuration> } | undefined;

/** The issuer's metadata, discovered once. Plain HTTP is allowed only for a loopback issuer (development, tests). */
function issuerConfig(config: Config): Promise<oidc.Configuration> {
  const issuer = config.OIDC_ISSUER as string;
  if (discovered?.issuer !== issuer) {
    const url = new URL(issuer);
    const loopback = url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
    const pending = oidc.discovery(
      url,
      config.OIDC_CLIENT_ID as string,
      config.OIDC_CLIENT_SECRET,
      undefined,
      loopback ? { execute: [oidc.allowInsecureRequests] } : undefined,
    );
    discovered = { issuer, config: pending };
    pending.catch(() => {
      discovered = undefined;
    });
  }
  return discovered.config;
}

/** The authorization URL to send the browser to, and the flow cookie value (state.nonce.verifier). */
export async function startOidc(config: Config): Promise<{ url: string; flow: string }> {
  if (!oidcEnabled(config)) throw notFound("Single sign-on is not configured.");
  const server = await issuerConfig(config);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(server, {
    redirect_uri: redirectUri(config),
    scope: "openid email",
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { url: url.toString(), flow: [state, nonce, verifier].join(".") };
}

/**
 * Completes the code flow: checks state, nonce and PKCE, the ID token's signature and claims, that
 * the identity provider used a second factor (`amr`), and that the verified email belongs to an
 * enabled, unlocked Harbor user (no automatic account creation). Opens a session; audited either way.
 */
export async function finishOidc(
  db: Kysely<Database>,
  config: Config,
  callbackPath: string,
  flow: string | undefined,
  meta: AuditMeta,
): Promise<{ userId: string; session: NewSession }> {
  const audit = (
    outcome: "success" | "failure",
    extra: { actorUserId?: string; actorOrgId?: string; reason?: string },
  ) =>
    recordAudit(db, {
      ...meta,
      action: "auth.oidc",
      outcome,
      ...(extra.actorUserId ? { actorUserId: extra.actorUserId, actorOrgId: extra.actorOrgId } : {}),
      details: extra.reason ? { reason: extra.reason } : {},
    });
  if (!oidcEnabled(config)) throw notFound("Single sign-on is not configured.");
  const [state, nonce, verifier] = (flow ?? "").split(".");
  if (!state || !nonce || !verifier) {
    await audit("failure", { reason: "no_flow" });
    throw failed("no sign-on in progress");
  }
  let claims: oidc.IDToken | undefined;
  try {
    const tokens = await oidc.authorizationCodeGrant(
      await issuerConfig(config),
      new URL(callbackPath, config.PUBLIC_BASE_URL),
      {
        pkceCodeVerifier: verifier,
        expectedState: state,
        expectedNonce: nonce,
        idTokenExpected: true,
      },
    );
    claims = tokens.claims();
  } catch {
    await audit("failure", { reason: "token_rejected" });
    throw failed("the identity provider's answer was not accepted");
  }
  const email =
    typeof claims?.email === "string" && claims.email_verified !== false ? claims.email : undefined;
  const amr = Array.isArray(claims?.amr) ? (claims.amr as string[]) : [];
  if (!amr.some((m) => (MFA_AMR as readonly string[]).includes(m))) {
    await audit("failure", { reason: "no_mfa" });
    throw failed("the identity provider did not use a second factor");
  }
  const user = email ? await accountForSignIn(db, email) : undefined;
  if (!user || user.disabled_at || user.locked_at) {
    await audit("failure", {
      ...(user ? { actorUserId: user.id, actorOrgId: user.org_id } : {}),
      reason: user ? "account_unusable" : "unknown_user",
    });
    throw failed("no usable Harbor account for this identity");
  }
  const session = await db.transaction().execute(async (trx) => {
    const s = await openSession(trx, user);
    await recordAudit(trx, {
      ...meta,
      action: "auth.oidc",
      outcome: "success",
      actorUserId: user.id,
      actorOrgId: user.org_id,
      targetType: "session",
      targetIds: [s.sessionId],
    });
    return s;
  });
  return { userId: user.id, session };
}
