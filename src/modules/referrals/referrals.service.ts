/**
 * Referrals between organizations (issue 10). A referral sends a victim, or a whole case, to another
 * organization for a stated purpose: a Harbor organization, or a directory entry outside Harbor
 * (then it is tracked here and nothing is transmitted).
 *
 * Consent first. When sent, the referral checks every victim of the case for an unrevoked, unexpired
 * consent naming the recipient and the purpose (referrals.rules consentPurposesFor). Decision: without
 * that consent the referral is NOT refused but sent **de-identified**: the recipient learns that a
 * referral exists, its purpose, its sender and its dates, and nothing about anyone: no case id, no
 * person id, no person fields; accepting it creates no share (the partners then talk off-system, and
 * the victim can consent later and be referred again). Refusing would push workers to share by phone
 * with no trace; a de-identified referral keeps the paper trail and moves no identifying data.
 * "Every victim" (not only the one referred) because what moves is a share of the case, and a case
 * share would show the other victims of a non-VAWA owner too.
 *
 * An identified referral, once accepted, becomes a read share of the case (case_shares + the
 * recipient's copy); what the recipient then sees of each person is what the policy computes from
 * consent (policy.sql mayIdentify), so a consent revoked or expiring later hides the victim at the
 * very next read. Consent is checked again at acceptance: lapsed since sending, the referral is
 * accepted de-identified. Revoking the referral removes the share it created (and only that one).
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { AppError, badRequest } from "../../server/errors.ts";
import { etagOf, staleVersion } from "../../server/versioning.ts";
import type { Database } from "../../store/schema.ts";
import type { Store } from "../../store/store.ts";
import type { AuthContext } from "../auth/auth.context.ts";
import { clock } from "../auth/clock.ts";
import { caseForAction, recordCaseActivity } from "../cases/cases.service.ts";
import { getDirectoryEntry } from "../directory/directory.service.ts";
import { notify } from "../notifications/notifications.service.ts";
import { findOrg } from "../orgs/orgs.service.ts";
import { personsInCase } from "../persons/persons.service.ts";
import { audit, type Caller, FORBIDDEN, guarded, HIDDEN } from "../policy/access.ts";
import { ORG_TYPE_RULES } from "../policy/policy.rules.ts";
import { actionsFor, mayAct, maySend, type Side } from "./referrals.policy.ts";
import { presentReferral } from "./referrals.presenter.ts";
import { type ReferralRow, referralsRepository as repo } from "./referrals.repository.ts";
import {
  addBusinessDays,
  consentPurposesFor,
  DEFAULT_RESPONSE_BUSINESS_DAYS,
  type DeclineReason,
  nextStatus,
  type ReferralAction,
  type ReferralPurpose,
  type ReferralStatus,
} from "./referrals.rules.ts";
import type { ReferralViewT, SendReferralReq } from "./referrals.schema.ts";

/** The roles of a recipient organization told of a new referral. */
const RECIPIENT_ROLES = ["intake", "advocate"] as const;

async function consentState(
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

/** Sends a referral (owner-side roles that may share the case). Audited, on the case timeline, notified. */
export async function sendReferral(
  store: Store,
  caller: Caller,
  input: SendReferralReq,
): Promise<{ id: string }> {
  const now = clock.now();
  const respondBy = input.respondBy
    ? new Date(input.respondBy)
    : addBusinessDays(now, DEFAULT_RESPONSE_BUSINESS_DAYS);
  if (respondBy.getTime() <= now.getTime()) throw badRequest("body.respondBy: must be in the future");
  const id = randomUUID();
  return guarded(
    store.db,
    caller,
    { action: "referral.send", targetType: "case", targetIds: [input.caseId] },
    async (trx) => {
      const kase = await caseForAction(trx, caller.auth, input.caseId, "read");
      if (!kase) return HIDDEN;
      if (kase.relation !== "owner" || !maySend(caller.auth)) return FORBIDDEN;
      if (input.personId) {
        const persons = await personsInCase(trx, caller.auth, { orgId: kase.org_id, id: kase.id }, now);
        if (!persons.some((p) => p.id === input.personId && p.role === "victim"))
          throw badRequest("body.personId: is not a victim in this case");
      }
      let identified = false;
      let recipientOrgId: string | null = null;
      let directoryEntryId: string | null = null;
      if ("orgId" in input.recipient) {
        recipientOrgId = input.recipient.orgId;
        if (recipientOrgId === kase.org_id)
          throw badRequest("body.recipient.orgId: must be another organization");
        const state = await consentState(trx, kase, recipientOrgId, input.purpose, now);
        if (!state) throw badRequest("body.recipient.orgId: no such organization");
        identified = state.identified;
      } else {
        directoryEntryId = input.recipient.directoryEntryId;
        try {
          await getDirectoryEntry(trx, directoryEntryId);
        } catch {
          throw badRequest("body.recipient.directoryEntryId: no such directory entry");
        }
      }
      await repo.insert(trx, {
        org_id: kase.org_id,
        id,
        case_id: kase.id,
        person_id: input.personId ?? null,
        recipient_kind: recipientOrgId ? "org" : "directory",
        recipient_org_id: recipientOrgId,
        directory_entry_id: directoryEntryId,
        purpose: input.purpose,
        identified,
        respond_by: respondBy,
        sent_by: caller.auth.userId,
        sent_at: now,
      });
      const details = {
        purpose: input.purpose,
        identified,
        ...(recipientOrgId ? { recipientOrgId } : { directoryEntryId: directoryEntryId! }),
      };
      await recordCaseActivity(trx, caller.auth, kase, {
        kind: "referral.sent",
        ref: { type: "referral", id },
        details,
      });
      await audit(trx, caller, {
        action: "referral.send",
        outcome: "success",
        targetType: "referral",
        targetIds: [id, kase.id],
        details,
      });
      if (recipientOrgId) {
        await notify(trx, {
          orgId: recipientOrgId,
          recipientRoles: [...RECIPIENT_ROLES],
          kind: "referral.received",
          refType: "referral",
          refId: id,
          dueAt: respondBy,
        });
      }
      return { id };
    },
  );
}

/** The referral and the caller's side of it, or undefined (missing and not the caller's look the same). */
async function locate(
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

const view = (auth: AuthContext, found: { row: ReferralRow; side: Side }, now: Date) =>
  presentReferral(found.row, found.side, now, actionsFor(auth, found.side, found.row));

/** One referral as the caller's side may see it; the read is audited (the recipient's too). */
export async function getReferral(store: Store, caller: Caller, id: string): Promise<ReferralViewT> {
  return guarded(
    store.db,
    caller,
    { action: "referral.read", targetType: "referral", targetIds: [id] },
    async (trx) => {
      const found = await locate(trx, caller.auth, id, false);
      if (!found) return HIDDEN;
      await audit(trx, caller, {
        action: "referral.read",
        outcome: "success",
        targetType: "referral",
        targetIds: [id],
        details: { side: found.side },
      });
      return view(caller.auth, found, clock.now());
    },
  );
}

/** The caller's organization's outgoing or incoming referrals, newest first; audited. */
export async function listReferrals(
  store: Store,
  caller: Caller,
  q: {
    direction: "outgoing" | "incoming";
    status?: ReferralStatus;
    caseId?: string;
    limit: number;
    offset: number;
  },
): Promise<ReferralViewT[]> {
  const now = clock.now();
  return store.db.transaction().execute(async (trx) => {
    let found: { row: ReferralRow; side: Side }[];
    if (q.direction === "outgoing") {
      found = (await repo.listOutgoing(trx, caller.auth.orgId, q)).map((row) => ({
        row,
        side: "sender" as const,
      }));
    } else {
      // From the recipient's own copies, then each sender's rows (one query per sender organization).
      const copies = await repo.listIncoming(trx, caller.auth.orgId, q);
      const rows = new Map<string, ReferralRow>();
      for (const sender of new Set(copies.map((c) => c.sender_org_id))) {
        const ids = copies.filter((c) => c.sender_org_id === sender).map((c) => c.referral_id);
        for (const r of await repo.getMany(trx, sender, ids)) rows.set(r.id, r);
      }
      found = copies.flatMap((c) => {
        const row = rows.get(c.referral_id);
        return row ? [{ row, side: "recipient" as const }] : [];
      });
    }
    await audit(trx, caller, {
      action: "referral.list",
      outcome: "success",
      targetType: "referral",
      targetIds: found.map((f) => f.row.id),
      details: { direction: q.direction },
    });
    return found.map((f) => view(caller.auth, f, now));
  });
}

/** Before sending: how many victims of the case have consented to this recipient and purpose. */
export async function checkConsent(
  store: Store,
  caller: Caller,
  q: { caseId: string; recipientOrgId: string; purpose: ReferralPurpose },
) {
  return guarded(
    store.db,
    caller,
    { action: "referral.consent_check", targetType: "case", targetIds: [q.caseId] },
    async (trx) => {
      const kase = await caseForAction(trx, caller.auth, q.caseId, "read");
      if (!kase) return HIDDEN;
      if (kase.relation !== "owner" || !maySend(caller.auth)) return FORBIDDEN;
      const state = await consentState(trx, kase, q.recipientOrgId, q.purpose, clock.now());
      if (!state) throw badRequest("query.recipientOrgId: no such organization");
      await audit(trx, caller, {
        action: "referral.consent_check",
        outcome: "success",
        targetType: "case",
        targetIds: [kase.id],
        details: { recipientOrgId: q.recipientOrgId, purpose: q.purpose, identified: state.identified },
      });
      return state;
    },
  );
}

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
