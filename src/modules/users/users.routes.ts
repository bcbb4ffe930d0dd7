import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { auditFrom } from "../audit/audit.request.ts";
import { requireRole } from "../auth/authorize.ts";
import { fieldCryptoOf } from "../crypto/crypto.service.ts";
import { presentUser } from "./users.presenter.ts";
import { getUserById, type UserRow } from "./users.repository.ts";
import {
  CreatedUserSchema,
  CreateUserBody,
  ListUsersQuery,
  UserIdParams,
  UserSchema,
} from "./users.schema.ts";
import { createUser, disableUser, unlockUser, usersOf } from "./users.service.ts";

const meta = (r: Parameters<typeof auditFrom>[0]) => {
  const { clientAddress, requestId } = auditFrom(r);
  return { clientAddress, requestId };
};

/** User administration for admins of the organization (government admins: any organization on create). */
export async function usersRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["administration"];
  const db = app.store.db;

  r.get(
    "/api/v1/users",
    {
      schema: {
        tags,
        summary: "List an organization's users (own organization)",
        querystring: ListUsersQuery,
        response: { 200: z.object({ users: z.array(UserSchema) }) },
      },
    },
    async (request) => {
      const auth = requireRole(request, ["admin"]);
      const users = await usersOf(db, auth, request.query.orgId ?? auth.orgId);
      return { users: users.map(presentUser) };
    },
  );

  r.post(
    "/api/v1/users",
    {
      schema: {
        tags,
        summary: "Create a user; the TOTP secret (and a generated password) are shown once",
        body: CreateUserBody,
        response: { 201: CreatedUserSchema },
      },
    },
    async (request, reply) => {
      const auth = requireRole(request, ["admin"]);
      const { orgId, ...rest } = request.body;
      const created = await createUser(
        db,
        fieldCryptoOf(app.store),
        auth,
        { ...rest, orgId: orgId ?? auth.orgId },
        meta(request),
      );
      return reply.code(201).send({ ...created, user: presentUser(created.user) });
    },
  );

  r.post(
    "/api/v1/users/:id/disable",
    {
      schema: {
        tags,
        summary: "Disable a user and end all their sessions",
        params: UserIdParams,
        response: { 200: z.object({ user: UserSchema, sessionsEnded: z.number() }) },
      },
    },
    async (request) => {
      const auth = requireRole(request, ["admin"]);
      const sessionsEnded = await disableUser(db, auth, request.params.id, meta(request));
      return { user: presentUser((await getUserById(db, request.params.id)) as UserRow), sessionsEnded };
    },
  );

  r.post(
    "/api/v1/users/:id/unlock",
    {
      schema: {
        tags,
        summary: "Unlock a user locked after failed sign-ins",
        params: UserIdParams,
        response: { 200: z.object({ user: UserSchema }) },
      },
    },
    async (request) => {
      const auth = requireRole(request, ["admin"]);
      await unlockUser(db, auth, request.params.id, meta(request));
      return { user: presentUser((await getUserById(db, request.params.id)) as UserRow) };
    },
  );
}
