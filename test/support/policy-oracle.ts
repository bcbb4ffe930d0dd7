import type { OrgType, Role } from "../../src/modules/auth/auth.context.ts";

/*
 * The expected decisions of the authorization matrix: an independent restatement of
 * docs/access-policy.md, written without importing policy.rules.ts, so that a wrong rule or a wrong
 * compilation into SQL shows up as a mismatch instead of agreeing with itself.
 */

export type Relation = "owner" | "shared_write" | "shared_read" | "none";

export const IDENTITY_ROLES = new Set<Role>(["intake", "investigator", "prosecutor", "advocate"]);
export const CREATE_OR_ADD = new Set<Role>(["intake", "investigator", "prosecutor", "advocate"]);
export const SHARERS = new Set<Role>(["admin", "investigator", "prosecutor", "advocate"]);
export const CONSENT_READERS = new Set<Role>(["admin", "intake", "advocate", "auditor"]);
export const CONSENT_RECORDERS = new Set<Role>(["intake", "advocate"]);
export const CONSENT_REVOKERS = new Set<Role>(["advocate"]);
export const READ_ONLY_TYPES = new Set<OrgType>(["research"]);
export const NO_IDENTITY_TYPES = new Set<OrgType>(["research"]);
export const EXCLUDED_BY_1367 = new Set<OrgType>(["law_enforcement", "prosecutor"]);
export const PURPOSE: Record<OrgType, string> = {
  law_enforcement: "law_enforcement_sharing",
  prosecutor: "law_enforcement_sharing",
  service_provider: "services_referral",
  government: "services_referral",
  hotline: "services_referral",
  research: "statistics",
};
export const BASIC = [
  "id",
  "caseId",
  "orgId",
  "role",
  "citizenship",
  "createdAt",
  "identityWithheld",
  // CTDC/HTCDS attribute codes: with the row, for every reader.
  "version",
  "sex",
  "ageAtExploitation",
  "raceEthnicity",
  "citizenshipCountry",
  "meansOfControl",
  "exploitationTypes",
  "industry",
  "recruitment",
];
export const IDENTIFYING = ["givenName", "familyName", "dateOfBirth", "phone", "email", "address"] as const;

/** True when any of the roles is in the set. */
export const has = (roles: Role[], set: Set<Role>) => roles.some((r) => set.has(r));

/** What the matrix knows about a seeded person. */
export interface OraclePerson {
  relation: Relation;
  ownerType: OrgType;
  role: "victim" | "witness";
  protected1367: boolean;
  /** An unrevoked, unexpired consent names the caller's organization with its type's purpose. */
  consentActive: boolean;
  values: Record<string, string>;
}

/** The non-basic fields (and their values) a caller must get for a person; basic ones always come. */
export function expectedPerson(roles: Role[], type: OrgType, p: OraclePerson): Record<string, unknown> {
  const gate =
    p.relation === "owner" || p.role !== "victim" || p.ownerType !== "service_provider" || p.consentActive;
  const identify = gate && has(roles, IDENTITY_ROLES) && !NO_IDENTITY_TYPES.has(type);
  const view: Record<string, unknown> = { identityWithheld: !gate };
  if (identify) {
    for (const f of IDENTIFYING) view[f] = p.values[f];
    view.immigrationStatus =
      p.protected1367 && EXCLUDED_BY_1367.has(type) ? null : p.values.immigrationStatus;
    // The fixtures record no visa category: present (null) wherever immigrationStatus is.
    view.visaCategory = null;
    if (!EXCLUDED_BY_1367.has(type)) view.protected1367 = p.protected1367;
  }
  return view;
}

/** Expected status of each action, given visibility and grants. */
export const expectedStatus = {
  addPerson: (roles: Role[], type: OrgType, relation: Relation) =>
    relation === "none"
      ? 404
      : !READ_ONLY_TYPES.has(type) &&
          (relation === "owner" || relation === "shared_write") &&
          has(roles, CREATE_OR_ADD)
        ? 201
        : 403,
  share: (roles: Role[], type: OrgType, relation: Relation) =>
    relation === "none"
      ? 404
      : !READ_ONLY_TYPES.has(type) && relation === "owner" && has(roles, SHARERS)
        ? 201
        : 403,
  recordConsent: (roles: Role[], type: OrgType, relation: Relation) =>
    relation === "none"
      ? 404
      : !READ_ONLY_TYPES.has(type) && relation === "owner" && has(roles, CONSENT_RECORDERS)
        ? 201
        : 403,
  revoke: (roles: Role[], type: OrgType, ownedByCaller: boolean) =>
    !(ownedByCaller && has(roles, CONSENT_READERS))
      ? 404
      : !READ_ONLY_TYPES.has(type) && has(roles, CONSENT_REVOKERS)
        ? 200
        : 403,
};
