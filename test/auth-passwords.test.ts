import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import fc from "fast-check";
import {
  ARGON2_PARAMS,
  breachedPasswords,
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

test("passwords: every entry of the shipped breached list that meets the length is refused (100%)", () => {
  const list = [...breachedPasswords()];
  assert.ok(list.length >= 70_000, `list has ${list.length} entries`);
  const refused = list.filter((p) => {
    const problem = passwordProblem(p);
    return problem === "password_breached" || problem === "password_common";
  });
  assert.equal(refused.length, list.length);
  // Breached passwords the hand-written common list does not have, in any case.
  for (const sample of ["sexygirl1", "YAROSLAV", "vampire1", "ilovegod", "treetree"]) {
    assert.ok(!commonPasswords().has(sample.toLowerCase()), `${sample} is not a common-list entry`);
    assert.equal(passwordProblem(sample), "password_breached", sample);
  }
});

test("passwords: a context word dressed up with digits or punctuation is refused; a phrase containing it is not", () => {
  const context = ["rosa.example@metro-pd.test", "metro-pd"];
  for (const p of ["Harbor2026!", "harbor!!!!", "rosa.example99", "Metro-PD-2026", "ROSAEXAMPLE@@"])
    assert.equal(passwordProblem(p, context), "password_context", p);
  assert.equal(passwordProblem("harbor seal lighthouse 2026", context), null);
  assert.equal(passwordProblem("metro night shift rota", context), null);
});

test("passwords (property): any 8 to 1024 characters off the lists and context are accepted, unchanged", () => {
  const lists = [commonPasswords(), breachedPasswords()];
  fc.assert(
    fc.property(fc.string({ unit: "grapheme", minLength: 8, maxLength: 200 }), (password) => {
      fc.pre([...password].length >= 8);
      fc.pre(lists.every((l) => !l.has(password.toLowerCase())));
      fc.pre(!/^[\p{P}\p{S}\s\d]*harbor[\p{P}\p{S}\s\d]*$/iu.test(password));
      assert.equal(passwordProblem(password), null, JSON.stringify(password));
    }),
    { numRuns: 500 },
  );
  fc.assert(
    fc.property(fc.integer({ min: 64, max: 1024 }), fc.string({ minLength: 1, maxLength: 1 }), (n, c) => {
      const password = `${c}q`.repeat(Math.ceil(n / 2)).slice(0, n);
      fc.pre([...password].length === n);
      assert.equal(passwordProblem(password), null, `${n} characters`);
    }),
    { numRuns: 50 },
  );
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
