import { type Kysely, sql } from "kysely";

/**
 * The case plan's API: a follow-up may be assigned to a user of the case's organization (when it is
 * not, the case lead's home page shows it), and the store refuses a service completed before it started.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table case_plan_followups
    add column assignee_user_id uuid,
    add constraint case_plan_followups_assignee_fkey foreign key (org_id, assignee_user_id)
      references users (org_id, id),
    add constraint case_plan_followups_done_consistent check ((done_at is null) = (done_by is null))`.execute(
    db,
  );
  await sql`create index case_plan_followups_open_due on case_plan_followups (org_id, due_on)
    where done_at is null`.execute(db);
  await sql`alter table case_plan_services
    add constraint case_plan_services_dates_ordered
      check (completed_on is null or started_on is null or completed_on >= started_on),
    add constraint case_plan_services_one_provider
      check (provider_org_id is null or directory_entry_id is null)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table case_plan_services
    drop constraint case_plan_services_one_provider,
    drop constraint case_plan_services_dates_ordered`.execute(db);
  await sql`drop index case_plan_followups_open_due`.execute(db);
  await sql`alter table case_plan_followups
    drop constraint case_plan_followups_done_consistent,
    drop constraint case_plan_followups_assignee_fkey,
    drop column assignee_user_id`.execute(db);
}
