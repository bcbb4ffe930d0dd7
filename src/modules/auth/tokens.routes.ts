import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { auditFrom } from "../audit/audit.request.ts";
import { createApiToken, revokeToken, tokensOf } from "./api-tokens.service.ts";
import { CreatedTokenSchema, CreateTokenBody, TokenSchema } from "./auth.schema.ts";
import { requireRole } from "./authorize.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** API tokens for integrations: admins create (printed once), list and revoke their organization's. */
export async function tokensRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["administration"];
  const db = app.store.db;
  const meta = (request: Parameters<typeof auditFrom>[0]) => ({
    clientAddress: request.ip,
    requestId: request.id,
  });

  r.get(
    "/api/v1/tokens",
    {
      schema: {
        tags,
        summary: "List the organization's API tokens (never their secrets)",
        response: { 200: z.object({ tokens: z.array(TokenSchema) }) },
      },
    },
    async (request) => {
      const auth = requireRole(request, ["admin"]);
      const rows = await tokensOf(db, auth.orgId);
      return {
        tokens: rows.map((t) => ({
          id: t.id,
          userId: t.user_id,
          label: t.label,
          createdAt: t.created_at.toISOString(),
          expiresAt: t.expires_at.toISOString(),
          revokedAt: iso(t.revoked_at),
          lastUsedAt: iso(t.last_used_at),
        })),
      };
    },
  );

  r.post(
    "/api/v1/tokens",
    {
      schema: {
        tags,
        summary: "Create an API token for a user of the organization; shown once",
        body: CreateTokenBody,
        response: { 201: CreatedTokenSchema },
      },
    },
    async (request, reply) => {
      const auth = requireRole(request, ["admin"]);
      const { userId, expiresInDays, label } = request.body;
      const t = await createApiToken(
        db,
        auth,
        { userId, lifetimeMs: expiresInDays * 86_400_000, ...(label ? { label } : {}) },
        meta(request),
      );
      return reply
        .code(201)
        .send({ id: t.id, userId: t.userId, token: t.token, expiresAt: t.expiresAt.toISOString() });
    },
  );

  r.delete(
    "/api/v1/tokens/:id",
    {
      schema: {
        tags,
        summary: "Revoke an API token at once",
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const auth = requireRole(request, ["admin"]);
      await revokeToken(db, auth, auth.orgId, request.params.id, meta(request));
      return reply.code(204).send(null);
    },
  );
}
