import {
  CITIZENSHIP,
  CONFIRMATIONS,
  COOPERATION,
  EXPLOITATION,
  LEAD_AGENCY_TYPES,
  oneOf,
  TRAFFICKING_TYPES,
  US_STATES,
  VISA,
} from "../../vocabulary.ts";
import type { CaseEdit, CaseFacts, CaseRecord } from "./casework.api.ts";

/** The case edit form as typed: strings and booleans, "" meaning "not recorded". */
export interface CaseDraft {
  title: string;
  narrative: string;
  traffickingType: string;
  confirmation: string;
  leadAgencyType: string;
  investigationStartedOn: string;
  incidentState: string;
  victimAge: string;
  victimCitizenship: string;
  victimVisa: string;
  victimCooperates: string;
  inUnitedStates: string;
  exploitation: string[];
}

/** The facts as stored (the API checked them against the routing schema when they were saved). */
export const factsOf = (kase: Pick<CaseRecord, "facts">): CaseFacts => kase.facts as CaseFacts;

export function draftOf(kase: CaseRecord): CaseDraft {
  const facts = factsOf(kase);
  const victim = facts.victim ?? {};
  const inUs = facts.location?.inUnitedStates;
  return {
    title: kase.title,
    narrative: kase.narrative ?? "",
    traffickingType: kase.traffickingType,
    confirmation: kase.confirmation,
    leadAgencyType: kase.leadAgencyType ?? "",
    investigationStartedOn: kase.investigationStartedOn?.slice(0, 10) ?? "",
    incidentState: kase.incidentState ?? "",
    victimAge: victim.age === undefined ? "" : String(victim.age),
    victimCitizenship: victim.citizenship ?? "unknown",
    victimVisa: victim.nonimmigrantVisa ?? "unknown",
    victimCooperates: victim.cooperatesWithLawEnforcement ?? "unknown",
    inUnitedStates: inUs === undefined ? "unknown" : inUs ? "yes" : "no",
    exploitation: facts.exploitation ?? [],
  };
}

/** The facts with the form's parts replaced; parts the form does not show are kept as they were. */
function factsFrom(draft: CaseDraft, before: CaseFacts): CaseFacts {
  const victim = { ...before.victim };
  const age = Number.parseInt(draft.victimAge, 10);
  if (draft.victimAge.trim() !== "" && Number.isFinite(age)) victim.age = age;
  else delete victim.age;
  victim.citizenship = oneOf(CITIZENSHIP, draft.victimCitizenship) ?? "unknown";
  victim.nonimmigrantVisa = oneOf(VISA, draft.victimVisa) ?? "unknown";
  victim.cooperatesWithLawEnforcement = oneOf(COOPERATION, draft.victimCooperates) ?? "unknown";
  const location = { ...before.location };
  if (draft.inUnitedStates === "unknown") delete location.inUnitedStates;
  else location.inUnitedStates = draft.inUnitedStates === "yes";
  const exploitation = draft.exploitation.flatMap((e) => oneOf(EXPLOITATION, e) ?? []);
  return { ...before, victim, location, exploitation };
}

/** The PATCH body for the form as filled in (the whole incident: the form shows all of it). */
export function editOf(draft: CaseDraft, kase: Pick<CaseRecord, "facts">): CaseEdit {
  return {
    title: draft.title,
    narrative: draft.narrative.trim() === "" ? null : draft.narrative,
    traffickingType: oneOf(TRAFFICKING_TYPES, draft.traffickingType) ?? "unknown",
    confirmation: oneOf(CONFIRMATIONS, draft.confirmation) ?? "open",
    leadAgencyType: oneOf(LEAD_AGENCY_TYPES, draft.leadAgencyType) ?? null,
    investigationStartedOn: draft.investigationStartedOn || null,
    incidentState: oneOf(US_STATES, draft.incidentState) ?? null,
    facts: factsFrom(draft, factsOf(kase)),
  };
}

/** The fields of `mine` that differ from the record now saved (`theirs`), by name. */
export function changedFields(mine: CaseDraft, theirs: CaseDraft): (keyof CaseDraft)[] {
  return (Object.keys(mine) as (keyof CaseDraft)[]).filter(
    (k) => JSON.stringify(mine[k]) !== JSON.stringify(theirs[k]),
  );
}
