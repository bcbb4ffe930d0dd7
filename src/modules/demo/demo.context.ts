import type { Store } from "../../store/store.ts";
import type { AuthContext, OrgType, Role } from "../auth/auth.context.ts";

/**
 * The synthetic task force `harbor demo load` creates. Every organization id starts with `demo-` and
 * every name with "DEMO —", so nobody mistakes it for real work; e-mail addresses are on example.org
 * (reserved for examples, RFC 2606) and phone numbers in 555-01xx (reserved for fiction).
 */
export const DEMO_ORG_PREFIX = "demo-";

export const DEMO_ORGS = {
  taskForce: {
    id: "demo-task-force",
    name: "DEMO — Gulf Coast Anti-Trafficking Task Force",
    type: "law_enforcement",
  },
  serviceProvider: {
    id: "demo-shelter",
    name: "DEMO — Safe Harbor Survivor Services",
    type: "service_provider",
  },
  hotline: { id: "demo-hotline", name: "DEMO — Regional Trafficking Hotline", type: "hotline" },
  legalAid: { id: "demo-legal-aid", name: "DEMO — Immigrant Legal Aid Clinic", type: "service_provider" },
} as const satisfies Record<string, { id: string; name: string; type: OrgType }>;

export type DemoOrgKey = keyof typeof DEMO_ORGS;

export const DEMO_USERS = {
  admin: { org: "taskForce", email: "admin@task-force.demo.example.org", roles: ["admin"] },
  intake: { org: "taskForce", email: "intake@task-force.demo.example.org", roles: ["intake"] },
  investigator: {
    org: "taskForce",
    email: "investigator@task-force.demo.example.org",
    roles: ["investigator"],
  },
  prosecutor: { org: "taskForce", email: "prosecutor@task-force.demo.example.org", roles: ["prosecutor"] },
  advocate: { org: "taskForce", email: "advocate@task-force.demo.example.org", roles: ["advocate"] },
  analyst: { org: "taskForce", email: "analyst@task-force.demo.example.org", roles: ["analyst"] },
  hotline: { org: "hotline", email: "operator@hotline.demo.example.org", roles: ["intake"] },
  providerAdvocate: {
    org: "serviceProvider",
    email: "advocate@shelter.demo.example.org",
    roles: ["advocate"],
  },
  providerAdmin: { org: "serviceProvider", email: "admin@shelter.demo.example.org", roles: ["admin"] },
  legalAdvocate: { org: "legalAid", email: "attorney@legal-aid.demo.example.org", roles: ["advocate"] },
} as const satisfies Record<string, { org: DemoOrgKey; email: string; roles: readonly Role[] }>;

export type DemoUserKey = keyof typeof DEMO_USERS;

/**
 * What each module's demo step receives. A step uses its module's services as the named demo user, so
 * what it creates is validated, encrypted and audited like anything a user does, and fills in the ids it
 * made for the steps after it (cases for referrals, persons for relief).
 */
export interface DemoContext {
  store: Store;
  orgs: Record<DemoOrgKey, string>;
  users: Record<DemoUserKey, AuthContext>;
  caseIds: string[];
  personIds: string[];
  tipIds: string[];
  now: Date;
}

/** A module's contribution to the demo. */
export type DemoStep = { name: string; run: (ctx: DemoContext) => Promise<void> };
