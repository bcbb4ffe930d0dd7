import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { auditFrom } from "../audit/audit.request.ts";
import { ORG_TYPES } from "../auth/auth.context.ts";
import { requireRole } from "../auth/authorize.ts";
import type { OrgRow } from "./orgs.repository.ts";
import { createOrg, visibleOrgs } from "./orgs.service.ts";

const OrgSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(ORG_TYPES),
  createdAt: z.string(),
});
const CreateOrgBody = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "lower-case letters, digits and dashes, 2–63 characters"),
  name: z.string().trim().min(1).max(200),
  type: z.enum(ORG_TYPES),
});

const presentOrg = (o: OrgRow) => ({
  id: o.id,
  name: o.name,
  type: o.type,
  createdAt: o.created_at.toISOString(),
});

/** Organizations: admins list theirs (government admins all); government admins create them. */
export async function orgsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["administration"];
  r.get(
    "/api/v1/orgs",
    {
      schema: {
        tags,
        summary: "List organizations visible to the admin",
        response: { 200: z.object({ orgs: z.array(OrgSchema) }) },
      },
    },
    async (request) => {
      const auth = requireRole(request, ["admin"]);
      return { orgs: (await visibleOrgs(app.store.db, auth)).map(presentOrg) };
    },
  );
  r.post(
    "/api/v1/orgs",
    {
      schema: {
        tags,
        summary: "Create an organization (government admins)",
        body: CreateOrgBody,
        response: { 201: OrgSchema },
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
