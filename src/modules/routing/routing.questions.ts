import { ATOM_PATH, CANDIDATES, PATHS, type Patch, UNKNOWN, YES } from "./routing.atoms.ts";
import { type Known, toTest } from "./routing.compile.ts";
import type { RulesFile } from "./routing.rules.ts";
import type { Priority, Question } from "./routing.schema.ts";

const RANK: Record<Priority, number> = { required: 0, recommended: 1, optional: 2 };
/** How much a question matters: by the priority of what its answer could switch on or off. */
const WEIGHT: Record<Priority, number> = { required: 100, recommended: 10, optional: 1 };

/** What the question finder needs to know about a compiled rule. */
export interface QuestionRule {
  orgId: string;
  action: Question["affects"][number]["action"];
  priority: Priority;
  /**
   * The rule's three-valued outcome (0, 0.5 or 1), scope check included, as an expression over the atom
   * vector `a` with the atoms in `known` taken as given (routing.compile.ts).
   */
  source(known: Known): string;
  /** Atom indices the outcome depends on. */
  atoms: ReadonlySet<number>;
}

/** How much knowing an answer changes a rule: switching it on or off counts 1, ruling it out or in 0.5. */
const credit = (was: number, now: number) => ((was === YES) !== (now === YES) ? 1 : was !== now ? 0.5 : 0);

/**
 * The answers to one path as they look to one rule: its atoms patched with each answer, with how many
 * answers look the same to it ("needs" has 15 answers; a rule reads 1-2 of them), as expressions.
 */
function answerSources(rule: QuestionRule, patches: readonly Patch[]): string[] {
  const groups = new Map<string, { source: string; count: number }>();
  for (const patch of patches) {
    const seen = patch.filter(([i]) => rule.atoms.has(i));
    const key = seen.map(([i, v]) => `${i}=${v}`).join(",");
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { source: rule.source(new Map(seen)), count: 1 });
  }
  return [...groups.values()].map((g) =>
    g.count === 1 ? `credit(was, ${g.source})` : `credit(was, ${g.source}) * ${g.count}`,
  );
}

type Weigher = (a: Float64Array, before: Float64Array, gained: Float64Array) => void;

/**
 * One function per facts path that writes, for each rule an answer to it could switch, the credit summed
 * over the answers (`gained[k]` for `rules[k]`), reading each rule's current outcome from `before`.
 */
function weigher(rules: readonly QuestionRule[], at: readonly number[], patches: readonly Patch[]): Weigher {
  const body = rules
    .map((r, k) => `was = before[${at[k]}];\n  gained[${k}] = ${answerSources(r, patches).join(" + ")};`)
    .join("\n  ");
  return new Function("credit", `return function (a, before, gained) {\n  let was;\n  ${body}\n};`)(
    credit,
  ) as Weigher;
}

/**
 * Builds the question finder: for each unknown facts path, which recommendations an answer could switch.
 * Ordered most decisive first: the highest priority an answer could switch (a required duty beats any
 * number of options), then the expected weighted change over the possible answers, where switching a
 * recommendation on or off counts fully and ruling out a still-open rule counts half.
 */
export function questionFinder(rules: readonly QuestionRule[], texts: RulesFile["questions"]) {
  const byPath = PATHS.map((path, order) => {
    const patches = CANDIDATES.get(path)!;
    const atoms = new Set(patches.flatMap((p) => p.map(([i]) => i)));
    const relevant = rules.filter((r) => [...r.atoms].some((i) => ATOM_PATH[i] === path && atoms.has(i)));
    return {
      path,
      order,
      answers: patches.length,
      // The path is unknown when any atom of its first answer is.
      probe: Int32Array.from(patches[0]!, ([i]) => i),
      relevant,
      weigh: weigher(
        relevant,
        relevant.map((r) => rules.indexOf(r)),
        patches,
      ),
    };
  });

  const states = rules.map((r) => toTest(r.source(new Map())));
  const before = new Float64Array(rules.length);
  const gained = new Float64Array(rules.length);
  const isUnknown = (a: Float64Array, probe: Int32Array) => {
    for (let k = 0; k < probe.length; k++) if (a[probe[k]!] === UNKNOWN) return true;
    return false;
  };

  return function questions(a: Float64Array): Question[] {
    // Each rule's current outcome, once: a rule is weighed under several paths.
    for (let i = 0; i < states.length; i++) before[i] = states[i]!(a);
    const scored: Array<{ q: Question; score: number; order: number }> = [];
    for (const { path, order, answers, probe, relevant, weigh } of byPath) {
      if (!isUnknown(a, probe)) continue;
      weigh(a, before, gained);
      let total = 0;
      let top = 0;
      const affects: Question["affects"] = [];
      for (let k = 0; k < relevant.length; k++) {
        if (!gained[k]) continue;
        const rule = relevant[k]!;
        const w = WEIGHT[rule.priority];
        total += gained[k]! * w;
        if (w > top) top = w;
        if (!affects.some((x) => x.orgId === rule.orgId && x.action === rule.action)) {
          affects.push({ orgId: rule.orgId, action: rule.action, priority: rule.priority });
        }
      }
      if (!total) continue;
      affects.sort((x, y) => RANK[x.priority] - RANK[y.priority]);
      const text = texts[path]!;
      const q = { fact: path, question: text.question, options: text.options, affects };
      scored.push({ q, score: top * 1e6 + total / answers, order });
    }
    return scored.sort((x, y) => y.score - x.score || x.order - y.order).map((s) => s.q);
  };
}
