import fastifyRateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { tooManyRequests } from "../../server/errors.ts";
import { fieldCryptoOf } from "../crypto/crypto.service.ts";
import { presentUser } from "../users/users.presenter.ts";
import { getUserById, type UserRow } from "../users/users.repository.ts";
import { requireAuth } from "./auth.context.ts";
import { SESSION_COOKIE } from "./auth.hook.ts";
import { LoginBody, LoginResponse, MfaBody, SessionResponse } from "./auth.schema.ts";
import { completeMfa, loginWithPassword, logout } from "./login.service.ts";
import { csrfTokenFor } from "./secrets.ts";

const meta = (request: FastifyRequest) => ({ clientAddress: request.ip, requestId: request.id });
const cookieOptions = { httpOnly: true, secure: true, sameSite: "strict", path: "/" } as const;

/** Sign-in (password, then TOTP), sign-out and the current user. Sign-in steps are rate-limited per address. */
export async function authRoutes(app: FastifyInstance): Promise<void> {
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
        response: { 200: LoginResponse },
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
        summary: "TOTP step: sets the session cookie",
        body: MfaBody,
        response: { 200: SessionResponse },
      },
    },
    async (request, reply) => {
      const { user, session } = await completeMfa(
        app.store.db,
        fieldCryptoOf(app.store),
        request.body.challengeId,
        request.body.code,
        meta(request),
      );
      reply.setCookie(SESSION_COOKIE, session.token, cookieOptions);
      return {
        user: presentUser((await getUserById(app.store.db, user.id)) as UserRow),
        csrfToken: session.csrfToken,
      };
    },
  );

  r.post(
    "/api/v1/auth/logout",
    { schema: { tags, summary: "End the current session at once", response: { 204: z.null() } } },
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
        summary: "The signed-in user (and the CSRF token of a cookie session)",
        response: { 200: SessionResponse },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const user = (await getUserById(app.store.db, auth.userId)) as UserRow;
      const cookie = request.cookies[SESSION_COOKIE];
      return {
        user: presentUser(user),
        ...(auth.via === "session" && cookie ? { csrfToken: csrfTokenFor(cookie) } : {}),
      };
    },
  );
}
