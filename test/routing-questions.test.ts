import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { defaultCatalog } from "../src/modules/directory/directory.catalog.ts";
import {
  ATOM_INDEX,
  atomize,
  CANDIDATES,
  PATHS,
  UNKNOWN,
  YES,
} from "../src/modules/routing/routing.atoms.ts";
import { type Condition, loadRules } from "../src/modules/routing/routing.rules.ts";
import { FactsSchema, type Question } from "../src/modules/routing/routing.schema.ts";
import { scopeOf } from "../src/modules/routing/routing.scope.ts";
import { evaluateFacts } from "../src/modules/routing/routing.service.ts";
import { factsArb } from "./routing-facts.ts";

// The engine compiles rules to generated functions and weighs questions with answers folded in (see
// routing.compile.ts). This oracle does the same by the book: a recursive Kleene interpreter, and every
// possible answer applied to a copy of the facts. Both must agree on every answer.

const file = loadRules();
const catalog = defaultCatalog();

function kleene(c: Condition, a: Float64Array): number {
  if (typeof c === "string") return a[ATOM_INDEX.get(c)!]!;
  if ("all" in c) return Math.min(...c.all.map((x) => kleene(x, a)));
  if ("any" in c) return Math.max(...c.any.map((x) => kleene(x, a)));
  if ("not" in c) return 1 - kleene(c.not, a);
  return kleene(c.possibly, a) > 0 ? 1 : 0;
}

const rules = file.rules.map((rule) => {
  const excluders = [...scopeOf(catalog, rule.id, rule.orgId, rule.action).excluders];
  const state = (a: Float64Array) => (excluders.some((i) => a[i] === YES) ? 0 : kleene(rule.when, a));
  return { rule, state };
});
const WEIGHT = { required: 100, recommended: 10, optional: 1 };
const RANK = { required: 0, recommended: 1, optional: 2 };

function referenceQuestions(a: Float64Array): Question[] {
  const scored = PATHS.flatMap((path, order) => {
    const answers = CANDIDATES.get(path)!;
    if (!answers[0]!.some(([i]) => a[i] === UNKNOWN)) return [];
    let total = 0;
    let top = 0;
    const affects: Question["affects"] = [];
    for (const { rule, state } of rules) {
      const was = state(a);
      let gained = 0;
      for (const answer of answers) {
        const b = Float64Array.from(a);
        for (const [i, v] of answer) b[i] = v;
        const now = state(b);
        gained += (was === YES) !== (now === YES) ? 1 : was !== now ? 0.5 : 0;
      }
      if (!gained) continue;
      total += gained * WEIGHT[rule.priority];
      top = Math.max(top, WEIGHT[rule.priority]);
      if (!affects.some((x) => x.orgId === rule.orgId && x.action === rule.action))
        affects.push({ orgId: rule.orgId, action: rule.action, priority: rule.priority });
    }
    if (!total) return [];
    affects.sort((x, y) => RANK[x.priority] - RANK[y.priority]);
    const { question, options } = file.questions[path]!;
    return [
      { q: { fact: path, question, options, affects }, score: top * 1e6 + total / answers.length, order },
    ];
  });
  return scored.sort((x, y) => y.score - x.score || x.order - y.order).map((s) => s.q);
}

describe("routing engine: the compiled rules agree with a plain interpreter", () => {
  test("same recommendations and the same questions, in the same order, for any facts", () => {
    fc.assert(
      fc.property(factsArb, (raw) => {
        const facts = FactsSchema.parse(raw);
        const a = atomize(facts);
        const answer = evaluateFacts(facts);
        assert.deepEqual(answer.questions, referenceQuestions(a));
        const fired = rules
          .filter(({ rule, state }) => state(a) === YES && rule)
          .map(({ rule }) => rule.id)
          .sort();
        assert.deepEqual(answer.recommendations.flatMap((r) => r.rules).sort(), fired);
      }),
      { numRuns: 1500 },
    );
  });
});
