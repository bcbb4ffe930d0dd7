import type { Facts } from "./api.ts";

export type TriState = "yes" | "no" | "unknown";

/** What the navigator's form holds; `toFacts` turns it into the routing facts (unknown stays absent). */
export interface NavigatorState {
  requester: string;
  needs: string[];
  age: string;
  citizenship: string;
  visa: string;
  exploitation: string[];
  agriculture: TriState;
  wage: TriState;
  international: TriState;
  online: TriState;
  nationalSecurity: TriState;
  inUnitedStates: TriState;
  abroad: TriState;
}

export const INITIAL: NavigatorState = {
  requester: "",
  needs: [],
  age: "",
  citizenship: "unknown",
  visa: "unknown",
  exploitation: [],
  agriculture: "unknown",
  wage: "unknown",
  international: "unknown",
  online: "unknown",
  nationalSecurity: "unknown",
  inUnitedStates: "unknown",
  abroad: "unknown",
};

const tri = (v: TriState) => (v === "unknown" ? undefined : v === "yes");

/** Drops undefined fields and empty objects, so "I don't know" is simply not sent. */
function prune<T extends object>(o: T): T | undefined {
  const kept = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  return Object.keys(kept).length ? (kept as T) : undefined;
}

/** The routing facts for the answers given so far. */
export function toFacts(s: NavigatorState): Facts {
  const age = s.age.trim() === "" ? undefined : Number(s.age);
  return (
    prune({
      victim: prune({
        age: age !== undefined && Number.isInteger(age) && age >= 0 && age <= 130 ? age : undefined,
        citizenship: s.citizenship === "unknown" ? undefined : (s.citizenship as never),
        nonimmigrantVisa: s.visa === "unknown" ? undefined : (s.visa as never),
      }),
      exploitation: s.exploitation.length ? (s.exploitation as never) : undefined,
      labor: prune({
        agricultureOrMigrantWork: tri(s.agriculture),
        wageOrHourViolations: tri(s.wage),
        internationalChildOrForcedLabor: tri(s.international),
      }),
      location: prune({ inUnitedStates: tri(s.inUnitedStates), abroad: tri(s.abroad) }),
      online: tri(s.online),
      nationalSecurity: tri(s.nationalSecurity),
      requester: s.requester === "" ? undefined : (s.requester as never),
      needs: s.needs.length ? (s.needs as never) : undefined,
    }) ?? {}
  );
}

/** Which step asks for a facts path (for "answer this question"). */
export function stepOf(path: string): number {
  if (path === "requester" || path === "needs") return 0;
  if (path.startsWith("victim.")) return 1;
  if (path.startsWith("location.")) return 3;
  return 2;
}
