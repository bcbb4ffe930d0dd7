import type { Migration } from "kysely";
import * as foundation from "./2026_11_29_0001_foundation.ts";
import * as identityAudit from "./2026_11_29_0002_identity_audit.ts";
import * as directory from "./2026_11_29_0003_directory.ts";
import * as records from "./2026_11_29_0004_records.ts";
import * as directorySearchEs from "./2026_11_29_0005_directory_search_es.ts";
import * as accountLifecycle from "./2026_12_01_0006_account_lifecycle.ts";
import * as orgScopedKeys from "./2026_12_01_0007_org_scoped_keys.ts";
import * as idempotency from "./2026_12_02_0008_idempotency.ts";
import * as caseActivity from "./2026_12_02_0009_case_activity.ts";
import * as caseModel from "./2026_12_02_0010_case_model.ts";
import * as caseFacts from "./2026_12_02_0011_case_facts.ts";
import * as caseFactsEditing from "./2026_12_02_0012_case_facts_editing.ts";
import * as search from "./2026_12_02_0020_search.ts";
import * as searchSpeed from "./2026_12_02_0021_search_speed.ts";
import * as notesTasks from "./2026_12_02_0030_notes_tasks.ts";
import * as attachments from "./2026_12_02_0031_attachments.ts";
import * as casePlans from "./2026_12_02_0032_case_plans.ts";
import * as planFollowupAssignee from "./2026_12_02_0035_plan_followup_assignee.ts";
import * as caseTeamAgencies from "./2026_12_02_0036_case_team_agencies.ts";
import * as tips from "./2026_12_02_0040_tips.ts";
import * as referrals from "./2026_12_02_0050_referrals.ts";
import * as notifications from "./2026_12_02_0051_notifications.ts";
import * as relief from "./2026_12_02_0060_relief.ts";
import * as caseTerms from "./2026_12_02_0085_case_terms.ts";

/**
 * Every migration, in order. Names are `YYYY_MM_DD_NNNN_what`; a merged migration is never edited:
 * add a new one. Listed explicitly (not read from the folder) so the set is reviewed like code.
 */
export const migrations: Record<string, Migration> = {
  "2026_11_29_0001_foundation": foundation,
  "2026_11_29_0002_identity_audit": identityAudit,
  "2026_11_29_0003_directory": directory,
  "2026_11_29_0004_records": records,
  "2026_11_29_0005_directory_search_es": directorySearchEs,
  "2026_12_01_0006_account_lifecycle": accountLifecycle,
  "2026_12_01_0007_org_scoped_keys": orgScopedKeys,
  "2026_12_02_0008_idempotency": idempotency,
  "2026_12_02_0009_case_activity": caseActivity,
  "2026_12_02_0050_referrals": referrals,
  "2026_12_02_0051_notifications": notifications,
  "2026_12_02_0040_tips": tips,
  "2026_12_02_0030_notes_tasks": notesTasks,
  "2026_12_02_0031_attachments": attachments,
  "2026_12_02_0032_case_plans": casePlans,
  "2026_12_02_0020_search": search,
  "2026_12_02_0021_search_speed": searchSpeed,
  "2026_12_02_0010_case_model": caseModel,
  "2026_12_02_0011_case_facts": caseFacts,
  "2026_12_02_0012_case_facts_editing": caseFactsEditing,
  "2026_12_02_0060_relief": relief,
  "2026_12_02_0035_plan_followup_assignee": planFollowupAssignee,
  "2026_12_02_0036_case_team_agencies": caseTeamAgencies,
  "2026_12_02_0085_case_terms": caseTerms,
};
