import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorResponses } from "../../server/error-schema.ts";
import { requireRole } from "../auth/authorize.ts";
import { fieldCryptoOf } from "../crypto/crypto.service.ts";
import { callerOf } from "../policy/caller.ts";
import { resetMfa, resetPassword } from "./users.credentials.ts";
import { presentUser } from "./users.presenter.ts";
import {
  AssignableUserSchema,
  CreatedUserSchema,
  CreateUserBody,
  ListUsersQuery,
  ResetMfaBody,
  ResetPasswordResponse,
  SetRolesBody,
  UserChangeResponse,
  UserIdParams,
  UserSchema,
} from "./users.schema.ts";
import {
  assignableUsers,
  createUser,
  disableUser,
  enableUser,
  manageableUser,
  setRoles,
  unlockUser,
  usersOf,
} from "./users.service.ts";

const meta = (r: FastifyRequest) => ({ clientAddress: r.ip, requestId: r.id });
const admin = (r: FastifyRequest) => requireRole(r, ["admin"]);
const errors = errorResponses(400, 401, 403, 404, 409);
const UserResponse = z.object({ user: UserSchema });

/**
 * Account administration by admins: their organization's users (the host organization's admins:
 * every organization's). Another organization's user answers 404, like one that does not exist.
 */
export async function usersRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["administration"];
  const db = app.store.db;
  const userRoute = (path: string, summary: string) => ({
    url: `/api/v1/users/:id${path}`,
    schema: { tags, summary, params: UserIdParams },
  });

  r.get(
    "/api/v1/users",
    {
      schema: {
        tags,
        summary: "List an organization's users (yours unless you administer from the host organization)",
        querystring: ListUsersQuery,
        response: { 200: z.object({ users: z.array(UserSchema) }), ...errors },
      },
    },
    async (request) => {
      const auth = admin(request);
      const users = await usersOf(db, auth, request.query.orgId ?? auth.orgId);
      return { users: users.map(presentUser) };
    },
  );

  r.get(
    "/api/v1/users/assignable",
    {
      schema: {
        tags,
        summary: "Your organization's enabled users, to assign work or a case team from (any signed-in user)",
        response: { 200: z.object({ users: z.array(AssignableUserSchema) }), ...errors },
      },
    },
    async (request) => ({ users: await assignableUsers(db, callerOf(request).auth) }),
  );

  r.post(
    "/api/v1/users",
    {
      schema: {
        tags,
        summary: "Create a user; the TOTP secret and the one-time password are shown once",
        body: CreateUserBody,
        response: { 201: CreatedUserSchema, ...errors },
      },
    },
    async (request, reply) => {
      const auth = admin(request);
      const { orgId, ...rest } = request.body;
      const input = { ...rest, orgId: orgId ?? auth.orgId };
      const created = await createUser(db, fieldCryptoOf(app.store), auth, input, meta(request));
      return reply.code(201).send({ ...created, user: presentUser(created.user) });
    },
  );

  const one = userRoute("", "One user");
  r.get(
    one.url,
    { schema: { ...one.schema, response: { 200: UserResponse, ...errors } } },
    async (request) => ({
      user: presentUser(await manageableUser(db, admin(request), request.params.id)),
    }),
  );

  const disable = userRoute("/disable", "Disable a user and end all their sessions (never the last admin)");
  r.post(
    disable.url,
    { schema: { ...disable.schema, response: { 200: UserChangeResponse, ...errors } } },
    async (request) => {
      const done = await disableUser(db, admin(request), request.params.id, meta(request));
      return { user: presentUser(done.user), sessionsEnded: done.sessionsEnded };
    },
  );

  const enable = userRoute("/enable", "Enable a disabled user again");
  r.post(
    enable.url,
    { schema: { ...enable.schema, response: { 200: UserResponse, ...errors } } },
    async (request) => ({
      user: presentUser(await enableUser(db, admin(request), request.params.id, meta(request))),
    }),
  );

  const unlock = userRoute("/unlock", "Unlock a user locked after failed sign-ins");
  r.post(
    unlock.url,
    { schema: { ...unlock.schema, response: { 200: UserResponse, ...errors } } },
    async (request) => ({
      user: presentUser(await unlockUser(db, admin(request), request.params.id, meta(request))),
    }),
  );

  const roles = userRoute("/roles", "Replace a user's roles (never removing the last admin's)");
  r.put(
    roles.url,
    { schema: { ...roles.schema, body: SetRolesBody, response: { 200: UserResponse, ...errors } } },
    async (request) => ({
      user: presentUser(
        await setRoles(db, admin(request), request.params.id, request.body.roles, meta(request)),
      ),
    }),
  );

  const reset = userRoute(
    "/reset-password",
    "Issue a new one-time password (shown once, expires in 72 hours); every session of the user ends",
  );
  r.post(
    reset.url,
    { schema: { ...reset.schema, response: { 200: ResetPasswordResponse, ...errors } } },
    async (request) => {
      const done = await resetPassword(db, admin(request), request.params.id, meta(request));
      return { ...done, user: presentUser(done.user), expiresAt: done.expiresAt.toISOString() };
    },
  );

  const mfa = userRoute(
    "/reset-mfa",
    "Make the user enrol a new authenticator at the next sign-in (with a reason)",
  );
  r.post(
    mfa.url,
    { schema: { ...mfa.schema, body: ResetMfaBody, response: { 200: UserChangeResponse, ...errors } } },
    async (request) => {
      const crypto = fieldCryptoOf(app.store);
      const done = await resetMfa(
        db,
        crypto,
        admin(request),
        request.params.id,
        request.body.reason,
        meta(request),
      );
      return { user: presentUser(done.user), sessionsEnded: done.sessionsEnded };
    },
  );
}
