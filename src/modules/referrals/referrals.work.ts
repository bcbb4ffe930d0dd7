import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { AuthContext } from "../auth/auth.context.ts";
import { clock } from "../auth/clock.ts";
import type { WorkItem } from "../work/work.schema.ts";
import { mayAnswer } from "./referrals.policy.ts";
import { referralsRepository } from "./referrals.repository.ts";
import { isOverdue } from "./referrals.rules.ts";

/**
 * The home page's referrals (Contract 3): incoming referrals waiting for the caller's organization to
 * answer (for the roles that may answer them), and its outgoing referrals past their respond-by time.
 * Incoming items carry no case id: the recipient may not see the case until it accepts.
 */
export async function workItems(
  db: Kysely<Database>,
  auth: AuthContext,
): Promise<{ section: "referrals"; items: WorkItem[] }[]> {
  const now = clock.now();
  const items: WorkItem[] = [];
  if (mayAnswer(auth)) {
    for (const r of await referralsRepository.pendingIncoming(db, auth.orgId, 50)) {
      items.push({
        kind: "referral.incoming",
        refType: "referral",
        refId: r.referral_id,
        dueAt: r.respond_by.toISOString(),
        overdue: isOverdue(r, now),
        labelKey: "referrals:work.incoming",
        labelArgs: { purpose: r.purpose },
      });
    }
  }
  for (const r of await referralsRepository.overdueOutgoing(db, auth.orgId, now, 50)) {
    items.push({
      kind: "referral.outgoing_overdue",
      refType: "referral",
      refId: r.id,
      caseId: r.case_id,
      dueAt: r.respond_by.toISOString(),
      overdue: true,
      labelKey: "referrals:work.outgoingOverdue",
      labelArgs: { purpose: r.purpose },
    });
  }
  return [{ section: "referrals", items }];
}
