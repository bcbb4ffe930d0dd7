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
 * consent (policy.sql mayIdentify), so a consent revoked or expiring later hides a VAWA-gated
 * owner's victim at the very next read; for other owners, whose victims the policy does not gate,
 * referrals.sweep.ts removes the share once consent lapses (at start-up and every minute). Consent
 * is checked again at acceptance: lapsed since sending, the referral is accepted de-identified.
 * Revoking the referral removes the share it created (and only that one).
 */
import { randomUUID } from "node:crypto";
import { badRequest } from "../../server/errors.ts";
import type { Store } from "../../store/store.ts";
import { clock } from "../auth/clock.ts";
import { caseForAction, recordCaseActivity } from "../cases/cases.service.ts";
import { getDirectoryEntry } from "../directory/directory.service.ts";
import { notify } from "../notifications/notifications.service.ts";
import { personsInCase } from "../persons/persons.service.ts";
import { audit, type Caller, FORBIDDEN, guarded, HIDDEN } from "../policy/access.ts";
import { consentState, locate, RECIPIENT_ROLES, view } from "./referrals.access.ts";
import { maySend, type Side } from "./referrals.policy.ts";
import { type ReferralRow, referralsRepository as repo } from "./referrals.repository.ts";
import {
  addBusinessDays,
  DEFAULT_RESPONSE_BUSINESS_DAYS,
  type ReferralPurpose,
  type ReferralStatus,
} from "./referrals.rules.ts";
import type { ReferralViewT, SendReferralReq } from "./referrals.schema.ts";

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
