import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { AuthContext } from "../auth/auth.context.ts";
import { caseForAction } from "../cases/cases.service.ts";
import { findOrg } from "../orgs/orgs.service.ts";
import { ORG_TYPE_RULES } from "../policy/policy.rules.ts";
import { actionsFor, type Side } from "./referrals.policy.ts";
import { presentReferral } from "./referrals.presenter.ts";
import { type ReferralRow, referralsRepository as repo } from "./referrals.repository.ts";
import { consentPurposesFor, type ReferralPurpose } from "./referrals.rules.ts";

/** Shared by the referral services: the consent gate, and finding the caller's side of a referral. */

/** The roles of a recipient organization told of a new referral (or of its revocation). */
export const RECIPIENT_ROLES = ["intake", "advocate"] as const;

/**
 * Whether every victim of the case has an active consent naming the recipient for the referral's
 * purposes (see the top comment of referrals.service.ts); undefined when there is no such organization.
 */
export async function consentState(
  trx: Kysely<Database>,
  kase: { org_id: string; id: string },
  recipientOrgId: string,
  purpose: ReferralPurpose,
  now: Date,
) {
  const recipient = await findOrg(
    trx,
    { kind: "system", reason: "referral: recipient type" },
    recipientOrgId,
  );
  if (!recipient) return undefined;
  const purposes = consentPurposesFor(purpose, ORG_TYPE_RULES[recipient.type].consentPurpose);
  const victims = await repo.victimConsents(
    trx,
    { orgId: kase.org_id, id: kase.id },
    recipientOrgId,
    purposes,
    now,
  );
  const covered = victims.filter((v) => v.covered);
  const expiries = covered.map((v) => v.expires_at!.getTime());
  return {
    victims: victims.length,
    covered: covered.length,
    identified: covered.length === victims.length,
    expiresAt: expiries.length ? new Date(Math.min(...expiries)).toISOString() : null,
  };
}

/** The referral and the caller's side of it, or undefined (missing and not the caller's look the same). */
export async function locate(
  trx: Kysely<Database>,
  auth: AuthContext,
  id: string,
  lock: boolean,
): Promise<{ row: ReferralRow; side: Side } | undefined> {
  const own = await repo.get(trx, auth.orgId, id, lock);
  if (own) {
    // The sender's users see their organization's referrals through the case, like anything on it.
    if (!(await caseForAction(trx, auth, own.case_id, "read"))) return undefined;
    return { row: own, side: "sender" };
  }
  const sender = await repo.senderOf(trx, auth.orgId, id);
  if (!sender) return undefined;
  const row = await repo.get(trx, sender, id, lock);
  return row ? { row, side: "recipient" } : undefined;
}

export const view = (auth: AuthContext, found: { row: ReferralRow; side: Side }, now: Date) =>
  presentReferral(found.row, found.side, now, actionsFor(auth, found.side, found.row));
