import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, type TestUser } from "./support/auth.ts";
import { describeEachStore } from "./support/stores.ts";

describeEachStore("admin API: organizations, users, tokens", (backend) => {
  let t: TestApp;
  let host: TestUser;
  let pdAdmin: TestUser;
  let pdInvestigator: TestUser;
  let ngoAdmin: TestUser;
  const call = (method: "GET" | "POST" | "PUT" | "DELETE", url: string, who: TestUser, payload?: object) =>
    t.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });

  before(async () => {
    t = await startTestApp(backend);
    // The installation's first organization is its host (a law-enforcement agency here, as in the README).
    host = await createOrgWithUser(t.store, {
      orgId: "task-force",
      orgType: "law_enforcement",
      roles: ["admin"],
    });
    pdAdmin = await createOrgWithUser(t.store, {
      orgId: "metro-pd",
      orgType: "law_enforcement",
      roles: ["admin"],
    });
    pdInvestigator = await createOrgWithUser(t.store, {
      orgId: "metro-pd",
      orgType: "law_enforcement",
      roles: ["investigator"],
    });
    ngoAdmin = await createOrgWithUser(t.store, {
      orgId: "safe-house",
      orgType: "service_provider",
      roles: ["admin"],
    });
  });
  after(() => t.close());

  test("only the host organization's admins create organizations; others get 403", async () => {
    const ok = await call("POST", "/api/v1/orgs", host, {
      id: "county-da",
      name: "County DA",
      type: "prosecutor",
    });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().type, "prosecutor");
    assert.equal(ok.json().host, false, "a created organization is a partner, not a second host");
    assert.equal(
      (
        await call("POST", "/api/v1/orgs", host, { id: "county-da", name: "Again", type: "prosecutor" })
      ).json().error.code,
      "org_exists",
    );
    assert.equal(
      (await call("POST", "/api/v1/orgs", pdAdmin, { id: "rogue", name: "Rogue", type: "government" }))
        .statusCode,
      403,
    );
    assert.equal(
      (await call("POST", "/api/v1/orgs", pdInvestigator, { id: "rogue", name: "Rogue", type: "government" }))
        .statusCode,
      403,
    );
    assert.equal(
      (await call("POST", "/api/v1/orgs", host, { id: "Bad Id", name: "x", type: "prosecutor" })).statusCode,
      400,
    );
  });

  test("every signed-in user lists every organization (id, name, type, host), for partner pickers", async () => {
    for (const who of [pdInvestigator, ngoAdmin, host]) {
      const r = await call("GET", "/api/v1/orgs", who);
      assert.equal(r.statusCode, 200, r.body);
      const orgs = r.json().orgs as { id: string; host: boolean }[];
      for (const id of ["task-force", "metro-pd", "safe-house"])
        assert.ok(
          orgs.some((o) => o.id === id),
          id,
        );
      assert.deepEqual(
        orgs.filter((o) => o.host).map((o) => o.id),
        ["task-force"],
      );
      assert.deepEqual(Object.keys(orgs[0] ?? {}).sort(), ["createdAt", "host", "id", "name", "type"]);
    }
    assert.equal((await t.app.inject({ method: "GET", url: "/api/v1/orgs" })).statusCode, 401);
  });

  test("create a user: secret and generated password shown once, never listed; email unique case-insensitively", async () => {
    const r = await call("POST", "/api/v1/users", pdAdmin, {
      email: "New.Officer@metro.test",
      roles: ["investigator", "intake"],
    });
    assert.equal(r.statusCode, 201, r.body);
    const body = r.json();
    assert.match(body.totpSecret, /^[A-Z2-7]{32}$/);
    assert.match(body.otpauthUrl, /^otpauth:\/\/totp\/Harbor:/);
    assert.ok(body.initialPassword.length >= 16);
    assert.equal(body.user.orgId, "metro-pd");
    const list = await call("GET", "/api/v1/users", pdAdmin);
    assert.equal(list.statusCode, 200);
    assert.ok(!list.body.includes(body.totpSecret) && !list.body.includes(body.initialPassword));
    assert.ok(!/password_hash|passwordHash|secret|hash|"password"/i.test(list.body), "no credential fields");
    const dup = await call("POST", "/api/v1/users", pdAdmin, {
      email: "new.officer@METRO.test",
      roles: ["intake"],
    });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().error.code, "email_taken");
  });

  test("admins cannot reach another organization's users: 404, like a user that does not exist", async () => {
    const victimId = pdInvestigator.userId;
    for (const action of ["disable", "enable", "unlock", "reset-password"]) {
      const r = await call("POST", `/api/v1/users/${victimId}/${action}`, ngoAdmin);
      assert.equal(r.statusCode, 404, action);
      const missing = await call(
        "POST",
        `/api/v1/users/00000000-0000-4000-8000-000000000000/${action}`,
        ngoAdmin,
      );
      assert.deepEqual(r.json(), missing.json());
    }
    assert.equal((await call("GET", "/api/v1/users?orgId=metro-pd", ngoAdmin)).statusCode, 404);
    assert.equal(
      (
        await call("POST", "/api/v1/users", ngoAdmin, {
          email: "x@metro.test",
          roles: ["admin"],
          orgId: "metro-pd",
        })
      ).statusCode,
      404,
    );
    assert.equal(
      (await call("POST", "/api/v1/tokens", ngoAdmin, { userId: victimId, expiresInDays: 5 })).statusCode,
      404,
    );
  });

  test("the host organization's admins may create the first admin of another organization", async () => {
    const r = await call("POST", "/api/v1/users", host, {
      email: "first.admin@county-da.test",
      roles: ["admin"],
      orgId: "county-da",
    });
    assert.equal(r.statusCode, 201, r.body);
    assert.equal(r.json().user.orgId, "county-da");
  });

  test("non-admins get 403 on every admin route, anonymous callers 401", async () => {
    const routes: ["GET" | "POST" | "PUT" | "DELETE", string, object?][] = [
      ["GET", "/api/v1/users"],
      ["POST", "/api/v1/users", { email: "a@b.test", roles: ["intake"] }],
      ["GET", `/api/v1/users/${pdAdmin.userId}`],
      ["POST", `/api/v1/users/${pdAdmin.userId}/disable`],
      ["POST", `/api/v1/users/${pdAdmin.userId}/enable`],
      ["POST", `/api/v1/users/${pdAdmin.userId}/unlock`],
      ["PUT", `/api/v1/users/${pdAdmin.userId}/roles`, { roles: ["intake"] }],
      ["POST", `/api/v1/users/${pdAdmin.userId}/reset-password`],
      ["POST", `/api/v1/users/${pdAdmin.userId}/reset-mfa`, { reason: "lost_device" }],
      ["POST", "/api/v1/orgs", { id: "zz-org", name: "Z", type: "hotline" }],
      ["GET", "/api/v1/tokens"],
      ["POST", "/api/v1/tokens", { userId: pdAdmin.userId, expiresInDays: 1 }],
      ["DELETE", "/api/v1/tokens/00000000-0000-4000-8000-000000000000"],
      ["GET", "/api/v1/audit"],
    ];
    for (const [method, url, payload] of routes) {
      assert.equal((await call(method, url, pdInvestigator, payload)).statusCode, 403, `${method} ${url}`);
      const anon = await t.app.inject({ method, url, ...(payload ? { payload } : {}) });
      assert.equal(anon.statusCode, 401, `${method} ${url}`);
    }
  });
});
