import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { badRequest, forbidden } from "../../server/errors.ts";
import type { Database } from "../../store/schema.ts";
import type { Store } from "../../store/store.ts";
import type { AuthContext, SystemContext } from "../auth/auth.context.ts";
import { clock } from "../auth/clock.ts";
import { type FieldCrypto, fieldCryptoOf, sealRecord } from "../crypto/crypto.service.ts";
import { findOrg } from "../orgs/orgs.service.ts";
import { type PersonView, presentPerson } from "../persons/persons.presenter.ts";
import { personsInCase } from "../persons/persons.service.ts";
import { audit, type Caller, FORBIDDEN, guarded, HIDDEN } from "../policy/access.ts";
import { allowedRelations, can } from "../policy/policy.engine.ts";
import type { CaseAction } from "../policy/policy.rules.ts";
import { indexText } from "../search/search.index.ts";
import { type CaseView, presentCase, presentShare } from "./cases.presenter.ts";
import { casesRepository, type VisibleCase } from "./cases.repository.ts";
import type { CreateCaseReq, ShareCaseReq } from "./cases.schema.ts";
import { CASES_TABLE, type SealedCaseField } from "./cases.seal.ts";

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

/** What opening a case takes (Contract 1): free text is sealed before it reaches the database. */
export interface OpenCaseInput {
  title: string;
  narrative?: string | undefined;
  traffickingType?: VisibleCase["trafficking_type"] | undefined;
  incidentState?: string | undefined;
  facts?: Record<string, unknown> | undefined;
  /** The incident's codes, for imports (the API sets them by PATCH). */
  confirmation?: VisibleCase["confirmation"] | undefined;
  leadAgencyType?: VisibleCase["lead_agency_type"] | undefined;
  investigationStartedOn?: string | undefined;
}

const callerFrom = (who: Caller | AuthContext): Caller => ("auth" in who ? who : { auth: who, meta: {} });

/**
 * Opens a case inside the caller's transaction (for tips converting to a case, the demo): checks the
 * caller may create cases (403 otherwise), seals title and narrative under a fresh data key, writes
 * the timeline's `case.created` and the audit record. Input is expected validated (CreateCaseBody).
 */
export async function openCaseInTransaction(
  trx: Kysely<Database>,
  who: Caller | AuthContext,
  input: OpenCaseInput,
  crypto: FieldCrypto,
): Promise<{ id: string; org_id: string }> {
  const caller = callerFrom(who);
  if (!allowedRelations(caller.auth, "case", "create").includes("owner")) throw forbidden();
  const id = randomUUID();
  const orgId = caller.auth.orgId;
  const { dataKeyId, sealed } = await sealRecord<SealedCaseField>(
    trx,
    crypto,
    { table: CASES_TABLE, rowId: id, orgId },
    { title: input.title, narrative: input.narrative },
  );
  await casesRepository.insert(trx, {
    id,
    orgId,
    dataKeyId,
    titleEnc: sealed.title,
    narrativeEnc: sealed.narrative,
    createdBy: caller.auth.userId,
    traffickingType: input.traffickingType,
    incidentState: input.incidentState,
    facts: input.facts,
    confirmation: input.confirmation,
    leadAgencyType: input.leadAgencyType,
    investigationStartedOn: input.investigationStartedOn,
  });
  const kase = { id, org_id: orgId };
  await indexCaseText(trx, kase, { title: input.title, narrative: input.narrative });
  await recordCaseActivity(trx, caller.auth, kase, { kind: "case.created" });
  await audit(trx, caller, {
    action: "case.create",
    outcome: "success",
    targetType: "case",
    targetIds: [id],
  });
  return kase;
}

/** Indexes a case's title and narrative for search (keyed tokens only), in the writer's transaction. */
export async function indexCaseText(
  trx: Kysely<Database>,
  kase: { id: string; org_id: string },
  text: Partial<Record<SealedCaseField, string | null | undefined>>,
): Promise<void> {
  for (const field of ["title", "narrative"] as const)
    if (field in text)
      await indexText(trx, {
        orgId: kase.org_id,
        caseId: kase.id,
        recordType: "case",
        recordId: kase.id,
        field,
        text: text[field],
      });
}

/** Opens a case in the caller's organization. Throws 403 when its roles may not create cases. */
export async function createCase(
  store: Store,
  caller: Caller,
  input: CreateCaseReq,
): Promise<{ id: string }> {
  const crypto = fieldCryptoOf(store);
  return guarded(
    store.db,
    caller,
    { action: "case.create", targetType: "case", targetIds: [] },
    async (trx) => {
      if (!allowedRelations(caller.auth, "case", "create").includes("owner")) return FORBIDDEN;
      const { id } = await openCaseInTransaction(trx, caller, input, crypto);
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
  const crypto = fieldCryptoOf(store);
  const rows = await casesRepository.listReadable(store.db, caller.auth, page);
  return rows.map((row) => presentCase(row, caller.auth, crypto));
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
      return { ...presentCase(row, caller.auth, crypto), persons: persons.map((p) => p.view) };
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
