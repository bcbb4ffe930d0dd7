import fastifyRateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorResponses } from "../../server/error-schema.ts";
import { tooManyRequests } from "../../server/errors.ts";
import { fieldCryptoOf } from "../crypto/crypto.service.ts";
import { changeOwnPassword } from "../users/users.credentials.ts";
import { presentUser } from "../users/users.presenter.ts";
import { ChangePasswordBody } from "../users/users.schema.ts";
import { capabilitiesOf, ownAccount } from "../users/users.service.ts";
import { type AuthContext, requireAuth } from "./auth.context.ts";
import { SESSION_COOKIE } from "./auth.hook.ts";
import { LoginBody, LoginResponse, MfaBody, SessionResponse } from "./auth.schema.ts";
import { sessionAuth } from "./credentials.service.ts";
import { completeMfa, loginWithPassword, logout } from "./login.service.ts";
import { csrfTokenFor } from "./secrets.ts";

const meta = (request: FastifyRequest) => ({ clientAddress: request.ip, requestId: request.id });
const cookieOptions = { httpOnly: true, secure: true, sameSite: "strict", path: "/" } as const;

/**
 * Sign-in (password, then TOTP), sign-out, the current user and password change. Sign-in steps and
 * password changes are rate-limited per address.
 */
export async function authRoutes(app: FastifyInstance): Promise<void> {
  const sessionOf = async (auth: AuthContext) => ({
    user: presentUser(await ownAccount(app.store.db, auth)),
    can: await capabilitiesOf(app.store.db, auth),
  });
  await app.register(fastifyRateLimit, {
    global: false,
    keyGenerator: (request) => request.ip,
    errorResponseBuilder: (_request, context) => tooManyRequests(undefined, Math.ceil(context.ttl / 1000)),
  });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["authentication"];
  const limited = {
    auditsItself: true,
    rateLimit: { max: app.config.HARBOR_LOGIN_RATE_LIMIT, timeWindow: 60_000 },
  };

  r.post(
    "/api/v1/auth/login",
    {
      config: limited,
      schema: {
        tags,
        summary: "Password step: answers with an MFA challenge",
        body: LoginBody,
        response: { 200: LoginResponse, ...errorResponses(400, 401, 429) },
      },
    },
    async (request) =>
      loginWithPassword(
        app.store.db,
        fieldCryptoOf(app.store),
        request.body.email,
        request.body.password,
        meta(request),
      ),
  );

  r.post(
    "/api/v1/auth/mfa",
    {
      config: limited,
      schema: {
        tags,
        summary: "TOTP step (and a new password after a one-time password): sets the session cookie",
        body: MfaBody,
        response: { 200: SessionResponse, ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const { user, session } = await completeMfa(
        app.store.db,
        fieldCryptoOf(app.store),
        request.body,
        meta(request),
      );
      reply.setCookie(SESSION_COOKIE, session.token, cookieOptions);
      const auth = sessionAuth(user, session.sessionId);
      return { ...(await sessionOf(auth)), csrfToken: session.csrfToken };
    },
  );

  r.post(
    "/api/v1/auth/logout",
    {
      schema: {
        tags,
        summary: "End the current session at once",
        response: { 204: z.null(), ...errorResponses(401) },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      if (auth.via === "session") await logout(app.store.db, auth, meta(request));
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.code(204).send(null);
    },
  );

  r.get(
    "/api/v1/auth/me",
    {
      schema: {
        tags,
        summary: "The signed-in user, what they may do (and the CSRF token of a cookie session)",
        response: { 200: SessionResponse, ...errorResponses(401) },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const cookie = request.cookies[SESSION_COOKIE];
      return {
        ...(await sessionOf(auth)),
        ...(auth.via === "session" && cookie ? { csrfToken: csrfTokenFor(cookie) } : {}),
      };
    },
  );

  r.post(
    "/api/v1/auth/password",
    {
      config: { rateLimit: limited.rateLimit },
      schema: {
        tags,
        summary: "Change your own password: the current one first; your other sessions end",
        body: ChangePasswordBody,
        response: { 200: z.object({ sessionsEnded: z.number() }), ...errorResponses(400, 401, 423, 429) },
      },
    },
    async (request) => changeOwnPassword(app.store.db, requireAuth(request), request.body, meta(request)),
  );
}
