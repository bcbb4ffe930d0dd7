import type { OrgType, Role } from "../auth/auth.context.ts";

/**
 * Harbor's access policy as data (Medplum's AccessPolicy idea): what each role may do to each kind
 * of record, by the caller organization's relation to the record, plus organization-type rules and
 * the field groups hidden by them. `policy.sql.ts` compiles this into the WHERE clauses and select
 * lists of every repository query; nothing else grants access. Anything not listed is denied.
 * docs/access-policy.md renders the same table for people.
 */

/** How the caller's organization relates to a case (and the persons and consents in it). */
export const RELATIONS = ["owner", "shared_write", "shared_read"] as const;
export type Relation = (typeof RELATIONS)[number];

/**
 * `update`: edit the case record itself (fields, facts, status, lead and team); `work`: add to it
 * (notes, tasks, events, identifiers, charges, attachments, the case plan).
 */
export const CASE_ACTIONS = ["create", "read", "update", "work", "add_person", "share"] as const;
export const PERSON_ACTIONS = ["read"] as const;
export const CONSENT_ACTIONS = ["read", "record", "revoke"] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];
export type PersonAction = (typeof PERSON_ACTIONS)[number];
export type ConsentAction = (typeof CONSENT_ACTIONS)[number];

/** Person fields in groups: `basic` is visible with the row; the others can be hidden. */
export const PERSON_FIELD_GROUPS = {
  basic: [
    "id",
    "caseId",
    "orgId",
    "role",
    "citizenship",
    "createdAt",
    "version",
    "sex",
    "ageAtExploitation",
    "raceEthnicity",
    "citizenshipCountry",
    "meansOfControl",
    "exploitationTypes",
    "industry",
    "recruitment",
  ],
  /** Personally identifying information (34 U.S.C. 12291(a)(20)): names, birth date, contact, address. */
  identifying: ["givenName", "familyName", "dateOfBirth", "phone", "email", "address"],
  /** Immigration details and the T/U/VAWA applicant flag itself (8 U.S.C. 1367). */
  immigration: ["immigrationStatus", "visaCategory", "protected1367"],
} as const;
export type PersonFieldGroup = keyof typeof PERSON_FIELD_GROUPS;
export type PersonField = (typeof PERSON_FIELD_GROUPS)[PersonFieldGroup][number];

/** One role's grants: actions per record kind and relation, and field groups it never sees. */
export interface RoleGrant {
  case: Partial<Record<Relation, readonly CaseAction[]>>;
  person: Partial<Record<Relation, readonly PersonAction[]>>;
  consent: Partial<Record<Relation, readonly ConsentAction[]>>;
  hiddenGroups: readonly PersonFieldGroup[];
}

const READ_ALL = { owner: ["read"], shared_write: ["read"], shared_read: ["read"] } as const;
const CASEWORK = {
  case: {
    owner: ["create", "read", "update", "work", "add_person", "share"],
    shared_write: ["read", "work", "add_person"],
    shared_read: ["read"],
  },
  person: READ_ALL,
} as const;

/** Per role. A user with several roles gets the union of their grants and the intersection of hidden groups. */
export const ROLE_GRANTS: Record<Role, RoleGrant> = {
  // Administers the organization's users and its sharing; sees cases, never identities.
  admin: {
    case: { ...READ_ALL, owner: ["read", "share"] },
    person: READ_ALL,
    consent: { owner: ["read"] },
    hiddenGroups: ["identifying", "immigration"],
  },
  // Takes in cases and people; records a victim's consent at intake but cannot revoke on others' behalf.
  intake: {
    case: {
      owner: ["create", "read", "update", "work", "add_person"],
      shared_write: ["read", "work", "add_person"],
      shared_read: ["read"],
    },
    person: READ_ALL,
    consent: { owner: ["read", "record"] },
    hiddenGroups: [],
  },
  investigator: { ...CASEWORK, consent: {}, hiddenGroups: [] },
  prosecutor: { ...CASEWORK, consent: {}, hiddenGroups: [] },
  // Works with the victim: the one role that manages consents (record and revoke).
  advocate: { ...CASEWORK, consent: { owner: ["read", "record", "revoke"] }, hiddenGroups: [] },
  // Statistics and oversight: every visible row, no identities.
  analyst: { case: READ_ALL, person: READ_ALL, consent: {}, hiddenGroups: ["identifying", "immigration"] },
  auditor: {
    case: READ_ALL,
    person: READ_ALL,
    consent: { owner: ["read"] },
    hiddenGroups: ["identifying", "immigration"],
  },
};

/** Rules by the caller organization's type, applied on top of its users' roles. */
export interface OrgTypeRule {
  /** Only `read` actions are allowed, whatever the roles. */
  readOnly: boolean;
  /** Field groups hidden from every user of this type. */
  hiddenGroups: readonly PersonFieldGroup[];
  /** The consent purpose that lets this type see a service provider's victim (VAWA). */
  consentPurpose: ConsentPurpose;
  /** 8 U.S.C. 1367: immigration details of flagged persons (and the flag) are hidden from this type. */
  excludedBy1367: boolean;
}

export const CONSENT_PURPOSES = ["services_referral", "law_enforcement_sharing", "statistics"] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const ORG_TYPE_RULES: Record<OrgType, OrgTypeRule> = {
  law_enforcement: {
    readOnly: false,
    hiddenGroups: [],
    consentPurpose: "law_enforcement_sharing",
    excludedBy1367: true,
  },
  prosecutor: {
    readOnly: false,
    hiddenGroups: [],
    consentPurpose: "law_enforcement_sharing",
    excludedBy1367: true,
  },
  service_provider: {
    readOnly: false,
    hiddenGroups: [],
    consentPurpose: "services_referral",
    excludedBy1367: false,
  },
  government: {
    readOnly: false,
    hiddenGroups: [],
    consentPurpose: "services_referral",
    excludedBy1367: false,
  },
  hotline: { readOnly: false, hiddenGroups: [], consentPurpose: "services_referral", excludedBy1367: false },
  // Researchers get statistics: rows they are given, never identities.
  research: {
    readOnly: true,
    hiddenGroups: ["identifying", "immigration"],
    consentPurpose: "statistics",
    excludedBy1367: false,
  },
};

/**
 * VAWA/VOCA (34 U.S.C. 12291(b)(2)): when the owning organization is of one of these types, a
 * victim's identifying (and immigration) fields reach another organization only under an active
 * consent naming that organization and its purpose.
 */
export const CONSENT_GATED_OWNER_TYPES: readonly OrgType[] = ["service_provider"];
export const CONSENT_GATED_PERSON_ROLES = ["victim"] as const;

/**
 * Administration: accounts, organizations and the audit log (docs/security.md, "Account lifecycle").
 * - Accounts: admins manage their own organization's; the admins of the installation's host
 *   organization manage every organization's (to seat a partner's first admin, or to recover one
 *   that lost its own). Every user reads its own account.
 * - Organizations: the host's admins create them; every signed-in user sees each one's id, name and
 *   type (nothing else), to choose whom to share a case with or consent to.
 * - The audit log: these roles read their own organization's records.
 */
export const ACCOUNT_ADMIN_ROLES: readonly Role[] = ["admin"];
export const AUDIT_READER_ROLES: readonly Role[] = ["admin", "auditor"];
export type AccountAction = "self" | "read" | "manage";

/**
 * Tips (src/modules/tips). `submit`: send a tip as a signed-in user or partner token (anonymous
 * public tips need no role); `read`: the organization's queue and tips; `triage`: assign, merge,
 * close, record the HHS notification; `convert`: open a case from a tip (also needs case `create`).
 * Tips are never shared across organizations: every action is on the caller's own organization's.
 * Read-only organization types (research) may do none of these.
 */
export const TIP_ACTIONS = ["submit", "read", "triage", "convert"] as const;
export type TipAction = (typeof TIP_ACTIONS)[number];
export const TIP_GRANTS: Record<TipAction, readonly Role[]> = {
  submit: ["intake", "investigator", "prosecutor", "advocate"],
  read: ["intake", "investigator", "advocate"],
  triage: ["intake"],
  convert: ["intake"],
};

/**
 * Statistics (src/modules/stats): protected aggregates over the cases a role may read; row-level
 * exports (CTDC, HTCDS) only for analysts. Suppression is applied to every aggregate either way.
 */
export const STATS_READER_ROLES: readonly Role[] = [
  "analyst",
  "admin",
  "auditor",
  "investigator",
  "prosecutor",
  "advocate",
];
export const STATS_EXPORT_ROLES: readonly Role[] = ["analyst"];
