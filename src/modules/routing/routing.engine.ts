import type { Catalog } from "../directory/directory.catalog.ts";
import type { Source } from "../directory/directory.schema.ts";
import { ATOMS, atomize, PATHS, UNKNOWN, YES } from "./routing.atoms.ts";
import { conditionSource, excludedSource, type Known, type Test, toTest } from "./routing.compile.ts";
import { questionFinder } from "./routing.questions.ts";
import { type Rule, RulesDataError, type RulesFile } from "./routing.rules.ts";
import type { Answer, AnswerSource, Facts, Priority, Recommendation } from "./routing.schema.ts";
import { exclusionReason, isExcluded, type Scope, scopeOf } from "./routing.scope.ts";
import { ENGLISH_WORDING, type Wording } from "./routing.wording.ts";

const RANK: Record<Priority, number> = { required: 0, recommended: 1, optional: 2 };

interface Compiled {
  rule: Rule;
  index: number;
  when: Test;
  /** `when`, or 0 when the scope excludes the situation, as source with some atoms known (for questions). */
  stateSource: (known: Known) => string;
  scope: Scope;
  /** `orgName` and, in a translated router, `orgLocalName`: spread into each answer item. */
  org: { orgName: string; orgLocalName?: string };
  sources: AnswerSource[];
  nearMisses: Array<{ when: Test; reason: string; sources: AnswerSource[] }>;
  deadlines: Answer["deadlines"];
}

function presentSource(fact: string, s: Source): AnswerSource {
  if ("external" in s) {
    return {
      fact,
      kind: "external",
      text: `${s.citation} (${s.reference})`,
      ...(s.url ? { url: s.url } : {}),
      ...(s.toVerify ? { toVerify: true } : {}),
    };
  }
  if ("inferred" in s)
    return { fact, kind: "inferred", text: s.reason, ...(s.quote ? { quote: s.quote } : {}) };
  return { fact, kind: "seed", text: s.quote };
}

function resolve(catalog: Catalog, refs: readonly string[], ruleId: string): AnswerSource[] {
  return refs.flatMap((ref) => {
    const fact = catalog.facts.get(ref);
    if (!fact)
      throw new RulesDataError(`rule '${ruleId}': relies on '${ref}', which the directory does not state`);
    return fact.sources.map((s) => presentSource(ref, s));
  });
}

function compileRule(
  catalog: Catalog,
  rule: Rule,
  index: number,
  localNames: Readonly<Record<string, string>>,
): Compiled & { atoms: Set<number> } {
  const atoms = new Set<number>();
  const whenSource = conditionSource(rule.when, rule.id, atoms);
  const scope = scopeOf(catalog, rule.id, rule.orgId, rule.action);
  const stateSource = (known: Known) =>
    excludedSource(conditionSource(rule.when, rule.id, new Set(), known), scope.excluders, known);
  const localName = localNames[rule.orgId];
  // The scope check reads victim and requester atoms: those questions can switch the rule too.
  for (const i of scope.excluders) atoms.add(i);
  const nearMisses = (rule.nearMisses ?? []).map((n) => ({
    when: toTest(conditionSource(n.when, rule.id, new Set())),
    reason: n.reason,
    sources: resolve(catalog, n.relies ?? rule.relies.slice(0, 1), rule.id),
  }));
  const deadlines = (rule.deadlines ?? []).map((d) => ({
    id: d.id,
    orgId: rule.orgId,
    priority: rule.priority,
    clock: d.clock,
    startsWhen: d.startsWhen,
    text: d.text,
    sources: resolve(catalog, d.relies, rule.id),
  }));
  return {
    rule,
    index,
    when: toTest(whenSource),
    stateSource,
    scope,
    org: localName ? { orgName: scope.orgName, orgLocalName: localName } : { orgName: scope.orgName },
    atoms,
    sources: resolve(catalog, rule.relies, rule.id),
    nearMisses,
    deadlines,
  };
}

/** A compiled rule set bound to a directory: evaluate facts many times, fast, with no I/O. */
export interface Router {
  evaluate(facts: Facts): Answer;
  rules: readonly Rule[];
}

/** How a compiled router words what the rules do not: its language. */
export interface RouterOptions {
  /** The engine's own sentences (scope exclusions); English by default. */
  wording?: Wording;
  /** Entry id → the local rendering of its official name, added to answers as `orgLocalName`. */
  localNames?: Readonly<Record<string, string>>;
}

/**
 * Compiles rules against a directory. Throws RulesDataError when a rule repeats an id, names an unknown
 * atom, an entry or function the directory lacks, or a fact it does not state, or when a facts path has
 * no question text. The texts are the file's: compile a translated file (`localizeRules`) for another
 * language, so evaluation itself never looks a translation up.
 */
export function compileRouter(file: RulesFile, catalog: Catalog, options: RouterOptions = {}): Router {
  const wording = options.wording ?? ENGLISH_WORDING;
  const localNames = options.localNames ?? {};
  for (const p of PATHS) if (!file.questions[p]) throw new RulesDataError(`questions: no text for '${p}'`);
  const ids = new Set<string>();
  for (const r of file.rules) {
    if (ids.has(r.id)) throw new RulesDataError(`rule '${r.id}' appears twice`);
    ids.add(r.id);
  }
  const compiled = file.rules.map((rule, index) => compileRule(catalog, rule, index, localNames));
  // Unknown is not no, and not yes either: `possibly` may widen a condition that raised facts meet, but
  // a rule that holds with nothing known would recommend on a fact nobody raised.
  const nothingKnown = new Float64Array(ATOMS.length).fill(UNKNOWN);
  for (const c of compiled) {
    if (c.when(nothingKnown) === YES)
      throw new RulesDataError(
        `rule '${c.rule.id}' holds when nothing is known: a recommendation needs a raised fact`,
      );
  }
  const questions = questionFinder(
    compiled.map((c) => ({
      orgId: c.rule.orgId,
      action: c.rule.action,
      priority: c.rule.priority,
      atoms: c.atoms,
      source: c.stateSource,
    })),
    file.questions,
  );

  function evaluate(facts: Facts): Answer {
    const a = atomize(facts);
    const recs = new Map<string, Recommendation & { rank: number }>();
    const misses: Answer["notApplicable"] = [];
    const deadlines: Answer["deadlines"] = [];
    for (const c of compiled) {
      const { rule } = c;
      const v = c.when(a);
      if (v === YES && isExcluded(c.scope, a)) {
        const reason = wording.excluded(c.scope.orgName, rule.action, exclusionReason(c.scope, a, wording));
        misses.push({
          orgId: rule.orgId,
          ...c.org,
          action: rule.action,
          reason,
          sources: c.sources,
          rule: rule.id,
        });
      } else if (v === YES) {
        const key = `${rule.orgId}|${rule.action}`;
        const rank = RANK[rule.priority] * 1000 + c.index;
        const prev = recs.get(key);
        if (!prev) {
          const { orgId, action, priority, reason } = rule;
          recs.set(key, {
            orgId,
            ...c.org,
            action,
            priority,
            reason,
            sources: [...c.sources],
            rules: [rule.id],
            rank,
          });
        } else {
          // Two rules reach the same entry and action: one recommendation, the strongest priority, both reasons.
          if (RANK[rule.priority] < RANK[prev.priority]) prev.priority = rule.priority;
          prev.rank = Math.min(prev.rank, rank);
          if (!prev.reason.includes(rule.reason)) prev.reason += ` ${rule.reason}`;
          for (const s of c.sources) {
            if (!prev.sources.some((x) => x.fact === s.fact && x.text === s.text)) prev.sources.push(s);
          }
          prev.rules.push(rule.id);
        }
        for (const d of c.deadlines) if (!deadlines.some((x) => x.id === d.id)) deadlines.push(d);
      } else if (v === 0) {
        for (const n of c.nearMisses) {
          if (n.when(a) !== YES) continue;
          misses.push({
            orgId: rule.orgId,
            ...c.org,
            action: rule.action,
            reason: n.reason,
            sources: n.sources,
            rule: rule.id,
          });
        }
      }
    }
    const recommendations = [...recs.values()].sort((x, y) => x.rank - y.rank).map(({ rank: _, ...r }) => r);
    // Say each near miss once. One is kept even when another rule recommends the same entry and action:
    // "no T visa: not in the U.S." still matters next to a U visa recommendation from USCIS.
    const notApplicable = misses.filter(
      (m, i) =>
        misses.findIndex((o) => o.orgId === m.orgId && o.action === m.action && o.reason === m.reason) === i,
    );
    return { recommendations, notApplicable, deadlines, questions: questions(a) };
  }

  return { evaluate, rules: file.rules };
}
