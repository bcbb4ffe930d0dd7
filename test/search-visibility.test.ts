import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import fc from "fast-check";
import type { AuthContext, OrgType, Role } from "../src/modules/auth/auth.context.ts";
import { fieldCryptoOf } from "../src/modules/crypto/crypto.service.ts";
import { SEARCH_PLAN } from "../src/modules/search/case-search.repository.ts";
import { indexTexts } from "../src/modules/search/search.index.ts";
import { searchCases } from "../src/modules/search/search.service.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { recordsEnv, seed } from "./support/records.ts";
import { describeEachStore } from "./support/stores.ts";

/**
 * Case search never returns a case its caller may not see, whichever way it answers (starting from
 * the rarest word, or walking the visible cases newest first), and misses none it may see: for random
 * owners, shares and texts, each user's hits are exactly the matching cases of its organization and
 * those shared with it (read or write), on both stores.
 */
const ORGS: { suffix: string; type: OrgType; roles: Role[] }[] = [
  { suffix: "pd", type: "law_enforcement", roles: ["investigator"] },
  { suffix: "ngo", type: "service_provider", roles: ["advocate"] },
  { suffix: "da", type: "prosecutor", roles: ["analyst"] },
];
const WORDS = ["harbor", "farm", "kitchen", "houston", "motel", "debt"];

const caseArb = fc.record({
  owner: fc.integer({ min: 0, max: ORGS.length - 1 }),
  words: fc.subarray(WORDS, { minLength: 1 }),
  // Per other organization: not shared, shared read, shared write.
  shares: fc.array(fc.constantFrom(null, "read", "write"), {
    minLength: ORGS.length,
    maxLength: ORGS.length,
  }),
  noteWords: fc.subarray(WORDS),
});
const queryArb = fc.oneof(
  fc.subarray(WORDS, { minLength: 1, maxLength: 3 }).map((w) => w.join(" ")),
  fc.constant(""),
);

describeEachStore("case search visibility", (backend) => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(backend, recordsEnv());
  });
  after(() => t.close());

  test("a user gets exactly the matching cases it may see, never another organization's unshared case", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(caseArb, { minLength: 1, maxLength: 7 }), queryArb, async (cases, q) => {
        const run = randomBytes(4).toString("hex");
        const orgIds = ORGS.map((o) => `v-${o.suffix}-${run}`);
        for (const [i, o] of ORGS.entries()) await seed.org(t.store, orgIds[i]!, o.type);
        const made: { id: string; owner: number; visibleTo: Set<number>; words: Set<string> }[] = [];
        for (const c of cases) {
          const orgId = orgIds[c.owner]!;
          const id = await seed.case(t.store, orgId, "Visibility");
          await t.store.db.transaction().execute((trx) =>
            indexTexts(
              trx,
              [
                {
                  orgId,
                  caseId: id,
                  recordType: "case",
                  recordId: id,
                  field: "narrative",
                  text: c.words.join(" "),
                },
                {
                  orgId,
                  caseId: id,
                  recordType: "note",
                  recordId: randomUUID(),
                  field: "body",
                  text: c.noteWords.join(" "),
                },
              ],
              fieldCryptoOf(t.store),
            ),
          );
          const visibleTo = new Set([c.owner]);
          for (const [other, access] of c.shares.entries()) {
            if (other === c.owner || !access) continue;
            await seed.share(t.store, id, orgId, orgIds[other]!, access);
            visibleTo.add(other);
          }
          made.push({ id, owner: c.owner, visibleTo, words: new Set([...c.words, ...c.noteWords]) });
        }
        for (const [i, o] of ORGS.entries()) {
          const auth: AuthContext = {
            kind: "user",
            userId: randomUUID(),
            orgId: orgIds[i]!,
            orgType: o.type,
            roles: o.roles,
            via: "token",
            credentialId: "visibility-test",
          };
          const words = q ? q.split(" ") : [];
          const expected = made
            .filter((c) => c.visibleTo.has(i) && words.every((w) => c.words.has(w)))
            .map((c) => c.id)
            .sort();
          // Every way of answering: the walk, all the matches after a walk that fell short, and both.
          for (const plan of [
            SEARCH_PLAN,
            { walkedCases: 10_000, batch: 400 },
            { walkedCases: 0, batch: 1 },
          ]) {
            const result = await searchCases(
              t.store,
              { auth, meta: {} },
              { ...(q ? { q } : {}), page: 1, pageSize: 100 },
              plan,
            );
            const got = result.cases.map((c) => c.id);
            const mine = new Set(made.filter((c) => c.visibleTo.has(i)).map((c) => c.id));
            for (const id of got) assert.ok(mine.has(id), `${o.suffix} got a case it may not see (q "${q}")`);
            assert.deepEqual(
              [...got].sort(),
              expected,
              `${o.suffix}, q "${q}", plan ${JSON.stringify(plan)}`,
            );
            for (const hit of result.cases) {
              const c = made.find((m) => m.id === hit.id)!;
              assert.equal(hit.relation === "owner", c.owner === i, "the relation shown is the real one");
            }
          }
        }
      }),
      { numRuns: 12 },
    );
  });
});
