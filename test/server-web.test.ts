import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import Fastify, { type FastifyInstance } from "fastify";
import { registerWeb } from "../src/server/web.ts";

// The web app answers page loads from browsers (Accept: text/html) and from curl and health checkers
// (Accept: */* or none); missing files and API paths stay JSON errors. A stand-in build keeps this test
// independent of whether `npm run build:web` has run.

describe("serving the web app", () => {
  let app: FastifyInstance;
  let dist: string;
  before(async () => {
    dist = mkdtempSync(path.join(tmpdir(), "harbor-web-"));
    writeFileSync(path.join(dist, "index.html"), '<!doctype html><div id="root"></div>');
    app = Fastify();
    // The route table buildApp keeps, which the 405 answer reads.
    const routeTable: FastifyInstance["routeTable"] = [];
    app.decorate("routeTable", routeTable);
    app.addHook("onRoute", (r) => {
      for (const method of [r.method].flat()) routeTable.push({ method, url: r.url, hidden: false });
    });
    app.get("/api/v1/things", async () => ({ things: [] }));
    await registerWeb(app, dist);
    await app.ready();
  });
  after(async () => {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });

  for (const accept of ["*/*", undefined, "text/html,application/xhtml+xml,*/*;q=0.8"]) {
    test(`GET / with Accept ${accept ?? "(none)"} serves the app`, async () => {
      const res = await app.inject({ url: "/", headers: accept ? { accept } : {} });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers["content-type"]), /^text\/html/);
      assert.match(res.body, /<div id="root">/);
    });
  }

  test("a client route loads the app too, and HEAD answers like GET", async () => {
    assert.equal((await app.inject({ url: "/cases/123", headers: { accept: "*/*" } })).statusCode, 200);
    assert.equal((await app.inject({ method: "HEAD", url: "/" })).statusCode, 200);
  });

  test("a missing file, an API path or a JSON client get a JSON 404", async () => {
    for (const [url, accept] of [
      ["/assets/missing.js", "*/*"],
      ["/api/v1/nope", "*/*"],
      ["/cases", "application/json"],
    ] as const) {
      const res = await app.inject({ url, headers: { accept } });
      assert.equal(res.statusCode, 404, url);
      assert.equal(res.json().error.code, "not_found", url);
    }
  });

  test("a known API path with another method is a 405 naming the allowed ones", async () => {
    const res = await app.inject({ method: "POST", url: "/api/v1/things" });
    assert.equal(res.statusCode, 405);
    assert.equal(res.json().error.code, "method_not_allowed");
    assert.match(String(res.headers.allow), /GET/);
  });
});
