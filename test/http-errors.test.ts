import assert from "node:assert/strict";
import { connect } from "node:net";
import { after, before, describe, test } from "node:test";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { startTestApp, type TestApp } from "./support/app.ts";
import { storeBackends } from "./support/stores.ts";

// Every error a client can provoke, whichever layer answers it (router, body parser, validation, rate
// limiter, a route, Node's HTTP parser), has the one error shape and the security headers that
// docs/security.md promises on every response, and never echoes the request back.

const LONG_ID = "x".repeat(101);
const json = { "content-type": "application/json" };
const login = { method: "POST", url: "/api/v1/auth/login" } as const;
const validLogin = JSON.stringify({ email: "nobody@example.test", password: "not the password" });

const CASES: Array<{ name: string; status: number; code: string; request: InjectOptions }> = [
  { name: "unknown API route", status: 404, code: "not_found", request: { url: "/api/v1/no-such-thing" } },
  {
    name: "known route, wrong method",
    status: 405,
    code: "method_not_allowed",
    request: { method: "DELETE", url: "/api/v1/directory" },
  },
  {
    name: "body too large",
    status: 413,
    code: "body_too_large",
    request: { ...login, headers: json, payload: JSON.stringify({ email: "a".repeat(1_100_000) }) },
  },
  {
    name: "path id longer than 100 characters",
    status: 414,
    code: "uri_too_long",
    request: { url: `/api/v1/persons/${LONG_ID}` },
  },
  {
    name: "badly percent-encoded path",
    status: 400,
    code: "invalid_request",
    request: { url: "/api/v1/directory/%E0%A4%A" },
  },
  {
    name: "text/plain body",
    status: 415,
    code: "unsupported_media_type",
    request: { ...login, headers: { "content-type": "text/plain" }, payload: validLogin },
  },
  {
    name: "XML body",
    status: 415,
    code: "unsupported_media_type",
    request: { ...login, headers: { "content-type": "application/xml" }, payload: "<login/>" },
  },
  {
    name: "malformed JSON",
    status: 400,
    code: "invalid_json",
    request: { ...login, headers: json, payload: '{"email": ' },
  },
  {
    name: "JSON that is not UTF-8",
    status: 400,
    code: "invalid_json",
    request: { ...login, headers: json, payload: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]) },
  },
  {
    name: "a field failing validation",
    status: 400,
    code: "invalid_request",
    request: { ...login, headers: json, payload: JSON.stringify({ email: 5 }) },
  },
  {
    name: "a null byte in a text field",
    status: 400,
    code: "invalid_request",
    request: { url: "/api/v1/directory?q=%00" },
  },
  { name: "signed out", status: 401, code: "unauthorized", request: { url: "/api/v1/cases" } },
];

function assertHouseError(res: LightMyRequestResponse | ParsedResponse, status: number, code: string) {
  assert.equal(res.statusCode, status, res.body.slice(0, 300));
  const body = JSON.parse(res.body);
  assert.deepEqual(Object.keys(body), ["error"]);
  assert.deepEqual(Object.keys(body.error).sort(), ["code", "message"]);
  assert.equal(body.error.code, code);
  assert.ok(body.error.message.length > 5);
  assert.ok(!res.body.includes(LONG_ID), "the request is not echoed");
  assert.doesNotMatch(res.body, /FST_|\n\s+at |node_modules/);
  assert.match(String(res.headers["content-security-policy"]), /default-src 'self'/);
  assert.equal(res.headers["x-content-type-options"], "nosniff");
  assert.equal(res.headers["referrer-policy"], "no-referrer");
  assert.equal(res.headers["cache-control"], "no-store");
  assert.match(String(res.headers["content-type"]), /^application\/json/);
}

interface ParsedResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends raw bytes to a listening server and parses the one response (for errors Node answers itself). */
async function rawRequest(port: number, bytes: string): Promise<ParsedResponse> {
  const text = await new Promise<string>((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.end(bytes));
    let out = "";
    socket.on("data", (d) => {
      out += d.toString("utf8");
    });
    socket.on("close", () => resolve(out));
    socket.on("error", reject);
  });
  const [head = "", body = ""] = text.split("\r\n\r\n");
  const [status = "", ...lines] = head.split("\r\n");
  const headers = Object.fromEntries(
    lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]),
  );
  return { statusCode: Number(status.split(" ")[1]), headers, body };
}

const backend = storeBackends()[0]!;

describe(`[${backend.name}] every error has the house shape and the security headers`, () => {
  let harbor: TestApp;
  before(async () => {
    harbor = await startTestApp(backend, { HARBOR_LOGIN_RATE_LIMIT: "3" });
  });
  after(() => harbor.close());

  for (const c of CASES) {
    test(`${c.status} ${c.name}`, async () => {
      const res = await harbor.app.inject({ ...c.request, remoteAddress: `10.0.0.${CASES.indexOf(c)}` });
      assertHouseError(res, c.status, c.code);
    });
  }

  test("405 says which methods the path allows", async () => {
    const res = await harbor.app.inject({ method: "DELETE", url: "/api/v1/directory" });
    assert.match(String(res.headers.allow), /\bGET\b/);
  });

  test("429 after too many sign-in attempts from one address", async () => {
    const attempt = () =>
      harbor.app.inject({ ...login, headers: json, payload: validLogin, remoteAddress: "10.1.1.1" });
    for (let i = 0; i < 3; i++) await attempt();
    const res = await attempt();
    assertHouseError(res, 429, "rate_limited");
    assert.ok(Number(res.headers["retry-after"]) > 0);
  });

  test("errors Node's HTTP parser answers (a malformed request line, headers too large) too", async () => {
    await harbor.app.listen({ host: "127.0.0.1", port: 0 });
    const address = harbor.app.server.address();
    assert.ok(address && typeof address === "object");
    const bad = await rawRequest(address.port, "GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n");
    assertHouseError(bad, 400, "invalid_request");
    const huge = await rawRequest(
      address.port,
      `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${"y".repeat(20_000)}\r\n\r\n`,
    );
    assertHouseError(huge, 431, "headers_too_large");
  });
});
