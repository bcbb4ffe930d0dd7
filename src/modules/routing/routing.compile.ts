import { ATOM_INDEX } from "./routing.atoms.ts";
import { type Condition, RulesDataError } from "./routing.rules.ts";

// Rule conditions become JavaScript source, compiled once per router: evaluation is the hot path (each
// question weighs every rule it can switch under every possible answer, a few hundred outcomes per
// evaluation), and one flat function costs a fraction of a tree of closures. Only atom indices (integers),
// the literals 0, 0.5 and 1 and fixed operators go into the source, never a string from the rules file.

/** A condition's three-valued outcome over the atom vector `a` (0, 0.5, 1). */
export type Test = (a: Float64Array) => number;

/** Atom values taken as given while compiling (an answer to a question); the others are read from `a`. */
export type Known = ReadonlyMap<number, number>;
const NONE: Known = new Map();

const isConstant = (source: string) => source === "0" || source === "0.5" || source === "1";

/** Kleene `all` (minimum) or `any` (maximum) of parts, folding the parts already known. */
function combine(parts: string[], all: boolean): string {
  const decisive = all ? "0" : "1";
  if (parts.includes(decisive)) return decisive;
  const neutral = all ? "1" : "0";
  const rest = [...new Set(parts.filter((p) => p !== neutral))];
  if (rest.length === 0) return neutral;
  if (rest.length === 1) return rest[0]!;
  return `Math.${all ? "min" : "max"}(${rest.join(", ")})`;
}

/**
 * A condition as one expression over `a`, Kleene logic: `all` is the minimum, `any` the maximum, `not` is
 * 1 - x, `possibly` is 1 unless known false. Atoms in `known` are replaced by their values and folded.
 * Adds the atoms read to `atoms`.
 */
export function conditionSource(c: Condition, ruleId: string, atoms: Set<number>, known = NONE): string {
  if (typeof c === "string") {
    const i = ATOM_INDEX.get(c);
    if (i === undefined) throw new RulesDataError(`rule '${ruleId}': unknown atom '${c}'`);
    atoms.add(i);
    const v = known.get(i);
    return v === undefined ? `a[${i}]` : String(v);
  }
  if ("all" in c)
    return combine(
      c.all.map((x) => conditionSource(x, ruleId, atoms, known)),
      true,
    );
  if ("any" in c)
    return combine(
      c.any.map((x) => conditionSource(x, ruleId, atoms, known)),
      false,
    );
  if ("not" in c) {
    const inner = conditionSource(c.not, ruleId, atoms, known);
    return isConstant(inner) ? String(1 - Number(inner)) : `(1 - ${inner})`;
  }
  const inner = conditionSource(c.possibly, ruleId, atoms, known);
  return isConstant(inner) ? (Number(inner) > 0 ? "1" : "0") : `(${inner} > 0 ? 1 : 0)`;
}

/** The expression, or 0 when one of the `excluders` atoms is YES (the scope check), folding known atoms. */
export function excludedSource(source: string, excluders: ArrayLike<number>, known = NONE): string {
  const open: string[] = [];
  for (const i of Array.from(excluders)) {
    const v = known.get(i);
    if (v === 1) return "0";
    if (v === undefined) open.push(`a[${i}] === 1`);
  }
  return open.length && source !== "0" ? `(${open.join(" || ")} ? 0 : ${source})` : source;
}

/** Compiles an expression over `a`. */
export const toTest = (source: string): Test => new Function("a", `return ${source};`) as Test;
