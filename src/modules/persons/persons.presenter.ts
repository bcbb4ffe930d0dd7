import { type FieldCrypto, openRecord } from "../crypto/crypto.service.ts";
import { PERSONS_TABLE, SEALED_FIELD_NAMES, type SealedPersonField } from "./persons.fields.ts";
import type { VisiblePerson } from "./persons.repository.ts";

/** A person as the API returns it. Hidden fields are absent; see presentPerson for the one exception. */
export interface PersonView {
  id: string;
  caseId: string;
  orgId: string;
  role: VisiblePerson["role"];
  version: number;
  sex: VisiblePerson["sex"];
  ageAtExploitation: number | null;
  raceEthnicity: VisiblePerson["race_ethnicity"];
  citizenshipCountry: string | null;
  visaCategory?: VisiblePerson["visa_category"];
  meansOfControl: VisiblePerson["means_of_control"];
  exploitationTypes: VisiblePerson["exploitation_types"];
  industry: VisiblePerson["industry"];
  recruitment: VisiblePerson["recruitment"];
  citizenship: VisiblePerson["citizenship"];
  createdAt: string;
  /** True when identifying fields exist but are withheld from this caller (VAWA: no active consent). */
  identityWithheld: boolean;
  givenName?: string | null;
  familyName?: string | null;
  dateOfBirth?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  immigrationStatus?: string | null;
  protected1367?: boolean;
}

/**
 * Allow-list presenter: only fields the policy released reach the response.
 * - Statically hidden (role, organization type): absent.
 * - Withheld for lack of consent (VAWA): absent, and `identityWithheld` is true.
 * - Immigration details withheld under 8 U.S.C. 1367: `immigrationStatus` is null, exactly as if none
 *   were recorded, so its absence cannot reveal that the person applied for T/U/VAWA relief.
 * Returns the view and whether any identifying value was released (for the audit record).
 */
export function presentPerson(
  row: VisiblePerson,
  crypto: FieldCrypto,
): { view: PersonView; identifyingShown: boolean } {
  const view: PersonView = {
    id: row.id,
    caseId: row.case_id,
    orgId: row.org_id,
    role: row.role,
    version: row.version,
    sex: row.sex,
    ageAtExploitation: row.age_at_exploitation,
    raceEthnicity: row.race_ethnicity,
    citizenshipCountry: row.citizenship_country,
    meansOfControl: row.means_of_control,
    exploitationTypes: row.exploitation_types,
    industry: row.industry,
    recruitment: row.recruitment,
    citizenship: row.citizenship,
    createdAt: row.created_at.toISOString(),
    identityWithheld: !row.may_identify,
  };
  const opened = row.wrapped
    ? openRecord<SealedPersonField>(
        crypto,
        { table: PERSONS_TABLE, rowId: row.id, dataKeyId: row.data_key_id, wrapped: row.wrapped },
        row.sealed,
      )
    : {};
  let identifyingShown = false;
  for (const field of SEALED_FIELD_NAMES) {
    if (!row.staticallyShown.has(field) || !row.may_identify) continue;
    if (field === "immigrationStatus") {
      view.immigrationStatus = row.may_immigration ? (opened[field] ?? null) : null;
    } else {
      view[field] = opened[field] ?? null;
      identifyingShown = true;
    }
  }
  // Like immigrationStatus: null when 1367 or consent withholds it, exactly as if none were recorded.
  if (row.staticallyShown.has("visaCategory") && row.may_identify)
    view.visaCategory = row.may_immigration ? (row.visa_category ?? null) : null;
  if (row.staticallyShown.has("protected1367") && row.may_identify)
    view.protected1367 = row.protected_1367 === true;
  return { view, identifyingShown };
}
