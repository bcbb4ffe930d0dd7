import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import type { AuthContext } from "../src/modules/auth/auth.context.ts";
import { fieldCryptoOf } from "../src/modules/crypto/crypto.service.ts";
import { type IndexTextInput, indexText, unindex } from "../src/modules/search/search.index.ts";
import { searchCases } from "../src/modules/search/search.service.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { recordsEnv, seed } from "./support/records.ts";
import { describeEachStore } from "./support/stores.ts";

/**
 * Case search answers from `case_terms`, one row per case with the words of every record on it. These
 * tests change the records the ways the app does (at once, moved between cases, removed) and check that
 * search finds exactly the words the case's records hold afterwards.
 */
describeEachStore("case search words per case", (backend) => {
  let t: TestApp;
  let orgId: string;
  let auth: AuthContext;
  before(async () => {
    t = await startTestApp(backend, recordsEnv());
    orgId = `terms-${randomBytes(4).toString("hex")}`;
    await seed.org(t.store, orgId, "law_enforcement");
    auth = {
      kind: "user",
      userId: randomUUID(),
      orgId,
      orgType: "law_enforcement",
      roles: ["investigator"],
      via: "token",
      credentialId: "case-terms-test",
    };
  });
  after(() => t.close());

  const found = async (q: string) =>
    (await searchCases(t.store, { auth, meta: {} }, { q, page: 1, pageSize: 100 })).cases
      .map((c) => c.id)
      .sort();
  const note = (caseId: string | null, text: string, recordId = randomUUID()): IndexTextInput => ({
    orgId,
    caseId,
    recordType: "note",
    recordId,
    field: "body",
    text,
  });
  const write = (input: IndexTextInput) =>
    t.store.db.transaction().execute((trx) => indexText(trx, input, fieldCryptoOf(t.store)));

  test("notes written at the same moment on one case are all found (no writer overwrites another's words)", async () => {
    const caseId = await seed.case(t.store, orgId, "Concurrent notes");
    const words = [
      "amberjack",
      "bluegill",
      "catfish",
      "dogfish",
      "eelpout",
      "flounder",
      "grouper",
      "halibut",
    ];
    await Promise.all(words.map((w) => write(note(caseId, `${w} seen at the dock`))));
    for (const w of words) assert.deepEqual(await found(w), [caseId], `"${w}" finds the case`);
    assert.deepEqual(await found(words.join(" ")), [caseId], "all the words together find it");
  });

  test("a record moved to another case takes its words with it; the words of the case's other records stay", async () => {
    const first = await seed.case(t.store, orgId, "First");
    const second = await seed.case(t.store, orgId, "Second");
    const tipNote = randomUUID();
    await write(note(null, "quillback rockfish", tipNote));
    assert.deepEqual(await found("quillback"), [], "a record on no case is found by no case search");
    await write(note(first, "quillback rockfish", tipNote));
    await write(note(first, "rockfish sablefish"));
    assert.deepEqual(await found("quillback"), [first]);
    await write(note(second, "quillback rockfish", tipNote));
    assert.deepEqual(await found("quillback"), [second], "moved: found under its new case only");
    assert.deepEqual(
      await found("rockfish"),
      [first, second].sort(),
      "the first case keeps its other note's words",
    );
    await t.store.db
      .transaction()
      .execute((trx) => unindex(trx, { orgId, recordType: "note", recordId: tipNote }));
    assert.deepEqual(await found("quillback"), [], "removed: found nowhere");
    assert.deepEqual(await found("rockfish"), [first]);
  });

  test("clearing a case's only text leaves the case unfound by its words", async () => {
    const caseId = await seed.case(t.store, orgId, "Cleared");
    const recordId = randomUUID();
    await write(note(caseId, "wolffish", recordId));
    assert.deepEqual(await found("wolffish"), [caseId]);
    await write(note(caseId, "", recordId));
    assert.deepEqual(await found("wolffish"), []);
  });
});
