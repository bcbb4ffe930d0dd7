import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { AuthContext } from "../auth/auth.context.ts";
import { workItems as planItems } from "../plans/plans.work.ts";
import { workItems as referralItems } from "../referrals/referrals.work.ts";
import { workItems as reliefItems } from "../relief/relief.work.ts";
import { workItems as taskItems } from "../tasks/tasks.work.ts";
import { workItems as tipItems } from "../tips/tips.work.ts";
import { workItems as queueItems } from "./work.queue.ts";
import type { WorkItem, WorkSection } from "./work.schema.ts";

export type WorkProvider = (
  db: Kysely<Database>,
  auth: AuthContext,
) => Promise<{ section: WorkSection; items: WorkItem[] }[]>;

/**
 * Contract 3: every module's contribution to the home page. The lead adds the others' at merge
 * (tips: clocks; referrals: referrals; relief: deadlines; plans: follow-ups).
 */
export const WORK_PROVIDERS: WorkProvider[] = [
  queueItems,
  taskItems,
  tipItems,
  referralItems,
  reliefItems,
  planItems,
];
