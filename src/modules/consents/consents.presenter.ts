import type { ConsentRow } from "./consents.repository.ts";

/** A consent as the API returns it; `status` is computed at `now`, the same instant the policy uses. */
export function presentConsent(row: ConsentRow, now: Date) {
  const status = row.revoked_at
    ? "revoked"
    : row.expires_at.getTime() <= now.getTime()
      ? "expired"
      : "active";
  return {
    id: row.id,
    personId: row.person_id,
    caseId: row.case_id,
    recipientOrgId: row.recipient_org_id,
    purpose: row.purpose,
    signedBy: row.signed_by as ("victim" | "guardian")[],
    expiresAt: row.expires_at.toISOString(),
    revokedAt: row.revoked_at ? row.revoked_at.toISOString() : null,
    status: status as "active" | "expired" | "revoked",
    createdAt: row.created_at.toISOString(),
  };
}
export type ConsentView = ReturnType<typeof presentConsent>;
