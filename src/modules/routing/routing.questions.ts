import { ATOM_PATH, CANDIDATES, PATHS, type Patch, UNKNOWN, YES } from "./routing.atoms.ts";
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
  /** The rule's three-valued outcome for an atom vector (0, 0.5 or 1), scope check included. */
  state(a: Float64Array): number;
  /** Atom indices the outcome depends on. */
  atoms: ReadonlySet<number>;
}

/** The answers to one path as they look to one rule: patches restricted to its atoms, with multiplicity. */
interface Projection {
  rule: QuestionRule;
  at: number;
  groups: Array<{ patch: Patch; count: number }>;
}

function project(rule: QuestionRule, at: number, patches: readonly Patch[]): Projection {
  const groups = new Map<string, { patch: Patch; count: number }>();
  for (const patch of patches) {
    // Answers that look the same to this rule need evaluating once: "needs" has 15 answers, a rule reads 1-2.
    const seen = patch.filter(([i]) => rule.atoms.has(i));
    const key = seen.map(([i, v]) => `${i}=${v}`).join(",");
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { patch: seen, count: 1 });
  }
  return { rule, at, groups: [...groups.values()] };
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
      patches,
      probe: patches[0]!,
      projections: relevant.map((r) => project(r, rules.indexOf(r), patches)),
    };
  });

  const before = new Float64Array(rules.length);

  return function questions(a: Float64Array): Question[] {
    const scratch = Float64Array.from(a);
    // Each rule's current outcome, once: a rule is weighed under several paths.
    for (let i = 0; i < rules.length; i++) before[i] = rules[i]!.state(a);
    const scored: Array<{ q: Question; score: number; order: number }> = [];
    for (const { path, order, patches, probe, projections } of byPath) {
      if (!probe.some(([i]) => a[i] === UNKNOWN)) continue;
      let total = 0;
      let top = 0;
      const affects: Question["affects"] = [];
      for (const { rule, at, groups } of projections) {
        const was = before[at]!;
        let gained = 0;
        for (const { patch, count } of groups) {
          for (const [i, v] of patch) scratch[i] = v;
          const now = rule.state(scratch);
          for (const [i] of patch) scratch[i] = a[i]!;
          const credit = (was === YES) !== (now === YES) ? 1 : was !== now ? 0.5 : 0;
          gained += credit * count;
        }
        if (!gained) continue;
        const w = WEIGHT[rule.priority];
        total += gained * w;
        if (w > top) top = w;
        if (!affects.some((x) => x.orgId === rule.orgId && x.action === rule.action)) {
          affects.push({ orgId: rule.orgId, action: rule.action, priority: rule.priority });
        }
      }
      if (!total) continue;
      affects.sort((x, y) => RANK[x.priority] - RANK[y.priority]);
      const text = texts[path]!;
      const q = { fact: path, question: text.question, options: text.options, affects };
      scored.push({ q, score: top * 1e6 + total / patches.length, order });
    }
    return scored.sort((x, y) => y.score - x.score || x.order - y.order).map((s) => s.q);
  };
}
