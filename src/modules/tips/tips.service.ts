import type { Kysely } from "kysely";
import { badRequest, conflict } from "../../server/errors.ts";
import { staleVersion } from "../../server/versioning.ts";
import type { Database } from "../../store/schema.ts";
import type { Store } from "../../store/store.ts";
import type { AuthContext } from "../auth/auth.context.ts";
import { clock } from "../auth/clock.ts";
import { openCaseInTransaction, recordCaseActivity } from "../cases/cases.service.ts";
import { type FieldCrypto, fieldCryptoOf } from "../crypto/crypto.service.ts";
import { addPersonInTransaction } from "../persons/persons.service.ts";
import { audit, type Caller, FORBIDDEN, guarded, HIDDEN } from "../policy/access.ts";
import { ORG_TYPE_RULES, TIP_GRANTS, type TipAction } from "../policy/policy.rules.ts";
import { indexTexts } from "../search/search.index.ts";
import { openTip, presentSummary, presentTip } from "./tips.presenter.ts";
import { type TipWithKey, tipsRepository } from "./tips.repository.ts";
import type { ListTipsQ, SubmitTipReq, TipSummaryT, TipViewT } from "./tips.schema.ts";

/** True when the caller's roles (and organization type) allow a tip action. */
export function canTip(auth: AuthContext, action: TipAction): boolean {
  if (ORG_TYPE_RULES[auth.orgType].readOnly) return false;
  return auth.roles.some((r) => TIP_GRANTS[action].includes(r));
}

/** The organization's queue (codes and dates only). */
export async function listTips(store: Store, caller: Caller, q: ListTipsQ): Promise<TipSummaryT[]> {
  return guarded(store.db, caller, { action: "tip.list", targetType: "tip", targetIds: [] }, async (trx) => {
    if (!canTip(caller.auth, "read")) return FORBIDDEN;
    const now = clock.now();
    const rows = await tipsRepository.list(trx, caller.auth.orgId, caller.auth.userId, q, now);
    return rows.map((r) => presentSummary(r as never, now));
  });
}

/** One tip with its free text opened; the read is audited. */
export async function getTip(store: Store, caller: Caller, id: string): Promise<TipViewT> {
  const crypto = fieldCryptoOf(store);
  return guarded(
    store.db,
    caller,
    { action: "tip.read", targetType: "tip", targetIds: [id] },
    async (trx) => {
      if (!canTip(caller.auth, "read")) return HIDDEN;
      const row = await tipsRepository.get(trx, caller.auth.orgId, id);
      if (!row) return HIDDEN;
      const merged = await tipsRepository.mergedInto(trx, row.org_id, id);
      await audit(trx, caller, {
        action: "tip.read",
        outcome: "success",
        targetType: "tip",
        targetIds: [id],
      });
      return presentTip(row, crypto, merged, clock.now());
    },
  );
}

type Triage = "assign" | "close" | "merge" | "convert" | "hhs_notified";

/** Runs one triage action on a locked tip at the expected version; the new version. */
async function triage<T extends object>(
  store: Store,
  caller: Caller,
  id: string,
  expected: number,
  action: Triage,
  work: (
    trx: Kysely<Database>,
    row: NonNullable<Awaited<ReturnType<typeof tipsRepository.get>>>,
  ) => Promise<{
    set: Parameters<typeof tipsRepository.update>[4];
    details?: Record<string, string | number | boolean>;
    extra?: T;
  }>,
): Promise<{ version: number } & Partial<T>> {
  const policyAction: TipAction = action === "convert" ? "convert" : "triage";
  return guarded(
    store.db,
    caller,
    { action: `tip.${action}`, targetType: "tip", targetIds: [id] },
    async (trx) => {
      if (!canTip(caller.auth, "read")) return HIDDEN;
      const row = await tipsRepository.get(trx, caller.auth.orgId, id, true);
      if (!row) return HIDDEN;
      if (!canTip(caller.auth, policyAction)) return FORBIDDEN;
      if (row.version !== expected) throw staleVersion(row.version);
      const { set, details, extra } = await work(trx, row);
      const version = await tipsRepository.update(trx, row.org_id, id, expected, set);
      if (version === undefined) throw staleVersion(row.version + 1);
      await audit(trx, caller, {
        action: `tip.${action}`,
        outcome: "success",
        targetType: "tip",
        targetIds: [id],
        ...(details ? { details } : {}),
      });
      return { version, ...(extra ?? {}) } as { version: number } & Partial<T>;
    },
  );
}

const open = (row: { status: string }) => {
  if (row.status === "closed") throw conflict("This tip is closed.", "tip_closed");
};

export function assignTip(store: Store, caller: Caller, id: string, expected: number, userId: string | null) {
  return triage(store, caller, id, expected, "assign", async (trx, row) => {
    open(row);
    if (userId !== null && !(await tipsRepository.userInOrg(trx, row.org_id, userId)))
      throw badRequest("body.userId: no such user in your organization");
    return {
      set: { assignee_user_id: userId, ...(userId ? { status: "under_review" as const } : {}) },
      details: { assigned: userId !== null },
    };
  });
}

export function closeTip(store: Store, caller: Caller, id: string, expected: number, reason: string) {
  return triage(store, caller, id, expected, "close", async (_trx, row) => {
    open(row);
    return { set: { status: "closed", close_reason: reason, closed_at: clock.now() }, details: { reason } };
  });
}

/** Closes a duplicate pointing to the survivor; its narrative (and its own duplicates) stay attached there. */
export function mergeTip(store: Store, caller: Caller, id: string, expected: number, into: string) {
  return triage(store, caller, id, expected, "merge", async (trx, row) => {
    open(row);
    if (into === id) throw badRequest("body.into: a tip cannot be merged into itself");
    const survivor = await tipsRepository.get(trx, row.org_id, into, true);
    if (!survivor) throw badRequest("body.into: no such tip");
    if (survivor.status === "closed") throw badRequest("body.into: that tip is closed");
    await tipsRepository.adoptDuplicates(trx, row.org_id, id, into, row);
    // The clock now lives on the survivor (moved above), so the duplicate no longer carries one.
    return {
      set: {
        status: "closed",
        close_reason: "duplicate",
        closed_at: clock.now(),
        merged_into: into,
        hhs_due_at: row.hhs_notified_at ? row.hhs_due_at : null,
      },
      details: { into },
    };
  });
}

/** Opens a case from the tip (Contract 1), with a victim from the tip's facts, and closes the tip onto it. */
export function convertTip(store: Store, caller: Caller, id: string, expected: number, title: string) {
  const crypto = fieldCryptoOf(store);
  return triage<{ caseId: string }>(store, caller, id, expected, "convert", async (trx, row) => {
    open(row);
    const facts = row.facts as SubmitTipReq["facts"];
    const kase = await openCaseInTransaction(
      trx,
      caller,
      { title, facts, ...(row.state ? { incidentState: row.state } : {}) },
      crypto,
    );
    if (facts?.victim) {
      await addPersonInTransaction(
        trx,
        caller,
        { ...kase, relation: "owner" },
        { role: "victim", citizenship: facts.victim.citizenship ?? "unknown", protected1367: false },
        crypto,
      );
    }
    await recordCaseActivity(trx, caller.auth, kase, { kind: "tip.converted", ref: { type: "tip", id } });
    await indexTipsUnderCase(trx, crypto, kase.id, [
      row,
      ...(await tipsRepository.mergedInto(trx, row.org_id, id)),
    ]);
    return {
      set: { status: "closed", close_reason: "converted", closed_at: clock.now(), case_id: kase.id },
      details: { caseId: kase.id },
      extra: { caseId: kase.id },
    };
  });
}

/**
 * A converted tip's narrative (and those of the duplicates merged into it) becomes text of the case, so
 * case search finds the case by what the caller said; it was indexed on no case until now.
 */
async function indexTipsUnderCase(
  trx: Kysely<Database>,
  crypto: FieldCrypto,
  caseId: string,
  tips: TipWithKey[],
) {
  await indexTexts(
    trx,
    tips.map((tip) => ({
      orgId: tip.org_id,
      caseId,
      recordType: "tip" as const,
      recordId: tip.id,
      field: "narrative",
      text: openTip(tip, crypto).narrative,
    })),
  );
}

/** Records that HHS was notified (who, when, how): meets the 24-hour clock. */
export function recordHhsNotified(
  store: Store,
  caller: Caller,
  id: string,
  expected: number,
  input: { method: string; at?: string },
) {
  return triage(store, caller, id, expected, "hhs_notified", async (_trx, row) => {
    if (!row.hhs_due_at) throw conflict("No HHS notification clock runs on this tip.", "no_clock");
    if (row.hhs_notified_at) throw conflict("HHS notification is already recorded.", "clock_met");
    const now = clock.now();
    const at = input.at ? new Date(input.at) : now;
    if (at > now) throw badRequest("body.at: cannot be in the future");
    if (at < new Date(row.received_at)) throw badRequest("body.at: cannot be before the tip was received");
    return {
      set: { hhs_notified_at: at, hhs_notified_by: caller.auth.userId, hhs_notified_method: input.method },
      details: { method: input.method, late: at > new Date(row.hhs_due_at) },
    };
  });
}
