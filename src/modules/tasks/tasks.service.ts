import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { badRequest } from "../../server/errors.ts";
import { staleVersion } from "../../server/versioning.ts";
import type { Database } from "../../store/schema.ts";
import type { Store } from "../../store/store.ts";
import type { AuthContext } from "../auth/auth.context.ts";
import { clock } from "../auth/clock.ts";
import { recordCaseActivity } from "../cases/cases.service.ts";
import { fieldCryptoOf, sealRecord } from "../crypto/crypto.service.ts";
import { audit, type Caller, FORBIDDEN, guarded, HIDDEN } from "../policy/access.ts";
import { mayOnCase, onCase } from "../work/case-access.ts";
import { presentTask, TASKS_TABLE } from "./tasks.presenter.ts";
import { type TaskRow, tasksRepository } from "./tasks.repository.ts";
import { completionOf, dueInstant } from "./tasks.rules.ts";
import type { CreateTaskReq, TaskViewT, UpdateTaskReq } from "./tasks.schema.ts";
import type { TaskStatus } from "./tasks.tables.ts";

/** An assignee must be an active user of the case's organization or of the caller's (a shared case). */
async function checkAssignee(trx: Kysely<Database>, userId: string, orgIds: string[]): Promise<void> {
  if (!(await tasksRepository.isActiveUserOf(trx, userId, [...new Set(orgIds)])))
    throw badRequest("body.assigneeUserId: is not an active user of the case's organization or yours");
}

/** Adds a task to a case. A title in words is sealed; a title code stays plain. */
export async function addTask(
  store: Store,
  caller: Caller,
  caseId: string,
  input: CreateTaskReq,
): Promise<TaskViewT> {
  const crypto = fieldCryptoOf(store);
  return onCase(store, caller, caseId, "work", "task.create", async (trx, kase) => {
    if (input.assigneeUserId)
      await checkAssignee(trx, input.assigneeUserId, [kase.org_id, caller.auth.orgId]);
    const id = randomUUID();
    const now = clock.now();
    let titleEnc: string | null = null;
    let dataKeyId: string | null = null;
    if (input.title !== undefined) {
      const s = await sealRecord(
        trx,
        crypto,
        { table: TASKS_TABLE, rowId: id, orgId: kase.org_id },
        { title: input.title },
      );
      titleEnc = s.sealed.title;
      dataKeyId = s.dataKeyId;
    }
    const row: TaskRow = {
      org_id: kase.org_id,
      id,
      case_id: kase.id,
      title_code: input.titleCode ?? null,
      title_enc: titleEnc,
      data_key_id: dataKeyId,
      assignee_user_id: input.assigneeUserId ?? null,
      due_at: input.dueAt ? dueInstant(input.dueAt) : null,
      status: "open",
      source_key: null,
      version: 1,
      created_by: caller.auth.userId,
      created_at: now,
      updated_at: now,
      completed_at: null,
      completed_by: null,
      wrapped: null,
    };
    const { version: _v, wrapped: _w, completed_at: _c, completed_by: _b, ...insert } = row;
    await tasksRepository.insert(trx, insert);
    await recordCaseActivity(trx, caller.auth, kase, { kind: "task.added", ref: { type: "task", id } });
    await audit(trx, caller, {
      action: "task.create",
      outcome: "success",
      targetType: "task",
      targetIds: [id],
      details: { caseId },
    });
    return { ...presentTask(row, crypto, now), title: input.title ?? null };
  });
}

/** The tasks of a case the caller may read, soonest due first. */
export async function listTasks(store: Store, caller: Caller, caseId: string): Promise<TaskViewT[]> {
  const crypto = fieldCryptoOf(store);
  return onCase(store, caller, caseId, "read", "task.list", async (trx, kase) => {
    const rows = await tasksRepository.listOfCase(trx, caller.auth, kase);
    const now = clock.now();
    return rows.map((r) => presentTask(r, crypto, now));
  });
}

/** "My tasks": assigned to the caller, in cases the caller may read. */
export async function myTasks(
  store: Store,
  caller: Caller,
  query: { status: TaskStatus | "all"; limit: number },
): Promise<TaskViewT[]> {
  const crypto = fieldCryptoOf(store);
  const rows = await tasksRepository.assignedTo(store.db, caller.auth, query.status, query.limit);
  const now = clock.now();
  return rows.map((r) => presentTask(r, crypto, now));
}

/** Changes a task from the version the caller read (If-Match); 412 with the current one when stale. */
export async function updateTask(
  store: Store,
  caller: Caller,
  id: string,
  expected: number,
  input: UpdateTaskReq,
): Promise<TaskViewT> {
  const crypto = fieldCryptoOf(store);
  return guarded(
    store.db,
    caller,
    { action: "task.update", targetType: "task", targetIds: [id] },
    async (trx) => {
      const row = await tasksRepository.getReadable(trx, caller.auth, id);
      if (!row) return HIDDEN;
      if (!mayOnCase(caller, row.relation, "work")) return FORBIDDEN;
      if (row.version !== expected) throw staleVersion(row.version);
      if (input.assigneeUserId)
        await checkAssignee(trx, input.assigneeUserId, [row.org_id, caller.auth.orgId]);
      const now = clock.now();
      const set: Parameters<typeof tasksRepository.updateIfVersion>[3] = { updated_at: now };
      if (input.titleCode !== undefined)
        Object.assign(set, { title_code: input.titleCode, title_enc: null, data_key_id: null });
      if (input.title !== undefined) {
        const s = await sealRecord(
          trx,
          crypto,
          { table: TASKS_TABLE, rowId: id, orgId: row.org_id },
          { title: input.title },
        );
        Object.assign(set, { title_code: null, title_enc: s.sealed.title, data_key_id: s.dataKeyId });
      }
      if (input.assigneeUserId !== undefined) set.assignee_user_id = input.assigneeUserId;
      if (input.dueAt !== undefined) set.due_at = input.dueAt === null ? null : dueInstant(input.dueAt);
      if (input.status !== undefined) {
        set.status = input.status;
        Object.assign(set, completionOf(row.status, input.status, row, caller.auth.userId, now));
      }
      const updated = await tasksRepository.updateIfVersion(trx, row, expected, set);
      if (!updated) {
        const current = await tasksRepository.getReadable(trx, caller.auth, id);
        throw staleVersion(current?.version ?? expected + 1);
      }
      const kind =
        input.status && input.status !== row.status
          ? `task.${input.status === "open" ? "reopened" : input.status === "done" ? "completed" : "cancelled"}`
          : "task.updated";
      await recordCaseActivity(
        trx,
        caller.auth,
        { id: row.case_id, org_id: row.org_id },
        { kind, ref: { type: "task", id } },
      );
      await audit(trx, caller, {
        action: "task.update",
        outcome: "success",
        targetType: "task",
        targetIds: [id],
        details: {
          caseId: row.case_id,
          version: updated.version,
          ...(input.status ? { status: input.status } : {}),
        },
      });
      const after = await tasksRepository.getReadable(trx, caller.auth, id);
      return presentTask(after ?? row, crypto, now);
    },
  );
}

/**
 * A task made from a source (a routing deadline), inside the caller's transaction: made once per
 * case and source, however often the source is run. For the work module's routing run.
 */
export async function ensureSourcedTask(
  trx: Kysely<Database>,
  auth: AuthContext,
  kase: { id: string; org_id: string },
  task: { sourceKey: string; titleCode: string; dueAt: Date | null },
): Promise<{ id: string; created: boolean }> {
  const now = clock.now();
  const result = await tasksRepository.insertOnce(trx, {
    org_id: kase.org_id,
    id: randomUUID(),
    case_id: kase.id,
    title_code: task.titleCode,
    title_enc: null,
    data_key_id: null,
    assignee_user_id: null,
    due_at: task.dueAt,
    source_key: task.sourceKey,
    created_by: auth.userId,
    created_at: now,
    updated_at: now,
  });
  if (result.created)
    await recordCaseActivity(trx, auth, kase, {
      kind: "task.added",
      ref: { type: "task", id: result.id },
      details: { source: "routing" },
    });
  return result;
}

/** Open tasks with a due time in these cases (the deadlines of a user's queue), for the work module. */
export function openDueTasksInCases(
  db: Kysely<Database>,
  auth: AuthContext,
  cases: { org_id: string; id: string }[],
) {
  return tasksRepository.openDueInCases(db, auth, cases);
}
