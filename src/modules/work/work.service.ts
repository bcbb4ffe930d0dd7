import { randomUUID } from "node:crypto";
import { badRequest } from "../../server/errors.ts";
import type { Store } from "../../store/store.ts";
import { clock } from "../auth/clock.ts";
import { recordCaseActivity } from "../cases/cases.service.ts";
import { audit, type Caller } from "../policy/access.ts";
import type { Facts } from "../routing/routing.schema.ts";
import { evaluateFacts } from "../routing/routing.service.ts";
import { ensureSourcedTask } from "../tasks/tasks.service.ts";
import { onCase } from "./case-access.ts";
import { caseRoutingFacts } from "./work.facts.ts";
import { WORK_PROVIDERS } from "./work.providers.ts";
import { workRepository } from "./work.repository.ts";
import { addIsoDuration, deadlineSourceKey } from "./work.rules.ts";
import { SECTIONS, type WorkItem, type WorkSection } from "./work.schema.ts";

/**
 * Runs the routing engine on a case's facts, keeps the answer with the case, and makes one task per
 * deadline (due = now + its clock), once: a second run finds the same tasks and makes none.
 */
export async function routeCase(store: Store, caller: Caller, caseId: string, bodyFacts: Facts | undefined) {
  return onCase(store, caller, caseId, "work", "case.route", async (trx, kase) => {
    const facts = await caseRoutingFacts(trx, caller.auth, kase, bodyFacts);
    if (!facts) throw badRequest("body.facts: the case has no routing facts yet; send them");
    const answer = evaluateFacts(facts);
    const now = clock.now();
    const runId = randomUUID();
    await workRepository.insertRun(trx, {
      org_id: kase.org_id,
      id: runId,
      case_id: kase.id,
      run_at: now,
      actor_user_id: caller.auth.userId,
      facts,
      answer,
    });
    const tasks = [];
    for (const d of answer.deadlines) {
      const made = await ensureSourcedTask(trx, caller.auth, kase, {
        sourceKey: deadlineSourceKey(d),
        titleCode: `routing.${d.id}`,
        dueAt: addIsoDuration(now, d.clock),
      });
      tasks.push({ ...made, deadlineId: d.id, orgId: d.orgId });
    }
    const created = tasks.filter((t) => t.created).length;
    await recordCaseActivity(trx, caller.auth, kase, {
      kind: "case.routed",
      ref: { type: "routing_run", id: runId },
      details: { recommendations: answer.recommendations.length, tasksCreated: created },
    });
    await audit(trx, caller, {
      action: "case.route",
      outcome: "success",
      targetType: "case",
      targetIds: [caseId],
      details: { runId, recommendations: answer.recommendations.length, tasksCreated: created },
    });
    return { runId, caseId: kase.id, runAt: now.toISOString(), answer, tasks };
  });
}

/** Contract 3: the signed-in user's work, every provider's items in their sections, soonest due first. */
export async function myWork(store: Store, caller: Caller) {
  const sections = Object.fromEntries(SECTIONS.map((s) => [s, [] as WorkItem[]])) as Record<
    WorkSection,
    WorkItem[]
  >;
  for (const provider of WORK_PROVIDERS) {
    for (const part of await provider(store.db, caller.auth)) sections[part.section].push(...part.items);
  }
  for (const s of SECTIONS) sections[s].sort((a, b) => (a.dueAt ?? "9999").localeCompare(b.dueAt ?? "9999"));
  return { sections };
}
