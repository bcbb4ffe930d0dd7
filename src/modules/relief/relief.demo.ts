import type { DemoContext } from "../demo/demo.context.ts";
import { addDays } from "./relief.dates.ts";
import { createApplication } from "./relief.service.ts";

/**
 * Relief for the demo victims, through the service (audited, sealed): an interim assistance letter
 * request for the foreign national minor (personIds[0]), a T visa application for the H-2A worker
 * (personIds[2]: the cases demo adds each victim before the case's suspect), and Continued Presence
 * granted with its expiry for the worker.
 */
export async function demoRelief(ctx: DemoContext): Promise<void> {
  const today = ctx.now.toISOString().slice(0, 10);
  // Each victim's relief is tracked by the advocate of the organization that owns the case: the task
  // force's for the minor, the service provider's for the worker.
  const caller = { auth: ctx.users.providerAdvocate, meta: {} };
  const minorCaller = { auth: ctx.users.advocate, meta: {} };
  const [minor, , worker] = ctx.personIds;
  if (minor)
    await createApplication(ctx.store, minorCaller, minor, {
      type: "hhs_interim_letter",
      status: "pending",
      filedOn: addDays(today, -2),
      documents: ["request_for_assistance"],
    });
  if (worker) {
    await createApplication(ctx.store, caller, worker, {
      type: "t_visa",
      status: "filed",
      filedOn: addDays(today, -20),
      receiptNumber: "DEMO-EAC-0000000101",
      documents: ["i914", "i914_supplement_b"],
    });
    await createApplication(ctx.store, caller, worker, {
      type: "continued_presence",
      status: "granted",
      filedOn: addDays(today, -60),
      decidedOn: addDays(today, -45),
      expiresOn: addDays(addDays(today, -45), 730),
    });
  }
}
