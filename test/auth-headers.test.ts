import assert from "node:assert/strict";
import { test } from "node:test";
import { startTestApp } from "./support/app.ts";
import { storeBackends } from "./support/stores.ts";

const backend = storeBackends()[0]!;

test("security headers on API responses: CSP, no-store, nosniff, no HSTS on plain HTTP", async () => {
  const t = await startTestApp(backend);
  try {
    for (const url of ["/api/v1/auth/me", "/healthz", "/api/v1/audit"]) {
      const r = await t.app.inject({ method: "GET", url });
      assert.match(String(r.headers["content-security-policy"]), /default-src 'self'/, url);
      assert.match(String(r.headers["content-security-policy"]), /frame-ancestors 'none'/, url);
      assert.equal(r.headers["x-content-type-options"], "nosniff", url);
      assert.equal(r.headers["referrer-policy"], "no-referrer", url);
      assert.equal(r.headers["strict-transport-security"], undefined, url);
      if (url.startsWith("/api/")) assert.equal(r.headers["cache-control"], "no-store", url);
    }
  } finally {
    await t.close();
  }
});

test("behind TLS (HARBOR_BEHIND_TLS=true): HSTS of at least one year", async () => {
  const t = await startTestApp(backend, { HARBOR_BEHIND_TLS: "true" });
  try {
    const r = await t.app.inject({ method: "GET", url: "/api/v1/auth/me" });
    const hsts = String(r.headers["strict-transport-security"]);
    const maxAge = Number(/max-age=(\d+)/.exec(hsts)?.[1]);
    assert.ok(maxAge >= 31_536_000, hsts);
    assert.match(hsts, /includeSubDomains/);
    assert.equal(r.headers["cache-control"], "no-store");
  } finally {
    await t.close();
  }
});
