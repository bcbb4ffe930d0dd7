import type { ReferralRow } from "./referrals.repository.ts";
import type { ReferralAction } from "./referrals.rules.ts";
import { isOverdue } from "./referrals.rules.ts";
import type { ReferralViewT } from "./referrals.schema.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Allow-list presenter. The recipient gets the case and person ids only while the referral's share
 * is in force (identified, accepted or completed, share created): a de-identified referral tells it
 * that a referral exists, its purpose, its sender and its dates, and nothing about anyone.
 */
export function presentReferral(
  row: ReferralRow,
  side: "sender" | "recipient",
  now: Date,
  actions: ReferralAction[],
): ReferralViewT {
  const opensCase =
    side === "sender" ||
    (row.identified && row.share_created && (row.status === "accepted" || row.status === "completed"));
  return {
    id: row.id,
    side,
    status: row.status,
    purpose: row.purpose,
    declineReason: row.decline_reason,
    identified: row.identified,
    sender: { orgId: row.org_id, name: row.sender_org_name },
    recipient: {
      kind: row.recipient_kind,
      orgId: row.recipient_org_id,
      name: row.recipient_org_name,
      directoryEntryId: row.directory_entry_id,
    },
    caseId: opensCase ? row.case_id : null,
    personId: opensCase ? row.person_id : null,
    respondBy: row.respond_by.toISOString(),
    overdue: isOverdue(row, now),
    sentAt: row.sent_at.toISOString(),
    answeredAt: iso(row.answered_at),
    completedAt: iso(row.completed_at),
    revokedAt: iso(row.revoked_at),
    version: row.version,
    actions,
  };
}
