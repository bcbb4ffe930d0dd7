import type { ColumnType, Generated } from "kysely";
import type { AttachmentsTables } from "../modules/attachments/attachments.tables.ts";
import type { AuditTables } from "../modules/audit/audit.tables.ts";
import type { AuthTables } from "../modules/auth/auth.tables.ts";
import type { CaseFactsTables } from "../modules/case-facts/case-facts.tables.ts";
import type { CasesTables } from "../modules/cases/cases.tables.ts";
import type { ConsentsTables } from "../modules/consents/consents.tables.ts";
import type { CryptoTables } from "../modules/crypto/crypto.tables.ts";
import type { DirectoryTables } from "../modules/directory/directory.tables.ts";
import type { IdempotencyTables } from "../modules/idempotency/idempotency.tables.ts";
import type { NotesTables } from "../modules/notes/notes.tables.ts";
import type { NotificationsTables } from "../modules/notifications/notifications.tables.ts";
import type { OrgsTables } from "../modules/orgs/orgs.tables.ts";
import type { PersonsTables } from "../modules/persons/persons.tables.ts";
import type { PlansTables } from "../modules/plans/plans.tables.ts";
import type { ReferralsTables } from "../modules/referrals/referrals.tables.ts";
import type { ReliefTables } from "../modules/relief/relief.tables.ts";
import type { SearchTables } from "../modules/search/search.tables.ts";
import type { TasksTables } from "../modules/tasks/tasks.tables.ts";
import type { TipsTables } from "../modules/tips/tips.tables.ts";
import type { UsersTables } from "../modules/users/users.tables.ts";
import type { WorkTables } from "../modules/work/work.tables.ts";

/**
 * The typed shape of Harbor's database, for Kysely. Each module declares its own tables in a
 * `<module>.tables.ts` file and adds its interface to `Database` here; migrations create them.
 * Tables holding agency data carry `org_id` (the owning organization), the future Citus distribution key.
 */
export interface MetaTables {
  harbor_meta: {
    key: string;
    value: string;
    updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
}

/** The whole database, the union of every module's tables. */
export interface Database
  extends MetaTables,
    OrgsTables,
    UsersTables,
    AuthTables,
    AuditTables,
    CryptoTables,
    CasesTables,
    PersonsTables,
    ConsentsTables,
    DirectoryTables,
    IdempotencyTables,
    ReferralsTables,
    NotificationsTables,
    TipsTables,
    NotesTables,
    TasksTables,
    AttachmentsTables,
    PlansTables,
    WorkTables,
    SearchTables,
    CaseFactsTables,
    ReliefTables {}

export type { ColumnType, Generated };
