import type { Store } from "../../store/store.ts";
import type { AuthContext } from "../auth/auth.context.ts";
import { addDays } from "./relief.dates.ts";
import { createApplication } from "./relief.service.ts";

/** Contract 6 (the lead's `harbor demo load` passes it; repeated here until merge). */
export interface DemoContext {
  store: Store;
  orgs: { taskForce: string; serviceProvider: string; hotline: string; legalAid: string };
  users: Record<
    "intake" | "investigator" | "advocate" | "prosecutor" | "analyst" | "hotline" | "providerAdvocate",
    AuthContext
  >;
  caseIds: string[];
  personIds: string[];
  tipIds: string[];
  now: Date;
}

/**
 * Relief for the demo victims, through the service (audited, sealed): an interim assistance letter
 * request for the foreign national minor (personIds[0]), a T visa application for the H-2A worker
 * (personIds[1]), and Continued Presence granted with its expiry (personIds[1]).
 * MERGE: Contract 6 — the person order is case-record's demo; adjust the indexes if it differs.
 */
export async function demoRelief(ctx: DemoContext): Promise<void> {
  const today = ctx.now.toISOString().slice(0, 10);
  const caller = { auth: ctx.users.investigator, meta: {} };
  const [minor, worker] = ctx.personIds;
  if (minor)
    await createApplication(ctx.store, caller, minor, {
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
