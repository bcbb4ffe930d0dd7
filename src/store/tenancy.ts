/**
 * Where every table lives when Harbor runs on Citus, declared in one place. A table is either:
 *
 * - **organization-scoped**: its rows belong to one organization, and on Citus they are distributed by
 *   `org_id`, colocated, so one organization's rows live together on one node. The rules, checked on
 *   every store by test/store-tenancy.test.ts: `org_id` is NOT NULL; the primary key and every unique
 *   constraint or index include `org_id`; every foreign key to another organization-scoped table
 *   includes `org_id` in the same position on both sides.
 * - **global**: reference data that belongs to no organization, small and rarely written (on Citus, a
 *   reference table copied to every node). A global table never points at an organization-scoped one.
 * - **coordinator-local**: bookkeeping only the migrating process reads (the migration log).
 *
 * A new table must be added here; the catalog test fails on any table that is not.
 */

/** Global tables, each with why it belongs to no organization. */
export const GLOBAL_TABLES = {
  orgs: "the organizations themselves; every organization-scoped row points at one",
  directory_entries: "the public federal directory",
  harbor_meta: "installation-level facts about the store",
  login_emails: "e-mail → organization, so a sign-in routes to one node; keeps e-mail addresses unique",
} as const;

/** Organization-scoped tables, in the order they are distributed (parents before children). */
export const ORG_TABLES = [
  "users",
  "login_failures",
  "mfa_challenges",
  "sessions",
  "api_tokens",
  "audit_chain_heads",
  "audit_events",
  "data_keys",
  "cases",
  "case_shares",
  "case_shares_received",
  "case_activity",
  "persons",
  "consents",
  "case_agencies",
  "case_team",
  "case_events",
  "case_identifiers",
  "charges",
  "arrests",
  "adjudications",
  "sentences",
  "idempotency_keys",
  "referrals",
  "referrals_received",
  "notifications",
  "notification_emails",
  "tips",
  "case_notes",
  "case_tasks",
  "case_attachments",
  "case_plan_services",
  "case_plan_followups",
  "case_routing_runs",
  "search_tokens",
  "case_terms",
  "saved_searches",
  "relief_applications",
] as const;

/** Tables Kysely's migrator keeps for itself; they stay on the coordinator. */
export const COORDINATOR_TABLES = ["kysely_migration", "kysely_migration_lock"] as const;

/**
 * Tables allowed a trigger, with why. On Citus a trigger on a distributed table needs
 * `citus.enable_unsafe_triggers`; these triggers only refuse statements and touch no other row.
 */
export const TABLES_WITH_TRIGGERS = {
  audit_events: "append-only: refuses UPDATE and DELETE",
} as const;

/**
 * The `org_id` of rows that belong to the installation rather than an organization: the audit chain of
 * events with no organization (a failed sign-in for an unknown e-mail, the CLI) and the blind-index key.
 * Not a valid organization id (those match ^[a-z0-9][a-z0-9-]{1,62}$), so it can never collide with one.
 */
export const SYSTEM_ORG = "_system";

export type OrgTable = (typeof ORG_TABLES)[number];
export type GlobalTable = keyof typeof GLOBAL_TABLES;
