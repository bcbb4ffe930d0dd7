import type { AuthContext } from "../auth/auth.context.ts";
import { allowedRelations } from "../policy/policy.engine.ts";
import { ACTION_SIDE, actionsFrom, type ReferralAction, type ReferralStatus } from "./referrals.rules.ts";

/**
 * Who may do what to a referral, from the access policy's existing grants (no new grant is needed):
 * - send and revoke: the roles that may share the case (an accepted referral becomes a share);
 * - accept, decline, complete: the recipient organization's roles that work their own cases;
 * - a referral to a directory entry has no Harbor recipient: the sender records its answer.
 * Every user of either organization may read the referral (the presenter decides what they see).
 */
export const maySend = (auth: AuthContext) => allowedRelations(auth, "case", "share").includes("owner");
export const mayAnswer = (auth: AuthContext) => allowedRelations(auth, "case", "work").includes("owner");

export type Side = "sender" | "recipient";

export function mayAct(
  auth: AuthContext,
  side: Side,
  row: { recipient_kind: "org" | "directory" },
  action: ReferralAction,
): boolean {
  const actingSide = row.recipient_kind === "directory" ? "sender" : ACTION_SIDE[action];
  if (side !== actingSide) return false;
  return side === "sender" ? maySend(auth) : mayAnswer(auth);
}

/** The actions the caller could take now (the web shows these buttons). */
export function actionsFor(
  auth: AuthContext,
  side: Side,
  row: { recipient_kind: "org" | "directory"; status: ReferralStatus },
): ReferralAction[] {
  return actionsFrom(row.status).filter((a) => mayAct(auth, side, row, a));
}
