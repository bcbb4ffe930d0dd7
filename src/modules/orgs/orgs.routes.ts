import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorResponses } from "../../server/error-schema.ts";
import { auditFrom } from "../audit/audit.request.ts";
import { requireAuth } from "../auth/auth.context.ts";
import { requireRole } from "../auth/authorize.ts";
import type { OrgRow } from "./orgs.repository.ts";
import { CreateOrgBody, OrgSchema } from "./orgs.schema.ts";
import { createOrg, visibleOrgs } from "./orgs.service.ts";

const presentOrg = (o: OrgRow) => ({
  id: o.id,
  name: o.name,
  type: o.type,
  host: o.host,
  createdAt: o.created_at.toISOString(),
});

/** Organizations: every signed-in user lists them (to pick a partner); the host's admins create them. */
export async function orgsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["administration"];
  r.get(
    "/api/v1/orgs",
    {
      schema: {
        tags,
        summary: "List the organizations (id, name, type), to choose a partner",
        response: { 200: z.object({ orgs: z.array(OrgSchema) }), ...errorResponses(401) },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      return { orgs: (await visibleOrgs(app.store.db, auth)).map(presentOrg) };
    },
  );
  r.post(
    "/api/v1/orgs",
    {
      schema: {
        tags,
        summary: "Create an organization (the host organization's admins)",
        body: CreateOrgBody,
        response: { 201: OrgSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const auth = requireRole(request, ["admin"]);
      const { clientAddress, requestId } = auditFrom(request);
      const org = await createOrg(app.store.db, auth, request.body, { clientAddress, requestId });
      return reply.code(201).send(presentOrg(org));
    },
  );
}
