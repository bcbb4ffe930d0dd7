import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { AuthContext } from "../auth/auth.context.ts";
import { clock } from "../auth/clock.ts";
import type { WorkItem } from "../work/work.schema.ts";
import { tipsRepository } from "./tips.repository.ts";
import { canTip } from "./tips.service.ts";

/**
 * The home page's `clocks`: every unmet 24-hour HHS notification clock of the caller's organization,
 * soonest first, overdue flagged; and `queue`: the number of unassigned open tips. Codes only.
 */
export async function workItems(
  db: Kysely<Database>,
  auth: AuthContext,
): Promise<{ section: "queue" | "tasks" | "deadlines" | "referrals" | "clocks"; items: WorkItem[] }[]> {
  if (!canTip(auth, "read")) return [];
  const now = clock.now();
  const clocks = await tipsRepository.unmetClocks(db, auth.orgId);
  return [
    {
      section: "clocks",
      items: clocks.map((c) => {
        const due = new Date(c.hhs_due_at as Date);
        return {
          kind: "tip.hhs_clock",
          refType: "tip",
          refId: c.id,
          dueAt: due.toISOString(),
          overdue: now > due,
          labelKey: now > due ? "tips:work.hhsClockOverdue" : "tips:work.hhsClock",
        };
      }),
    },
  ];
}
