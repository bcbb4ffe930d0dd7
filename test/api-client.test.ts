import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ApiError, createHarborClient, type HarborClient, succeed, unwrap } from "../client/harbor-client.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, type TestUser } from "./support/auth.ts";
import { storeBackends } from "./support/stores.ts";

/**
 * The generated client, from Node, against a listening Harbor with an API token: what a CLI
 * command or an integration that talks to a running server uses (typed answers, typed refusals).
 */
const backend = storeBackends()[0]!;
let t: TestApp;
let admin: TestUser;
let investigator: TestUser;
let baseUrl: string;
const client = (who: TestUser): HarborClient => createHarborClient({ baseUrl, token: who.token });

before(async () => {
  t = await startTestApp(backend);
  baseUrl = await t.app.listen({ host: "127.0.0.1", port: 0 });
  admin = await createOrgWithUser(t.store, { orgId: "api-pd", orgType: "law_enforcement", roles: ["admin"] });
  investigator = await createOrgWithUser(t.store, {
    orgId: "api-pd",
    orgType: "law_enforcement",
    roles: ["investigator"],
  });
});
after(() => t.close());

test("typed answers: the signed-in user and what the policy allows them", async () => {
  const me = await unwrap(client(admin).GET("/api/v1/auth/me"));
  assert.equal(me.user.email, admin.email);
  assert.deepEqual(me.can, { manageUsers: true, createOrgs: true, readAudit: true });
  assert.equal(me.csrfToken, undefined, "a bearer call has no CSRF token");
});

test("writes with a typed body and path parameters; a 204 resolves", async () => {
  const created = await unwrap(
    client(admin).POST("/api/v1/users", { body: { email: "new.one@api.test", roles: ["intake"] } }),
  );
  assert.equal(created.user.passwordChangeRequired, true);
  const roles = await unwrap(
    client(admin).PUT("/api/v1/users/{id}/roles", {
      params: { path: { id: created.user.id } },
      body: { roles: ["intake", "analyst"] },
    }),
  );
  assert.deepEqual(roles.user.roles, ["intake", "analyst"]);
  const token = await unwrap(
    client(admin).POST("/api/v1/tokens", { body: { userId: created.user.id, expiresInDays: 1 } }),
  );
  await succeed(client(admin).DELETE("/api/v1/tokens/{id}", { params: { path: { id: token.id } } }));
});

test("refusals become an ApiError with the server's status and code", async () => {
  await assert.rejects(
    unwrap(client(investigator).GET("/api/v1/users")),
    (e: unknown) => e instanceof ApiError && e.status === 403 && e.code === "forbidden",
  );
  await assert.rejects(
    unwrap(createHarborClient({ baseUrl }).GET("/api/v1/auth/me")),
    (e: unknown) => e instanceof ApiError && e.status === 401 && e.code === "unauthorized",
  );
  await assert.rejects(
    unwrap(client(admin).POST("/api/v1/users/{id}/disable", { params: { path: { id: admin.userId } } })),
    (e: unknown) => e instanceof ApiError && e.status === 409 && e.code === "last_admin",
  );
});
