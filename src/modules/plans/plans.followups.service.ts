import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { badRequest } from "../../server/errors.ts";
import { staleVersion } from "../../server/versioning.ts";
import type { Database } from "../../store/schema.ts";
import type { Store } from "../../store/store.ts";
import type { AuthContext } from "../auth/auth.context.ts";
import { clock } from "../auth/clock.ts";
import { recordCaseActivity } from "../cases/cases.service.ts";
import { audit, type Caller, FORBIDDEN, guarded, HIDDEN } from "../policy/access.ts";
import { mayOnCase, onCase } from "../work/case-access.ts";
import { checkAssignee, today } from "./plans.checks.ts";
import { presentFollowUp } from "./plans.presenter.ts";
import { type FollowUpChanges, type FollowUpRow, plansRepository } from "./plans.repository.ts";
import type { CreateFollowUpReq, FollowUpViewT, UpdateFollowUpReq } from "./plans.schema.ts";

type CaseKey = { id: string; org_id: string };

async function checkService(trx: Kysely<Database>, kase: CaseKey, serviceId: string): Promise<void> {
  if (!(await plansRepository.isServiceOfCase(trx, kase, serviceId)))
    throw badRequest("body.serviceId: is not a service of this case's plan");
}

/** Adds a follow-up to a case's plan (a `work` action), optionally about one service and for one user. */
export function addFollowUp(
  store: Store,
  caller: Caller,
  caseId: string,
  input: CreateFollowUpReq,
): Promise<FollowUpViewT> {
  return onCase(store, caller, caseId, "work", "plan.followup.create", async (trx, kase) => {
    if (input.serviceId) await checkService(trx, kase, input.serviceId);
    if (input.assigneeUserId)
      await checkAssignee(trx, input.assigneeUserId, [kase.org_id, caller.auth.orgId]);
    const now = clock.now();
    const row: FollowUpRow = {
      org_id: kase.org_id,
      id: randomUUID(),
      case_id: kase.id,
      service_id: input.serviceId ?? null,
      kind: input.kind,
      due_on: input.dueOn,
      assignee_user_id: input.assigneeUserId ?? null,
      done_at: null,
      done_by: null,
      version: 1,
      created_by: caller.auth.userId,
      created_at: now,
      updated_at: now,
    };
    await plansRepository.insertFollowUp(trx, row);
    await recordCaseActivity(trx, caller.auth, kase, {
      kind: "plan.followup_added",
      ref: { type: "plan_followup", id: row.id },
      details: { kind: row.kind, dueOn: row.due_on },
    });
    await audit(trx, caller, {
      action: "plan.followup.create",
      outcome: "success",
      targetType: "plan_followup",
      targetIds: [row.id],
      details: { caseId: kase.id, kind: row.kind },
    });
    return presentFollowUp(row, today());
  });
}

/**
 * Changes a follow-up from the version the caller read (If-Match): its kind, due date, service,
 * assignee, or `done` (marked by the caller, now; `false` reopens it). 412 with the current one when stale.
 */
export function updateFollowUp(
  store: Store,
  caller: Caller,
  id: string,
  expected: number,
  input: UpdateFollowUpReq,
): Promise<FollowUpViewT> {
  return guarded(
    store.db,
    caller,
    { action: "plan.followup.update", targetType: "plan_followup", targetIds: [id] },
    async (trx) => {
      const row = await plansRepository.followUp(trx, caller.auth, id);
      if (!row) return HIDDEN;
      if (!mayOnCase(caller, row.relation, "work")) return FORBIDDEN;
      if (row.version !== expected) throw staleVersion(row.version);
      const kase = { id: row.case_id, org_id: row.org_id };
      if (input.serviceId) await checkService(trx, kase, input.serviceId);
      if (input.assigneeUserId)
        await checkAssignee(trx, input.assigneeUserId, [row.org_id, caller.auth.orgId]);
      const now = clock.now();
      const set: FollowUpChanges = { updated_at: now };
      if (input.kind !== undefined) set.kind = input.kind;
      if (input.dueOn !== undefined) set.due_on = input.dueOn;
      if (input.serviceId !== undefined) set.service_id = input.serviceId;
      if (input.assigneeUserId !== undefined) set.assignee_user_id = input.assigneeUserId;
      const wasDone = row.done_at !== null;
      if (input.done === true && !wasDone) Object.assign(set, { done_at: now, done_by: caller.auth.userId });
      if (input.done === false && wasDone) Object.assign(set, { done_at: null, done_by: null });
      const updated = await plansRepository.updateFollowUpIfVersion(trx, row, expected, set);
      if (!updated)
        throw staleVersion(
          (await plansRepository.currentVersion(trx, "case_plan_followups", row)) ?? expected + 1,
        );
      const isDone = updated.done_at !== null;
      const kind =
        isDone === wasDone
          ? "plan.followup_updated"
          : isDone
            ? "plan.followup_done"
            : "plan.followup_reopened";
      const details = { fields: Object.keys(input).sort().join(",") };
      await recordCaseActivity(trx, caller.auth, kase, {
        kind,
        ref: { type: "plan_followup", id },
        details,
      });
      await audit(trx, caller, {
        action: "plan.followup.update",
        outcome: "success",
        targetType: "plan_followup",
        targetIds: [id],
        details: {
          caseId: row.case_id,
          version: updated.version,
          ...details,
          ...(isDone !== wasDone ? { done: isDone } : {}),
        },
      });
      return presentFollowUp(updated, today());
    },
  );
}

/** Open follow-ups due by `until` for the user (theirs, or unassigned in cases they lead), for the home page. */
export function followUpsDueFor(db: Kysely<Database>, auth: AuthContext, until: string) {
  return plansRepository.dueFor(db, auth, until);
}
