import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { buildApp } from "../src/server/app.ts";
import { openMemoryStore } from "../src/store/store.ts";
import { startTestApp, type TestApp, testConfig } from "./support/app.ts";
import { describeEachStore } from "./support/stores.ts";

describeEachStore("HTTP foundation", (backend) => {
  let harbor: TestApp;
  before(async () => {
    harbor = await startTestApp(backend);
  });
  after(() => harbor.close());

  test("/healthz answers with the version", async () => {
    const res = await harbor.app.inject({ url: "/healthz" });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().status, "ok");
    assert.match(res.json().version, /^\d+\.\d+\.\d+/);
  });

  test("/readyz is 200 when the database answers and migrations are applied", async () => {
    const res = await harbor.app.inject({ url: "/readyz" });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().status, "ready");
  });

  test("/openapi.json is valid OpenAPI 3.1 and lists every route", async () => {
    const res = await harbor.app.inject({ url: "/openapi.json" });
    assert.equal(res.statusCode, 200);
    const spec = res.json();
    assert.equal(spec.openapi, "3.1.0");
    const result = await new Validator().validate(spec);
    assert.equal(result.valid, true, JSON.stringify(result.errors)?.slice(0, 2000));
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries(spec.paths as Record<string, object>)) {
      for (const method of Object.keys(ops)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const apiRoutes = harbor.app.routeTable.filter(
      (r) => !r.hidden && r.method !== "HEAD" && !r.url.startsWith("/docs") && r.url !== "*",
    );
    assert.ok(apiRoutes.length >= 2);
    for (const route of apiRoutes) {
      const path = route.url.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
      assert.ok(
        documented.has(`${route.method} ${path}`),
        `${route.method} ${path} missing from /openapi.json`,
      );
    }
  });

  test("/docs serves browsable API documentation", async () => {
    const res = await harbor.app.inject({ url: "/docs/" });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /swagger/i);
  });

  test("an unknown API path is a JSON 404 with a stable code", async () => {
    const res = await harbor.app.inject({ url: "/api/v1/no-such-thing" });
    assert.equal(res.statusCode, 404);
    assert.deepEqual(Object.keys(res.json().error).sort(), ["code", "message"]);
    assert.equal(res.json().error.code, "not_found");
  });

  test("a browser path that is not an API answers with the web app, so client routes work", async (t) => {
    const res = await harbor.app.inject({ url: "/some/client/route", headers: { accept: "text/html" } });
    if (res.statusCode === 404) return t.skip("web app not built in this checkout");
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<div id="root">/);
  });

  test("malformed JSON is a 400 invalid_json without a stack trace", async () => {
    const res = await harbor.app.inject({
      method: "POST",
      url: "/api/v1/routing/evaluate",
      headers: { "content-type": "application/json" },
      payload: "{not json",
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, "invalid_json");
    assert.doesNotMatch(res.body, /at .*\.ts:\d+|node_modules/);
  });

  test("every response carries security headers and API responses are not cached", async () => {
    const res = await harbor.app.inject({ url: "/healthz" });
    assert.match(String(res.headers["content-security-policy"]), /default-src 'self'/);
    assert.equal(res.headers["x-content-type-options"], "nosniff");
    assert.equal(res.headers["cache-control"], "no-store");
    assert.ok(res.headers["x-request-id"]);
    assert.equal(res.headers["strict-transport-security"], undefined, "no HSTS on plain HTTP");
  });

  test("a caller's safe X-Request-Id is echoed; an unsafe one is replaced", async () => {
    const ok = await harbor.app.inject({ url: "/healthz", headers: { "x-request-id": "trace-123" } });
    assert.equal(ok.headers["x-request-id"], "trace-123");
    const bad = await harbor.app.inject({ url: "/healthz", headers: { "x-request-id": "bad\nid" } });
    assert.notEqual(bad.headers["x-request-id"], "bad\nid");
  });
});

test("/readyz is 503 naming the pending migrations when the schema is behind", async () => {
  const store = await openMemoryStore();
  const app = await buildApp(store, testConfig());
  try {
    const res = await app.inject({ url: "/readyz" });
    assert.equal(res.statusCode, 503);
    assert.equal(res.json().reason, "migrations pending");
    assert.ok(res.json().pendingMigrations.includes("2026_11_29_0001_foundation"));
  } finally {
    await app.close();
    await store.close();
  }
});

test("HSTS is sent when Harbor runs behind TLS", async () => {
  const store = await openMemoryStore();
  const app = await buildApp(store, testConfig({ HARBOR_BEHIND_TLS: "true" }));
  try {
    const res = await app.inject({ url: "/healthz" });
    assert.match(String(res.headers["strict-transport-security"]), /max-age=31536000/);
  } finally {
    await app.close();
    await store.close();
  }
});
