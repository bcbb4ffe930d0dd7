import { randomUUID } from "node:crypto";
import { badRequest } from "../../server/errors.ts";
import { staleVersion } from "../../server/versioning.ts";
import type { Store } from "../../store/store.ts";
import { clock } from "../auth/clock.ts";
import { recordCaseActivity } from "../cases/cases.service.ts";
import { audit, type Caller, FORBIDDEN, guarded, HIDDEN } from "../policy/access.ts";
import { mayOnCase, onCase } from "../work/case-access.ts";
import { checkProvider, today } from "./plans.checks.ts";
import { presentFollowUp, presentService } from "./plans.presenter.ts";
import { plansRepository, type ServiceChanges, type ServiceRow } from "./plans.repository.ts";
import { impliedDates, type ServiceDates, serviceDatesProblem } from "./plans.rules.ts";
import type { CreateServiceReq, ServiceViewT, UpdateServiceReq } from "./plans.schema.ts";

/** A case's plan: its services (oldest first) and follow-ups (open first, soonest due first). */
export function casePlan(store: Store, caller: Caller, caseId: string) {
  return onCase(store, caller, caseId, "read", "plan.read", async (trx, kase) => {
    const day = today();
    const [services, followUps] = [
      await plansRepository.servicesOfCase(trx, caller.auth, kase),
      await plansRepository.followUpsOfCase(trx, caller.auth, kase),
    ];
    return {
      caseId: kase.id,
      services: services.map(presentService),
      followUps: followUps.map((f) => presentFollowUp(f, day)),
    };
  });
}

/** The dates checked, with what the status implies filled in; a 400 naming the field otherwise. */
function checkedDates(dates: ServiceDates, fillFromStatus: boolean): ServiceDates {
  const day = today();
  const out = fillFromStatus ? impliedDates(dates, day) : dates;
  const problem = serviceDatesProblem(out, day);
  if (problem) throw badRequest(problem);
  return out;
}

/** Adds a service to a case's plan (a `work` action on the case). */
export function addService(
  store: Store,
  caller: Caller,
  caseId: string,
  input: CreateServiceReq,
): Promise<ServiceViewT> {
  return onCase(store, caller, caseId, "work", "plan.service.create", async (trx, kase) => {
    await checkProvider(trx, caller, input);
    const dates = checkedDates(
      {
        status: input.status,
        planned_on: input.plannedOn ?? null,
        referred_on: input.referredOn ?? null,
        started_on: input.startedOn ?? null,
        completed_on: input.completedOn ?? null,
      },
      true,
    );
    const now = clock.now();
    const row: ServiceRow = {
      org_id: kase.org_id,
      id: randomUUID(),
      case_id: kase.id,
      service_type: input.serviceType,
      provider_org_id: input.providerOrgId ?? null,
      directory_entry_id: input.directoryEntryId ?? null,
      ...dates,
      version: 1,
      created_by: caller.auth.userId,
      created_at: now,
      updated_at: now,
    };
    await plansRepository.insertService(trx, row);
    const details = { serviceType: row.service_type, status: row.status };
    await recordCaseActivity(trx, caller.auth, kase, {
      kind: "plan.service_added",
      ref: { type: "plan_service", id: row.id },
      details,
    });
    await audit(trx, caller, {
      action: "plan.service.create",
      outcome: "success",
      targetType: "plan_service",
      targetIds: [row.id],
      details: { caseId: kase.id, ...details },
    });
    return presentService(row);
  });
}

const DATE_FIELDS = [
  ["plannedOn", "planned_on"],
  ["referredOn", "referred_on"],
  ["startedOn", "started_on"],
  ["completedOn", "completed_on"],
] as const;

/** Changes a service from the version the caller read (If-Match); 412 with the current one when stale. */
export function updateService(
  store: Store,
  caller: Caller,
  id: string,
  expected: number,
  input: UpdateServiceReq,
): Promise<ServiceViewT> {
  return guarded(
    store.db,
    caller,
    { action: "plan.service.update", targetType: "plan_service", targetIds: [id] },
    async (trx) => {
      const row = await plansRepository.service(trx, caller.auth, id);
      if (!row) return HIDDEN;
      if (!mayOnCase(caller, row.relation, "work")) return FORBIDDEN;
      if (row.version !== expected) throw staleVersion(row.version);
      await checkProvider(trx, caller, input);
      const merged: ServiceDates = {
        status: input.status ?? row.status,
        planned_on: row.planned_on,
        referred_on: row.referred_on,
        started_on: row.started_on,
        completed_on: row.completed_on,
      };
      for (const [field, col] of DATE_FIELDS) if (input[field] !== undefined) merged[col] = input[field];
      const dates = checkedDates(merged, input.status !== undefined && input.status !== row.status);
      const set: ServiceChanges = { ...dates, updated_at: clock.now() };
      if (input.serviceType !== undefined) set.service_type = input.serviceType;
      // A provider is one or the other: naming one clears the other.
      if (input.providerOrgId !== undefined) {
        set.provider_org_id = input.providerOrgId;
        if (input.providerOrgId) set.directory_entry_id = null;
      }
      if (input.directoryEntryId !== undefined) {
        set.directory_entry_id = input.directoryEntryId;
        if (input.directoryEntryId) set.provider_org_id = null;
      }
      const updated = await plansRepository.updateServiceIfVersion(trx, row, expected, set);
      if (!updated)
        throw staleVersion(
          (await plansRepository.currentVersion(trx, "case_plan_services", row)) ?? expected + 1,
        );
      const statusChanged = updated.status !== row.status;
      const details = {
        fields: Object.keys(input).sort().join(","),
        ...(statusChanged ? { status: updated.status } : {}),
      };
      await recordCaseActivity(
        trx,
        caller.auth,
        { id: row.case_id, org_id: row.org_id },
        {
          kind: statusChanged ? "plan.service_status" : "plan.service_updated",
          ref: { type: "plan_service", id },
          details,
        },
      );
      await audit(trx, caller, {
        action: "plan.service.update",
        outcome: "success",
        targetType: "plan_service",
        targetIds: [id],
        details: { caseId: row.case_id, version: updated.version, ...details },
      });
      return presentService(updated);
    },
  );
}
