import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import fc from "fast-check";
import type { AuthContext } from "../src/modules/auth/auth.context.ts";
import { fieldCryptoOf } from "../src/modules/crypto/crypto.service.ts";
import { indexTexts } from "../src/modules/search/search.index.ts";
import { searchCases } from "../src/modules/search/search.service.ts";
import { foldText, queryTerms, searchWords, textMatches } from "../src/modules/search/search.text.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { recordsEnv, seed } from "./support/records.ts";
import { storeBackends } from "./support/stores.ts";

// Words that exercise folding, prefixes (harb/harbor/harbors), stop words and digits.
const VOCAB = [
  "harbor",
  "harbors",
  "harb",
  "Harborside",
  "casa",
  "casas",
  "niño",
  "NINO",
  "María",
  "maria",
  "farm",
  "farmer",
  "ranch",
  "ranchero",
  "houston",
  "555",
  "0142",
  "el",
  "the",
  "de",
  "workers",
  "work",
  "señora",
  "senor",
  "kitchen",
  "kit",
  "hotel",
  "hoteles",
  "ab",
  "x",
];
const textArb = fc.array(fc.constantFrom(...VOCAB), { minLength: 0, maxLength: 8 }).map((w) => w.join(" "));
const queryArb = fc
  .array(fc.constantFrom(...VOCAB, "har", "hot", "ranc", "señ", "kitc"), { minLength: 1, maxLength: 3 })
  .map((w) => w.join(" "))
  .filter((q) => queryTerms(q).length > 0);

describe("search text (pure)", () => {
  test("folding and words", () => {
    assert.equal(foldText("Niño ÁNGEL ｆｕｌｌ"), "nino angel full");
    assert.deepEqual(searchWords("The worker's 555-0142, de la Casa; casa"), [
      "worker",
      "555",
      "0142",
      "casa",
    ]);
  });
});

const backend = storeBackends().find((b) => b.name === "pglite")!;
describe(`[${backend.name}] index + query of random text finds exactly the cases holding every word`, () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(backend, recordsEnv());
  });
  after(() => t.close());

  test("fast-check: search result = cases whose fields (any record) contain every query term", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(textArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        fc.array(queryArb, { minLength: 1, maxLength: 4 }),
        async (cases, queries) => {
          const orgId = `p-${randomBytes(5).toString("hex")}`;
          await seed.org(t.store, orgId, "law_enforcement");
          const caseIds: string[] = [];
          for (const fields of cases) {
            const caseId = await seed.case(t.store, orgId, "Property");
            caseIds.push(caseId);
            await t.store.db.transaction().execute((trx) =>
              indexTexts(
                trx,
                fields.map((text, i) => ({
                  orgId,
                  caseId,
                  // Field 0 on the case itself, the others on notes of the case.
                  recordType: i === 0 ? ("case" as const) : ("note" as const),
                  recordId: i === 0 ? caseId : randomUUID(),
                  field: "narrative",
                  text,
                })),
                fieldCryptoOf(t.store),
              ),
            );
          }
          const auth: AuthContext = {
            kind: "user",
            userId: randomUUID(),
            orgId,
            orgType: "law_enforcement",
            roles: ["investigator"],
            via: "token",
            credentialId: "property-test",
          };
          for (const q of queries) {
            const result = await searchCases(t.store, { auth, meta: {} }, { q, page: 1, pageSize: 100 });
            const expected = caseIds.filter((_, i) =>
              queryTerms(q).every((term) => cases[i]!.some((text) => textMatches(text, term))),
            );
            assert.deepEqual(result.cases.map((c) => c.id).sort(), expected.sort(), `query "${q}"`);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
