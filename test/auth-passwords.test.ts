import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  ARGON2_PARAMS,
  commonPasswords,
  hashPassword,
  passwordProblem,
  verifyPassword,
} from "../src/modules/auth/passwords.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser } from "./support/auth.ts";
import { storeBackends } from "./support/stores.ts";

test("passwords: at least 8 characters, 64 and 1024 accepted, no composition rules", () => {
  assert.equal(passwordProblem("a7#kQ2z"), "password_too_short");
  assert.equal(
    passwordProblem("plumvioletkayak"),
    null,
    "lower-case letters only are fine (no composition rules)",
  );
  assert.equal(passwordProblem(`${"x".repeat(7)}é`), null, "8 characters counted as characters");
  assert.equal(passwordProblem("Tq".repeat(32)), null, "64 characters accepted");
  assert.equal(passwordProblem("Tq".repeat(512)), null, "1024 characters accepted");
  assert.equal(passwordProblem("Tq".repeat(513)), "password_too_long");
});

test("passwords: every entry of the shipped common list that meets the length is refused (100%)", () => {
  const list = [...commonPasswords()];
  assert.ok(list.length >= 3000, `list has ${list.length} entries`);
  const eligible = list.filter((p) => [...p].length >= 8 && [...p].length <= 1024);
  const refused = eligible.filter((p) => passwordProblem(p) === "password_common");
  assert.equal(refused.length, eligible.length);
  for (const sample of [
    "password",
    "Password1",
    "QWERTY123",
    "iloveyou",
    "12345678",
    "p@ssw0rd",
    "letmein123",
  ]) {
    assert.notEqual(passwordProblem(sample), null, sample);
  }
});

test("passwords: argon2id with OWASP parameters, whole password (no truncation)", async () => {
  assert.deepEqual(
    { m: ARGON2_PARAMS.memoryCost, t: ARGON2_PARAMS.timeCost, p: ARGON2_PARAMS.parallelism },
    { m: 19456, t: 2, p: 1 },
  );
  const long = `${"correct horse battery staple ".repeat(4)}end`; // > 72 bytes: bcrypt would stop at 72
  const hashed = await hashPassword(long);
  assert.match(hashed, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.equal(await verifyPassword(hashed, long), true);
  assert.equal(await verifyPassword(hashed, long.slice(0, 72)), false, "a 72-byte prefix must not verify");
  assert.equal(await verifyPassword(hashed, long.slice(0, -1)), false);
});

const backend = storeBackends()[0]!;
let t: TestApp;
let admin: Awaited<ReturnType<typeof createOrgWithUser>>;
before(async () => {
  t = await startTestApp(backend);
  admin = await createOrgWithUser(t.store, { orgId: "pw-pd", orgType: "law_enforcement", roles: ["admin"] });
});
after(() => t.close());

test("passwords: the admin API refuses short and common passwords with stable codes", async () => {
  const cases: [string, number, string | null][] = [
    ["short7!", 400, "password_too_short"],
    ["password123", 400, "password_common"],
    ["Tq".repeat(32), 201, null],
  ];
  for (const [password, status, code] of cases) {
    const r = await t.app.inject({
      method: "POST",
      url: "/api/v1/users",
      headers: admin.headers,
      payload: { email: `u${status}${password.length}@pw.test`, roles: ["intake"], password },
    });
    assert.equal(r.statusCode, status, r.body);
    if (code) assert.equal(r.json().error.code, code);
  }
});
