import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { activeMask } from "../src/linkage/comparisons.ts";
import { explainPair, explanationCells } from "../src/linkage/explain.ts";
import { PersonNormalizer } from "../src/linkage/normalize-record.ts";
import { estimateURandom } from "../src/linkage/random-u.ts";
import { RecordStore } from "../src/linkage/record-store.ts";
import { compileScorer } from "../src/linkage/score.ts";
import { termFrequencies } from "../src/linkage/term-frequency.ts";
import { fallbackModel } from "../src/linkage/train-unsupervised.ts";
import type { RawPerson } from "../src/linkage/types.ts";

describe("explanations", () => {
  const people: RawPerson[] = [
    {
      given_name: "William",
      family_name: "Okafor",
      date_of_birth: "1980-04-03",
      phone: "(202) 555-0143",
      address_line: "12 Main Street",
      postcode: "20001",
    },
    {
      given_name: "Bill",
      family_name: "OKAFOR",
      date_of_birth: "03/04/1980",
      phone: "202-555-0143",
      address_line: "12 Main St",
      postcode: "20001",
    },
    { given_name: "John", family_name: "Smith", date_of_birth: "1975-01-01" },
    { given_name: "John", family_name: "Smith", date_of_birth: "1975-01-01" },
    { given_name: "John", family_name: "Smith", date_of_birth: "1990-06-06" },
    { given_name: "Smith", family_name: "John", date_of_birth: "1975-01-01" },
  ];
  const store = new RecordStore();
  const n = new PersonNormalizer();
  for (const p of people) store.add(n.normalize(p));
  const roles = ["given_name", "family_name", "date_of_birth", "phone", "address_line", "postcode"] as const;
  const active = activeMask(roles);
  const v = store.view();
  // An untrained model (generic m, u from random pairs): explanations must add up whatever the parameters.
  const model = fallbackModel(active, estimateURandom(v, active, 2000), 0.05, "test");
  const scorer = compileScorer(model, termFrequencies(v));

  test("lists each active field with its level, label and weight", () => {
    const e = explainPair(v, scorer, 0, 1);
    assert.deepEqual(
      e.fields.map((f) => [f.comparison, f.label]),
      [
        ["given_name", "nickname or variant"],
        ["family_name", "exact"],
        ["date_of_birth", "one digit off or day/month swapped"],
        ["street_number", "exact"],
        ["street", "exact"],
        ["postcode", "exact"],
        ["phone", "exact"],
      ],
    );
    assert.ok(e.matchWeight > explainPair(v, scorer, 0, 2).matchWeight);
    // Fields with parents say which context their weight was taken in.
    assert.equal(e.fields.find((f) => f.comparison === "street_number")!.context, ", street agreeing");
  });
  test("the parts add up to the match weight", () => {
    for (const [i, j] of [
      [0, 1],
      [2, 3],
      [2, 4],
      [2, 5],
      [0, 2],
    ] as const) {
      const e = explainPair(v, scorer, i, j);
      const sum = e.prior + e.fields.reduce((s, f) => s + f.weight + f.tfAdjustment, 0);
      assert.ok(Math.abs(sum - e.matchWeight) < 1e-9, `${i}-${j}`);
      assert.ok(Math.abs(e.matchProbability - 1 / (1 + 2 ** -e.matchWeight)) < 1e-12);
    }
  });
  test("missing values are a null level with no weight; swapped names count as exact", () => {
    const e = explainPair(v, scorer, 2, 3);
    const phone = e.fields.find((f) => f.comparison === "phone")!;
    assert.equal(phone.label, "null");
    assert.equal(phone.weight, 0);
    const swapped = explainPair(v, scorer, 2, 5);
    assert.equal(swapped.fields[0]!.label, "exact");
    assert.equal(swapped.fields[1]!.label, "exact");
    assert.equal(swapped.fields[0]!.tfAdjustment, 0); // no term-frequency bonus across swapped fields
  });
  test("a common name agreeing earns less than a rare one (term-frequency adjustment)", () => {
    const common = explainPair(v, scorer, 2, 3).fields.find((f) => f.comparison === "family_name")!;
    const rare = explainPair(v, scorer, 0, 1).fields.find((f) => f.comparison === "family_name")!;
    assert.ok(rare.tfAdjustment > common.tfAdjustment);
  });
  test("CSV cells", () => {
    const cells = explanationCells(explainPair(v, scorer, 2, 4));
    assert.match(cells.date_of_birth!, /^different, given_name and family_name agreeing \(-\d+\.\d\d\)$/);
    assert.match(cells.family_name!, /^exact, given_name agreeing \([+-]\d+\.\d\d, tf [+-]\d+\.\d\d\)$/);
    assert.match(cells.match_weight!, /^-?\d+\.\d{3}$/);
    assert.match(cells.prior!, /^[+-]\d+\.\d\d$/);
  });
});
