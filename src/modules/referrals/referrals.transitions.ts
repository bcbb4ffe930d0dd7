import { AppError, badRequest } from "../../server/errors.ts";
import { etagOf, staleVersion } from "../../server/versioning.ts";
import type { Store } from "../../store/store.ts";
import { clock } from "../auth/clock.ts";
import { recordCaseActivity } from "../cases/cases.service.ts";
import { notify } from "../notifications/notifications.service.ts";
import { audit, type Caller, FORBIDDEN, guarded, HIDDEN } from "../policy/access.ts";
import { consentState, locate, RECIPIENT_ROLES, view } from "./referrals.access.ts";
import { mayAct } from "./referrals.policy.ts";
import { referralsRepository as repo } from "./referrals.repository.ts";
import { type DeclineReason, nextStatus, type ReferralAction } from "./referrals.rules.ts";
import type { ReferralViewT } from "./referrals.schema.ts";

/** Answering and withdrawing referrals (the rules of each step: referrals.service.ts, top comment). */

const PAST: Record<ReferralAction, string> = {
  accept: "accepted",
  decline: "declined",
  complete: "completed",
  revoke: "revoked",
};

/**
 * Moves a referral on (accept, decline, complete, revoke) from the version the caller read: the row
 * is locked, a stale version answers 412, an action the state does not allow answers 409 naming the
 * state; of two concurrent answers exactly one wins.
 */
export async function transitionReferral(
  store: Store,
  caller: Caller,
  id: string,
  action: ReferralAction,
  expected: number,
  reason?: DeclineReason,
): Promise<ReferralViewT> {
  if (action === "decline" && !reason) throw badRequest("body.reason: required to decline");
  const now = clock.now();
  return guarded(
    store.db,
    caller,
    { action: `referral.${action}`, targetType: "referral", targetIds: [id] },
    async (trx) => {
      const found = await locate(trx, caller.auth, id, true);
      if (!found) return HIDDEN;
      const { row, side } = found;
      if (!mayAct(caller.auth, side, row, action)) return FORBIDDEN;
      if (row.version !== expected) throw staleVersion(row.version);
      const next = nextStatus(row.status, action);
      if (!next)
        throw new AppError(
          409,
          "invalid_transition",
          `This referral is ${row.status}: it cannot be ${PAST[action]}.`,
          { etag: etagOf(row.version) },
        );
      const set: Parameters<typeof repo.update>[2] = { status: next };
      const share = row.recipient_org_id
        ? { caseId: row.case_id, ownerOrgId: row.org_id, recipientOrgId: row.recipient_org_id }
        : undefined;
      if (action === "accept" || action === "decline") {
        set.answered_by = caller.auth.userId;
        set.answered_at = now;
      }
      if (action === "decline") set.decline_reason = reason!;
      if (action === "complete") set.completed_at = now;
      if (action === "accept" && share && row.identified) {
        const state = await consentState(
          trx,
          { org_id: row.org_id, id: row.case_id },
          share.recipientOrgId,
          row.purpose,
          now,
        );
        if (state?.identified) {
          set.share_created = await repo.addReadShare(trx, { ...share, by: caller.auth.userId });
        } else {
          set.identified = false;
        }
      }
      if (action === "revoke") {
        set.revoked_by = caller.auth.userId;
        set.revoked_at = now;
        if (share && row.share_created) {
          await repo.removeShare(trx, share);
          set.share_created = false;
        }
      }
      await repo.update(trx, row, set);
      const details = {
        status: next,
        identified: set.identified ?? row.identified,
        ...(reason && action === "decline" ? { reason } : {}),
        ...(set.share_created !== undefined ? { shareCreated: set.share_created } : {}),
      };
      await recordCaseActivity(
        trx,
        caller.auth,
        { id: row.case_id, org_id: row.org_id },
        {
          kind: `referral.${next}`,
          ref: { type: "referral", id },
          details,
        },
      );
      await audit(trx, caller, {
        action: `referral.${action}`,
        outcome: "success",
        targetType: "referral",
        targetIds: [id],
        details,
      });
      if (action === "revoke" && row.recipient_org_id) {
        await notify(trx, {
          orgId: row.recipient_org_id,
          recipientRoles: [...RECIPIENT_ROLES],
          kind: "referral.revoked",
          refType: "referral",
          refId: id,
        });
      } else if (action !== "revoke" && row.sent_by && side === "recipient") {
        await notify(trx, {
          orgId: row.org_id,
          recipientUserIds: [row.sent_by],
          kind: `referral.${next}`,
          refType: "referral",
          refId: id,
          caseId: row.case_id,
        });
      }
      const fresh = await locate(trx, caller.auth, id, false);
      return view(caller.auth, fresh!, now);
    },
  );
}
