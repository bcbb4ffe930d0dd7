import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { generate } from "otplib";
import { createApiToken } from "../../src/modules/auth/api-tokens.service.ts";
import type { OrgType, Role, SystemContext } from "../../src/modules/auth/auth.context.ts";
import { clock } from "../../src/modules/auth/clock.ts";
import { sessionAuth } from "../../src/modules/auth/credentials.service.ts";
import { openSession } from "../../src/modules/auth/login.service.ts";
import { cryptoFor } from "../../src/modules/auth/totp-secrets.ts";
import { createOrg, findOrg } from "../../src/modules/orgs/orgs.service.ts";
import { changeOwnPassword } from "../../src/modules/users/users.credentials.ts";
import { createUser } from "../../src/modules/users/users.service.ts";
import type { Store } from "../../src/store/store.ts";
import { testConfig } from "./app.ts";

const SYSTEM: SystemContext = { kind: "system", reason: "test" };

/** A signed-in test user: bearer headers for API calls, or a session cookie plus its CSRF token. */
export interface TestUser {
  orgId: string;
  userId: string;
  email: string;
  password: string;
  totpSecret: string;
  roles: Role[];
  /** Raw API token. */
  token: string;
  /** `{ authorization: "Bearer …" }` for `app.inject({ headers })`. */
  headers: { authorization: string };
  /** A session cookie header value (`__Host-harbor_session=…`) and the matching CSRF token. */
  cookie: string;
  csrfToken: string;
  /** `{ cookie, "x-csrf-token" }` for cookie-authenticated writes. */
  sessionHeaders: { cookie: string; "x-csrf-token": string };
}

/**
 * Creates (if needed) an organization and a user in it with the roles, directly through the
 * services (no HTTP, no MFA), and returns ready credentials: a 30-day API token and a session.
 * The user has already replaced the one-time password with `password` (as at a first sign-in),
 * unless `oneTimePassword` is set: then `password` is still the one-time password.
 */
export async function createOrgWithUser(
  store: Store,
  opts: {
    orgId: string;
    orgType: OrgType;
    roles: Role[];
    email?: string;
    orgName?: string;
    oneTimePassword?: boolean;
  },
): Promise<TestUser> {
  if (!(await findOrg(store.db, SYSTEM, opts.orgId))) {
    await createOrg(store.db, SYSTEM, {
      id: opts.orgId,
      name: opts.orgName ?? `Org ${opts.orgId}`,
      type: opts.orgType,
    });
  }
  const email = opts.email ?? `${opts.roles.join("-")}-${randomBytes(4).toString("hex")}@${opts.orgId}.test`;
  const initial = `test-${randomBytes(12).toString("hex")}`;
  const created = await createUser(store.db, await cryptoFor(store, testConfig()), SYSTEM, {
    orgId: opts.orgId,
    email,
    roles: opts.roles,
    password: initial,
  });
  const token = await createApiToken(store.db, SYSTEM, {
    userId: created.user.id,
    lifetimeMs: 30 * 86_400_000,
    label: "test",
  });
  const session = await openSession(store.db, created.user);
  const cookie = `__Host-harbor_session=${session.token}`;
  let password = initial;
  if (!opts.oneTimePassword) {
    password = `chosen-${randomBytes(12).toString("hex")}`;
    const auth = sessionAuth(created.user, session.sessionId);
    await changeOwnPassword(store.db, auth, { currentPassword: initial, newPassword: password });
  }
  return {
    orgId: opts.orgId,
    userId: created.user.id,
    email,
    password,
    totpSecret: created.totpSecret,
    roles: opts.roles,
    token: token.token,
    headers: { authorization: `Bearer ${token.token}` },
    cookie,
    csrfToken: session.csrfToken,
    sessionHeaders: { cookie, "x-csrf-token": session.csrfToken },
  };
}

/** The current TOTP code for a secret at the (possibly simulated) clock, or at `at`. */
export function totpCode(secret: string, at: Date = clock.now()): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

/** The `__Host-harbor_session=…` pair from a response's Set-Cookie, if any. */
export function sessionCookieFrom(setCookie: string | string[] | undefined): string | undefined {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const found = all.find((c) => c.startsWith("__Host-harbor_session="));
  return found?.split(";")[0];
}

/**
 * Signs in through the API (password, then TOTP at the current clock) and returns the session
 * cookie and CSRF token. A TOTP code is single-use: advance the clock 30 s between two sign-ins.
 */
export async function signIn(
  app: FastifyInstance,
  user: { email: string; password: string; totpSecret: string },
): Promise<{
  cookie: string;
  csrfToken: string;
  sessionHeaders: { cookie: string; "x-csrf-token": string };
}> {
  const login = await app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { email: user.email, password: user.password },
  });
  if (login.statusCode !== 200) throw new Error(`login answered ${login.statusCode}: ${login.body}`);
  const mfa = await app.inject({
    method: "POST",
    url: "/api/v1/auth/mfa",
    payload: { challengeId: login.json().challengeId, code: await totpCode(user.totpSecret) },
  });
  if (mfa.statusCode !== 200) throw new Error(`mfa answered ${mfa.statusCode}: ${mfa.body}`);
  const cookie = sessionCookieFrom(mfa.headers["set-cookie"]);
  if (!cookie) throw new Error("no session cookie");
  const csrfToken = mfa.json().csrfToken as string;
  return { cookie, csrfToken, sessionHeaders: { cookie, "x-csrf-token": csrfToken } };
}
