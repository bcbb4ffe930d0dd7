import {
  COUNTRIES,
  EXPLOITATION_TYPES,
  INDUSTRIES,
  MEANS_OF_CONTROL,
  oneOf,
  PERSON_CITIZENSHIP,
  PERSON_ROLES,
  RACE_ETHNICITIES,
  RECRUITMENTS,
  SEXES,
  VISA_CATEGORIES,
} from "../../vocabulary.ts";
import type { PersonView } from "./api.ts";
import type { PersonEdit } from "./casework.api.ts";

/** The identifying fields, shown and sent only when the policy lets this user see the identity. */
export const IDENTITY_FIELDS = [
  "givenName",
  "familyName",
  "dateOfBirth",
  "phone",
  "email",
  "address",
  "immigrationStatus",
] as const;
/** The CTDC/HTCDS attributes: one choice each (empty = not recorded). */
export const CHOICE_FIELDS = {
  role: PERSON_ROLES,
  citizenship: PERSON_CITIZENSHIP,
  citizenshipCountry: COUNTRIES,
  sex: SEXES,
  raceEthnicity: RACE_ETHNICITIES,
  visaCategory: VISA_CATEGORIES,
  recruitment: RECRUITMENTS,
  industry: INDUSTRIES,
} as const;
/** Several may apply. */
export const LIST_FIELDS = {
  meansOfControl: MEANS_OF_CONTROL,
  exploitationTypes: EXPLOITATION_TYPES,
} as const;

type Identity = (typeof IDENTITY_FIELDS)[number];
type Choice = keyof typeof CHOICE_FIELDS;
type List = keyof typeof LIST_FIELDS;

export type PersonDraft = Record<Identity | Choice | "ageAtExploitation", string> &
  Record<List, string[]> & { protected1367: boolean };

export function personDraftOf(p: PersonView): PersonDraft {
  const text = (v: string | null | undefined) => v ?? "";
  return {
    givenName: text(p.givenName),
    familyName: text(p.familyName),
    dateOfBirth: text(p.dateOfBirth).slice(0, 10),
    phone: text(p.phone),
    email: text(p.email),
    address: text(p.address),
    immigrationStatus: text(p.immigrationStatus),
    role: p.role,
    citizenship: p.citizenship,
    citizenshipCountry: text(p.citizenshipCountry),
    sex: text(p.sex),
    raceEthnicity: text(p.raceEthnicity),
    visaCategory: text(p.visaCategory),
    recruitment: text(p.recruitment),
    industry: text(p.industry),
    ageAtExploitation: p.ageAtExploitation === null ? "" : String(p.ageAtExploitation),
    meansOfControl: p.meansOfControl,
    exploitationTypes: p.exploitationTypes,
    protected1367: p.protected1367 === true,
  };
}

/** The fields of `a` that differ from `b`. */
export function personChanges(a: PersonDraft, b: PersonDraft): (keyof PersonDraft)[] {
  return (Object.keys(a) as (keyof PersonDraft)[]).filter(
    (k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]),
  );
}

/** The PATCH body: only what the user changed from the version they loaded (nothing unseen is overwritten). */
export function personEditOf(draft: PersonDraft, loaded: PersonDraft, identityShown: boolean): PersonEdit {
  const body: PersonEdit = {};
  const changed = new Set(personChanges(draft, loaded));
  if (identityShown)
    for (const k of IDENTITY_FIELDS) if (changed.has(k)) body[k] = draft[k].trim() === "" ? null : draft[k];
  if (changed.has("role")) body.role = oneOf(PERSON_ROLES, draft.role) ?? "victim";
  if (changed.has("citizenship"))
    body.citizenship = oneOf(PERSON_CITIZENSHIP, draft.citizenship) ?? "unknown";
  if (changed.has("citizenshipCountry"))
    body.citizenshipCountry = oneOf(COUNTRIES, draft.citizenshipCountry) ?? null;
  if (changed.has("sex")) body.sex = oneOf(SEXES, draft.sex) ?? null;
  if (changed.has("raceEthnicity")) body.raceEthnicity = oneOf(RACE_ETHNICITIES, draft.raceEthnicity) ?? null;
  if (changed.has("visaCategory")) body.visaCategory = oneOf(VISA_CATEGORIES, draft.visaCategory) ?? null;
  if (changed.has("recruitment")) body.recruitment = oneOf(RECRUITMENTS, draft.recruitment) ?? null;
  if (changed.has("industry")) body.industry = oneOf(INDUSTRIES, draft.industry) ?? null;
  if (changed.has("ageAtExploitation")) {
    const age = Number.parseInt(draft.ageAtExploitation, 10);
    body.ageAtExploitation = draft.ageAtExploitation.trim() === "" || !Number.isFinite(age) ? null : age;
  }
  if (changed.has("meansOfControl"))
    body.meansOfControl = draft.meansOfControl.flatMap((c) => oneOf(MEANS_OF_CONTROL, c) ?? []);
  if (changed.has("exploitationTypes"))
    body.exploitationTypes = draft.exploitationTypes.flatMap((c) => oneOf(EXPLOITATION_TYPES, c) ?? []);
  if (changed.has("protected1367")) body.protected1367 = draft.protected1367;
  return body;
}
