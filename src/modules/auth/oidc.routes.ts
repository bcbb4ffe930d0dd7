import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../server/errors.ts";
import { SESSION_COOKIE } from "./auth.hook.ts";
import { finishOidc, OIDC_FLOW_SECONDS, oidcEnabled, startOidc } from "./oidc.service.ts";

/** Short-lived cookie holding state, nonce and PKCE verifier; Lax so it returns with the IdP's redirect. */
export const OIDC_COOKIE = "__Host-harbor_oidc";

/** Optional OpenID Connect sign-in (authorization code + PKCE) against the configured issuer. */
export async function oidcRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["authentication"];

  r.get(
    "/api/v1/auth/options",
    {
      schema: {
        tags,
        summary: "Which sign-in methods are available",
        response: { 200: z.object({ oidc: z.boolean() }) },
      },
    },
    async () => ({ oidc: oidcEnabled(app.config) }),
  );

  r.get(
    "/api/v1/auth/oidc/start",
    {
      config: { auditsItself: true },
      schema: { tags, summary: "Start single sign-on: redirects to the identity provider" },
    },
    async (_request, reply) => {
      const { url, flow } = await startOidc(app.config);
      reply.setCookie(OIDC_COOKIE, flow, {
        httpOnly: true,
        secure: true,
        sameSite: "lax",
        path: "/",
        maxAge: OIDC_FLOW_SECONDS,
      });
      return reply.redirect(url, 302);
    },
  );

  r.get(
    "/api/v1/auth/oidc/callback",
    {
      config: { auditsItself: true },
      schema: { tags, summary: "Identity provider's redirect back: opens a session" },
    },
    async (request, reply) => {
      reply.clearCookie(OIDC_COOKIE, { path: "/", secure: true, httpOnly: true, sameSite: "lax" });
      try {
        const { session } = await finishOidc(
          app.store.db,
          app.config,
          request.url,
          request.cookies[OIDC_COOKIE],
          {
            clientAddress: request.ip,
            requestId: request.id,
          },
        );
        reply.setCookie(SESSION_COOKIE, session.token, {
          httpOnly: true,
          secure: true,
          sameSite: "strict",
          path: "/",
        });
        return reply.redirect("/sign-in", 302);
      } catch (error) {
        if (error instanceof AppError && error.code === "oidc_failed")
          return reply.redirect("/sign-in?error=oidc_failed", 302);
        throw error;
      }
    },
  );
}
