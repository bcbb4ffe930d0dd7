import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { badRequest, forbidden } from "../../server/errors.ts";
import type { Database } from "../../store/schema.ts";
import type { Store } from "../../store/store.ts";
import { recordAudit } from "../audit/audit.service.ts";
import type { AuthContext, SystemContext } from "../auth/auth.context.ts";
import { clock } from "../auth/clock.ts";
import { fieldCryptoOf } from "../crypto/crypto.service.ts";
import { findOrg } from "../orgs/orgs.service.ts";
import { type PersonView, presentPerson } from "../persons/persons.presenter.ts";
import { personsInCase } from "../persons/persons.service.ts";
import { audit, type Caller, FORBIDDEN, guarded, HIDDEN } from "../policy/access.ts";
import { allowedRelations, can } from "../policy/policy.engine.ts";
import type { CaseAction } from "../policy/policy.rules.ts";
import { type CaseView, presentCase, presentShare } from "./cases.presenter.ts";
import { casesRepository } from "./cases.repository.ts";
import type { CreateCaseReq, ShareCaseReq } from "./cases.schema.ts";

/**
 * The case if it exists and the caller may do `action` on it (undefined either way), for other
 * modules' services (persons, consents), inside their transaction.
 */
export function caseForAction(db: Kysely<Database>, auth: AuthContext, id: string, action: CaseAction) {
  return casesRepository.getForAction(db, auth, id, action);
}

/** One thing that happened on a case, for its timeline: codes and ids only, never free text. */
export interface CaseActivity {
  /** e.g. "case.created", "note.added", "task.completed", "referral.sent". */
  kind: string;
  ref?: { type: string; id: string };
  details?: Record<string, string | number | boolean>;
}

/**
 * Adds an entry to a case's timeline inside the caller's transaction (so it commits with the action).
 * For every module that acts on a case; `kase` is the case as caseForAction returned it.
 */
export async function recordCaseActivity(
  db: Kysely<Database>,
  actor: AuthContext | SystemContext,
  kase: { id: string; org_id: string },
  entry: CaseActivity,
): Promise<void> {
  await casesRepository.insertActivity(db, {
    orgId: kase.org_id,
    caseId: kase.id,
    at: clock.now(),
    actorUserId: actor.kind === "user" ? actor.userId : null,
    actorOrgId: actor.kind === "user" ? actor.orgId : null,
    kind: entry.kind,
    ref: entry.ref,
    details: entry.details ?? {},
  });
}

/** A case's timeline, newest first, when the caller may read the case. */
export async function caseTimeline(
  store: Store,
  caller: Caller,
  id: string,
  page: { limit: number; before?: Date },
) {
  return guarded(
    store.db,
    caller,
    { action: "case.read_timeline", targetType: "case", targetIds: [id] },
    async (trx) => {
      const row = await casesRepository.getForAction(trx, caller.auth, id, "read");
      if (!row) return HIDDEN;
      return casesRepository.listActivity(trx, { orgId: row.org_id, id }, page);
    },
  );
}

/** Opens a case in the caller's organization. Throws 403 when its roles may not create cases. */
export async function createCase(
  store: Store,
  caller: Caller,
  input: CreateCaseReq,
): Promise<{ id: string }> {
  const id = randomUUID();
  return guarded(
    store.db,
    caller,
    { action: "case.create", targetType: "case", targetIds: [] },
    async (trx) => {
      if (!allowedRelations(caller.auth, "case", "create").includes("owner")) return FORBIDDEN;
      await casesRepository.insert(trx, {
        id,
        orgId: caller.auth.orgId,
        title: input.title,
        createdBy: caller.auth.userId,
      });
      await recordCaseActivity(trx, caller.auth, { id, org_id: caller.auth.orgId }, { kind: "case.created" });
      await audit(trx, caller, {
        action: "case.create",
        outcome: "success",
        targetType: "case",
        targetIds: [id],
      });
      return { id };
    },
  );
}

/** The cases the caller may read (owned or shared with its organization), newest first. */
export async function listCases(
  store: Store,
  caller: Caller,
  page: { limit: number; offset: number },
): Promise<CaseView[]> {
  const rows = await casesRepository.listReadable(store.db, caller.auth, page);
  return rows.map((row) => presentCase(row, caller.auth));
}

/**
 * One case with the persons in it as the caller may see them. Each identifying value released is
 * audited (`person.read_identifying`) in the same transaction as the read.
 */
export async function getCase(
  store: Store,
  caller: Caller,
  id: string,
): Promise<CaseView & { persons: PersonView[] }> {
  const crypto = fieldCryptoOf(store);
  return guarded(
    store.db,
    caller,
    { action: "case.read", targetType: "case", targetIds: [id] },
    async (trx) => {
      const row = await casesRepository.getForAction(trx, caller.auth, id, "read");
      if (!row) return HIDDEN;
      const persons = (await personsInCase(trx, caller.auth, { orgId: row.org_id, id }, clock.now())).map(
        (p) => presentPerson(p, crypto),
      );
      const identified = persons.filter((p) => p.identifyingShown).map((p) => p.view.id);
      if (identified.length) {
        await audit(trx, caller, {
          action: "person.read_identifying",
          outcome: "success",
          targetType: "person",
          targetIds: identified,
        });
      }
      return { ...presentCase(row, caller.auth), persons: persons.map((p) => p.view) };
    },
  );
}

/** Shares a case with another organization (read or write). Owner-side roles with `share` only. */
export async function shareCase(
  store: Store,
  caller: Caller,
  id: string,
  input: ShareCaseReq,
): Promise<{ id: string }> {
  return guarded(
    store.db,
    caller,
    { action: "case.share", targetType: "case", targetIds: [id] },
    async (trx) => {
      const row = await casesRepository.getForAction(trx, caller.auth, id, "read");
      if (!row) return HIDDEN;
      if (!can(caller.auth, "case", "share", row.relation)) return FORBIDDEN;
      if (input.orgId === row.org_id)
        throw badRequest("body.orgId: the case already belongs to this organization");
      if (!(await findOrg(trx, caller.auth, input.orgId)))
        throw badRequest("body.orgId: no such organization");
      await casesRepository.upsertShare(trx, {
        caseId: id,
        ownerOrgId: row.org_id,
        recipientOrgId: input.orgId,
        access: input.access,
        createdBy: caller.auth.userId,
      });
      await recordCaseActivity(trx, caller.auth, row, {
        kind: "case.shared",
        details: { recipientOrgId: input.orgId, access: input.access },
      });
      await audit(trx, caller, {
        action: "case.share",
        outcome: "success",
        targetType: "case",
        targetIds: [id],
        details: { recipientOrgId: input.orgId, access: input.access },
      });
      return { id };
    },
  );
}

/** The organizations a case is shared with; for roles that may share it. */
export async function listShares(store: Store, caller: Caller, id: string) {
  return guarded(
    store.db,
    caller,
    { action: "case.read_shares", targetType: "case", targetIds: [id] },
    async (trx) => {
      const row = await casesRepository.getForAction(trx, caller.auth, id, "read");
      if (!row) return HIDDEN;
      if (!can(caller.auth, "case", "share", row.relation)) return FORBIDDEN;
      return (await casesRepository.listShares(trx, row.org_id, id)).map(presentShare);
    },
  );
}

// MERGE: case-record provides this (Contract 1, openCaseInTransaction). Minimal stand-in on the tips
// branch: policy-checked `create`, audited, timeline 'case.created'; narrative/facts not stored here.
export async function openCaseInTransaction(
  trx: Kysely<Database>,
  auth: AuthContext,
  input: {
    title: string;
    narrative?: string;
    traffickingType?: string;
    incidentState?: string;
    facts?: unknown;
  },
): Promise<{ id: string; org_id: string }> {
  if (!allowedRelations(auth, "case", "create").includes("owner")) throw forbidden();
  const id = randomUUID();
  await casesRepository.insert(trx, { id, orgId: auth.orgId, title: input.title, createdBy: auth.userId });
  await recordCaseActivity(trx, auth, { id, org_id: auth.orgId }, { kind: "case.created" });
  await recordAudit(trx, {
    action: "case.create",
    outcome: "success",
    actorUserId: auth.userId,
    actorOrgId: auth.orgId,
    targetType: "case",
    targetIds: [id],
  });
  return { id, org_id: auth.orgId };
}
