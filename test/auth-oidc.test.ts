import assert from "node:assert/strict";
import { createSign, generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, sessionCookieFrom, type TestUser } from "./support/auth.ts";
import { storeBackends } from "./support/stores.ts";

/** A minimal OpenID provider on 127.0.0.1: discovery, JWKS, and a token endpoint issuing RS256 ID tokens. */
function fakeIdp() {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: "jwk" }), kid: "k1", alg: "RS256", use: "sig" };
  const codes = new Map<string, Record<string, unknown>>();
  let issuer = "";
  const b64 = (v: object | Buffer) =>
    (Buffer.isBuffer(v) ? v : Buffer.from(JSON.stringify(v))).toString("base64url");
  const sign = (claims: object) => {
    const head = `${b64({ alg: "RS256", kid: "k1", typ: "JWT" })}.${b64(claims)}`;
    return `${head}.${createSign("RSA-SHA256").update(head).sign(privateKey).toString("base64url")}`;
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const json = (body: object) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === "/.well-known/openid-configuration") {
      return json({
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        code_challenge_methods_supported: ["S256"],
      });
    }
    if (url.pathname === "/jwks") return json({ keys: [jwk] });
    if (url.pathname === "/token") {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        const code = new URLSearchParams(body).get("code") ?? "";
        const claims = codes.get(code);
        codes.delete(code);
        if (!claims) {
          res.writeHead(400, { "content-type": "application/json" });
          return res.end(JSON.stringify({ error: "invalid_grant" }));
        }
        const now = Math.floor(Date.now() / 1000);
        json({
          access_token: "at",
          token_type: "Bearer",
          expires_in: 300,
          id_token: sign({ iss: issuer, aud: "harbor", iat: now, exp: now + 300, ...claims }),
        });
      });
      return;
    }
    res.writeHead(404).end();
  });
  return {
    async listen() {
      await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
      issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      return issuer;
    },
    /** The user "signs in" at the provider: a code bound to these claims. */
    authorize(claims: Record<string, unknown>) {
      const code = randomBytes(8).toString("hex");
      codes.set(code, claims);
      return code;
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

const idp = fakeIdp();
let t: TestApp;
let user: TestUser;

before(async () => {
  const issuer = await idp.listen();
  t = await startTestApp(storeBackends()[0]!, {
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: "harbor",
    OIDC_CLIENT_SECRET: "s3cret",
    PUBLIC_BASE_URL: "http://127.0.0.1:8080",
  });
  user = await createOrgWithUser(t.store, {
    orgId: "sso-pd",
    orgType: "law_enforcement",
    roles: ["investigator"],
  });
});
after(async () => {
  await t.close();
  await idp.close();
});

/** Runs start → provider → callback; returns the callback response. */
async function signOn(claims: (nonce: string) => Record<string, unknown>, tamper?: { state?: string }) {
  const start = await t.app.inject({ method: "GET", url: "/api/v1/auth/oidc/start" });
  assert.equal(start.statusCode, 302);
  const location = new URL(String(start.headers.location));
  assert.equal(location.searchParams.get("code_challenge_method"), "S256");
  const flowCookie = String(start.headers["set-cookie"]).split(";")[0] as string;
  assert.match(String(start.headers["set-cookie"]), /HttpOnly; Secure; SameSite=Lax/);
  const code = idp.authorize(claims(location.searchParams.get("nonce") as string));
  const state = tamper?.state ?? location.searchParams.get("state");
  return t.app.inject({
    method: "GET",
    url: `/api/v1/auth/oidc/callback?code=${code}&state=${state}`,
    headers: { cookie: flowCookie },
  });
}

test("OIDC: a verified email with a second factor at the provider opens a session", async () => {
  const options = await t.app.inject({ method: "GET", url: "/api/v1/auth/options" });
  assert.deepEqual(options.json(), { oidc: true });
  const r = await signOn((nonce) => ({
    sub: "abc",
    nonce,
    email: user.email.toUpperCase(),
    email_verified: true,
    amr: ["pwd", "mfa"],
  }));
  assert.equal(r.statusCode, 302);
  assert.equal(r.headers.location, "/sign-in");
  const cookie = sessionCookieFrom(r.headers["set-cookie"]);
  assert.ok(cookie);
  const me = await t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { cookie } });
  assert.equal(me.json().user.id, user.userId);
});

test("OIDC: refused without a second factor, for unknown emails, on a wrong state or nonce", async () => {
  const cases: [string, Parameters<typeof signOn>][] = [
    ["no mfa", [(nonce) => ({ sub: "a", nonce, email: user.email, amr: ["pwd"] })]],
    ["unknown user", [(nonce) => ({ sub: "b", nonce, email: "stranger@sso.test", amr: ["mfa"] })]],
    [
      "unverified email",
      [(nonce) => ({ sub: "c", nonce, email: user.email, email_verified: false, amr: ["mfa"] })],
    ],
    ["wrong nonce", [() => ({ sub: "d", nonce: "forged", email: user.email, amr: ["mfa"] })]],
    ["wrong state", [(nonce) => ({ sub: "e", nonce, email: user.email, amr: ["mfa"] }), { state: "forged" }]],
  ];
  for (const [name, args] of cases) {
    const r = await signOn(...args);
    assert.equal(r.statusCode, 302, name);
    assert.equal(r.headers.location, "/sign-in?error=oidc_failed", name);
    assert.equal(sessionCookieFrom(r.headers["set-cookie"]), undefined, name);
  }
  const failures = await t.store.db
    .selectFrom("audit_events")
    .select("details")
    .where("action", "=", "auth.oidc")
    .where("outcome", "=", "failure")
    .execute();
  assert.equal(failures.length, cases.length, "each refusal audited once");
});
