import type { Catalog } from "../directory/directory.catalog.ts";
import type { Population, Requester } from "../directory/directory.schema.ts";
import { ATOM_INDEX, YES } from "./routing.atoms.ts";
import { RulesDataError } from "./routing.rules.ts";
import type { VictimKind, Wording } from "./routing.wording.ts";

/**
 * The scope check: whom a directory function serves, read from the directory (the function's own
 * populations and requesters when it has them, else the entry's). The engine never recommends a function
 * to a victim or requester outside its scope, whatever a rule says; unknown facts never exclude.
 */
export interface Scope {
  /** Atom indices that, when YES, put the situation outside this scope. */
  excluders: Int32Array;
  orgName: string;
  populations: readonly Population[];
  requesters: readonly Requester[] | null;
}

const AT = (name: string) => ATOM_INDEX.get(name)!;
const CIT: Array<[number, Population | "lpr", VictimKind]> = [
  [AT("victim.foreignNational"), "foreign_nationals", "foreignNational"],
  [AT("victim.usCitizen"), "us_citizens", "usCitizen"],
  [AT("victim.lpr"), "lpr", "lpr"],
];
const AGE: Array<[number, Population, VictimKind]> = [
  [AT("victim.minor"), "minors", "minor"],
  [AT("victim.adult"), "adults", "adult"],
];
const REQ = [...ATOM_INDEX]
  .filter(([n]) => n.startsWith("requester."))
  .map(([n, i]) => [i, n.slice(10)] as const);

/** Builds the scope of `orgId`'s `action`; throws RulesDataError when the directory has no such function. */
export function scopeOf(catalog: Catalog, ruleId: string, orgId: string, action: string): Scope {
  const entry = catalog.byId.get(orgId);
  if (!entry) throw new RulesDataError(`rule '${ruleId}': no directory entry '${orgId}'`);
  const fn = entry.functions.find((f) => f.value === action);
  if (!fn) throw new RulesDataError(`rule '${ruleId}': '${orgId}' has no function '${action}'`);
  const pops: readonly Population[] = fn.populations ?? entry.populations.map((p) => p.value);
  const excluders: number[] = [];
  if (!pops.includes("any")) {
    // An axis the populations do not mention is unrestricted; a mentioned axis excludes the other values.
    for (const table of [CIT, AGE]) {
      if (!table.some(([, p]) => pops.includes(p as Population))) continue;
      for (const [i, p] of table) if (!pops.includes(p as Population)) excluders.push(i);
    }
  }
  if (fn.requesters) for (const [i, r] of REQ) if (!fn.requesters.includes(r as never)) excluders.push(i);
  return {
    excluders: Int32Array.from(excluders),
    orgName: entry.name,
    populations: pops,
    requesters: fn.requesters ?? null,
  };
}

/** Whether the facts put the situation outside the scope (hot path: no allocation). */
export function isExcluded(scope: Scope, a: Float64Array): boolean {
  const ex = scope.excluders;
  for (let k = 0; k < ex.length; k++) if (a[ex[k]!] === YES) return true;
  return false;
}

/** The clause saying why a scope excludes the situation, in the wording's language (only called when it does). */
export function exclusionReason(scope: Scope, a: Float64Array, wording: Wording): string {
  const hit = [...scope.excluders].find((i) => a[i] === YES);
  const who = [...CIT, ...AGE].find(([i]) => i === hit);
  if (who) return wording.servesOnly(scope.populations, who[2]);
  return wording.answersOnly(scope.requesters ?? []);
}
