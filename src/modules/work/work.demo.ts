import type { AuthContext } from "../auth/auth.context.ts";
import type { DemoContext } from "../demo/demo.context.ts";
import { addNote } from "../notes/notes.service.ts";
import type { Caller } from "../policy/access.ts";
import { addTask } from "../tasks/tasks.service.ts";
import { routeCase } from "./work.service.ts";

const demoCaller = (auth: AuthContext): Caller => ({ auth, meta: { requestId: "demo-load" } });

/**
 * Contract 6: on the first demo case, notes, tasks (one overdue) and one routing run (its deadlines
 * become tasks), through the services, so all is audited and sealed. Visibly synthetic text.
 */
export async function demoWork(ctx: DemoContext): Promise<void> {
  const [caseId] = ctx.caseIds;
  if (!caseId) return;
  const investigator = demoCaller(ctx.users.investigator);
  await addNote(ctx.store, investigator, caseId, {
    body: "DEMO — Met the reporting party; call back on 555-0142. Synthetic note for the demo.",
  });
  await addNote(ctx.store, investigator, caseId, {
    body: "DEMO — Employer address to verify with the labor inspector. Synthetic note.",
  });
  const day = 86_400_000;
  await addTask(ctx.store, investigator, caseId, {
    titleCode: "contact_victim",
    assigneeUserId: ctx.users.investigator.userId,
    dueAt: new Date(ctx.now.getTime() - 2 * day).toISOString(),
  });
  await addTask(ctx.store, investigator, caseId, {
    title: "DEMO — Request the payroll records",
    assigneeUserId: ctx.users.investigator.userId,
    dueAt: new Date(ctx.now.getTime() + 5 * day).toISOString(),
  });
  await routeCase(ctx.store, investigator, caseId, {
    victim: { age: 16, citizenship: "foreign_national" },
    exploitation: ["labor_trafficking"],
    location: { inUnitedStates: true, state: "TX" },
  });
}
