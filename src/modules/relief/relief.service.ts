import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { badRequest } from "../../server/errors.ts";
import { staleVersion } from "../../server/versioning.ts";
import type { Database } from "../../store/schema.ts";
import type { Store } from "../../store/store.ts";
import type { AuthContext } from "../auth/auth.context.ts";
import { clock } from "../auth/clock.ts";
import { caseForAction, recordCaseActivity } from "../cases/cases.service.ts";
import { fieldCryptoOf, sealRecord } from "../crypto/crypto.service.ts";
import { presentPerson } from "../persons/persons.presenter.ts";
import { readablePerson, type VisiblePerson } from "../persons/persons.service.ts";
import { audit, type Caller, FORBIDDEN, guarded, HIDDEN } from "../policy/access.ts";
import { can } from "../policy/policy.engine.ts";
import { type EligibilityView, eligibility } from "./relief.eligibility.ts";
import { caseFactsOf, victimFactsOf } from "./relief.facts.ts";
import { type ApplicationView, presentApplication, RELIEF_TABLE, toRecord } from "./relief.presenter.ts";
import { deadlinesOf, type ReliefDeadline } from "./relief.reminders.ts";
import { type ReliefRow, reliefRepository } from "./relief.repository.ts";
import { type ApplicationInput, type ApplicationPatch, applicationDateProblem } from "./relief.schema.ts";

const today = () => clock.now().toISOString().slice(0, 10);

/**
 * The person, if the caller may read them AND see their immigration details (8 U.S.C. 1367: relief
 * applications are immigration details; an organization type excluded by 1367 sees none of them).
 */
async function personWithImmigration(trx: Kysely<Database>, auth: AuthContext, id: string) {
  const row = await readablePerson(trx, auth, id, clock.now());
  if (!row) return { row: undefined, immigration: false };
  return { row, immigration: row.may_immigration && row.staticallyShown.has("immigrationStatus") };
}

function fail(problem: { field: string; message: string } | null) {
  if (problem) throw badRequest(`body.${problem.field}: ${problem.message}`);
}

export interface EligibilityResponse extends Partial<EligibilityView> {
  personId: string;
  /** True when 1367 or the caller's role withholds immigration details: no paths are computed. */
  immigrationHidden: boolean;
  /** Facts the view could not use because they are withheld from this caller (e.g. date of birth). */
  withheld: string[];
}

/** The eligibility view of one person, from their facts and their relief records. */
export async function eligibilityView(
  store: Store,
  caller: Caller,
  personId: string,
): Promise<EligibilityResponse> {
  const crypto = fieldCryptoOf(store);
  return guarded(
    store.db,
    caller,
    { action: "relief.eligibility", targetType: "person", targetIds: [personId] },
    async (trx) => {
      const { row, immigration } = await personWithImmigration(trx, caller.auth, personId);
      if (!row) return HIDDEN;
      await audit(trx, caller, {
        action: "relief.eligibility",
        outcome: "success",
        targetType: "person",
        targetIds: [personId],
      });
      if (!immigration) return { personId, immigrationHidden: true, withheld: [] };
      const { view } = presentPerson(row, crypto);
      const withheld = view.dateOfBirth === undefined ? ["dateOfBirth"] : [];
      const kase = await caseForAction(trx, caller.auth, row.case_id, "read");
      const records = (await reliefRepository.listForPerson(trx, row.org_id, row.id)).map(toRecord);
      const facts = victimFactsOf(
        row as VisiblePerson & Record<string, unknown>,
        view.dateOfBirth ?? null,
        caseFactsOf(kase as Record<string, unknown> | undefined),
      );
      return { personId, immigrationHidden: false, withheld, ...eligibility({ ...facts, records }, today()) };
    },
  );
}

export async function listApplications(
  store: Store,
  caller: Caller,
  personId: string,
): Promise<ApplicationView[]> {
  const crypto = fieldCryptoOf(store);
  return guarded(
    store.db,
    caller,
    { action: "relief.list", targetType: "person", targetIds: [personId] },
    async (trx) => {
      const { row, immigration } = await personWithImmigration(trx, caller.auth, personId);
      if (!row || !immigration) return HIDDEN;
      const rows = await reliefRepository.listForPerson(trx, row.org_id, row.id);
      return rows.map((r) => presentApplication(r, crypto));
    },
  );
}

/** Records an application or letter for a person; the case's timeline says so (codes only). */
export async function createApplication(
  store: Store,
  caller: Caller,
  personId: string,
  input: ApplicationInput,
): Promise<ApplicationView> {
  fail(applicationDateProblem(input, today()));
  const crypto = fieldCryptoOf(store);
  const id = randomUUID();
  return guarded(
    store.db,
    caller,
    { action: "relief.create", targetType: "person", targetIds: [personId] },
    async (trx) => {
      const { row, immigration } = await personWithImmigration(trx, caller.auth, personId);
      if (!row || !immigration) return HIDDEN;
      const kase = await caseForAction(trx, caller.auth, row.case_id, "read");
      if (!kase) return HIDDEN;
      if (!can(caller.auth, "case", "work", kase.relation)) return FORBIDDEN;
      const { dataKeyId, sealed } = await sealRecord(
        trx,
        crypto,
        { table: RELIEF_TABLE, rowId: id, orgId: row.org_id },
        { receiptNumber: input.receiptNumber },
      );
      await reliefRepository.insert(trx, {
        org_id: row.org_id,
        id,
        person_id: row.id,
        case_id: row.case_id,
        type: input.type,
        status: input.status,
        filed_on: input.filedOn ?? null,
        decided_on: input.decidedOn ?? null,
        expires_on: input.expiresOn ?? null,
        extended: input.extended ?? false,
        data_key_id: dataKeyId,
        receipt_number_enc: sealed.receiptNumber,
        documents: input.documents ?? [],
        filed_by_org_id: caller.auth.orgId,
        filed_by_user_id: caller.auth.userId,
      });
      await recordCaseActivity(trx, caller.auth, kase, {
        kind: "relief.recorded",
        ref: { type: "relief_application", id },
        details: { type: input.type, status: input.status },
      });
      await audit(trx, caller, {
        action: "relief.create",
        outcome: "success",
        targetType: "relief_application",
        targetIds: [id],
        details: { personId, type: input.type, status: input.status },
      });
      const stored = (await reliefRepository.listForPerson(trx, row.org_id, row.id)).find(
        (r) => r.id === id,
      )!;
      return presentApplication(stored, crypto);
    },
  );
}

/** Updates an application from the version the caller read (If-Match): a stale version is a 412. */
export async function updateApplication(
  store: Store,
  caller: Caller,
  id: string,
  version: number,
  patch: ApplicationPatch,
): Promise<ApplicationView> {
  const crypto = fieldCryptoOf(store);
  return guarded(
    store.db,
    caller,
    { action: "relief.update", targetType: "relief_application", targetIds: [id] },
    async (trx) => {
      const current: ReliefRow | undefined = await reliefRepository.getForUpdate(trx, id);
      if (!current) return HIDDEN;
      const { row, immigration } = await personWithImmigration(trx, caller.auth, current.person_id);
      if (!row || !immigration || row.org_id !== current.org_id) return HIDDEN;
      const kase = await caseForAction(trx, caller.auth, row.case_id, "read");
      if (!kase) return HIDDEN;
      if (!can(caller.auth, "case", "work", kase.relation)) return FORBIDDEN;
      if (current.version !== version) throw staleVersion(current.version);
      const merged: ApplicationInput = {
        type: current.type,
        status: patch.status ?? current.status,
        filedOn: patch.filedOn !== undefined ? patch.filedOn : current.filed_on,
        decidedOn: patch.decidedOn !== undefined ? patch.decidedOn : current.decided_on,
        expiresOn: patch.expiresOn !== undefined ? patch.expiresOn : current.expires_on,
        extended: patch.extended ?? current.extended,
      };
      fail(applicationDateProblem(merged, today()));
      // The receipt is the record's only sealed field: a new value is sealed under a fresh data key.
      let resealed: { receipt_number_enc: string | null; data_key_id: string } | undefined;
      if (patch.receiptNumber !== undefined) {
        const { dataKeyId, sealed } = await sealRecord(
          trx,
          crypto,
          { table: RELIEF_TABLE, rowId: id, orgId: current.org_id },
          { receiptNumber: patch.receiptNumber },
        );
        resealed = { receipt_number_enc: sealed.receiptNumber, data_key_id: dataKeyId };
      }
      const done = await reliefRepository.update(
        trx,
        { orgId: current.org_id, id, version },
        {
          status: merged.status,
          filed_on: merged.filedOn ?? null,
          decided_on: merged.decidedOn ?? null,
          expires_on: merged.expiresOn ?? null,
          extended: merged.extended ?? false,
          ...(resealed ?? {}),
          ...(patch.documents ? { documents: patch.documents } : {}),
        },
      );
      if (!done) throw staleVersion(current.version + 1);
      await recordCaseActivity(trx, caller.auth, kase, {
        kind: "relief.updated",
        ref: { type: "relief_application", id },
        details: { type: current.type, status: merged.status },
      });
      await audit(trx, caller, {
        action: "relief.update",
        outcome: "success",
        targetType: "relief_application",
        targetIds: [id],
        details: { status: merged.status },
      });
      const stored = (await reliefRepository.listForPerson(trx, current.org_id, current.person_id)).find(
        (r) => r.id === id,
      )!;
      return presentApplication(stored, crypto);
    },
  );
}

/** Rows of the caller's organization whose person the caller may see with immigration details. */
export async function visibleDatedApplications(trx: Kysely<Database>, auth: AuthContext) {
  const rows = await reliefRepository.listOpenWithDates(trx, auth.orgId);
  const seen = new Map<string, boolean>();
  const out = [];
  for (const r of rows) {
    if (!seen.has(r.person_id))
      seen.set(r.person_id, (await personWithImmigration(trx, auth, r.person_id)).immigration);
    if (seen.get(r.person_id)) out.push(r);
  }
  return out.map((r) => ({
    id: r.id,
    personId: r.person_id,
    caseId: r.case_id,
    type: r.type,
    status: r.status,
    decidedOn: r.decided_on,
    expiresOn: r.expires_on,
    extended: r.extended,
  }));
}

/** The organization's relief deadline list, soonest first. */
export async function organizationDeadlines(store: Store, caller: Caller): Promise<ReliefDeadline[]> {
  return guarded(
    store.db,
    caller,
    { action: "relief.deadlines", targetType: "org", targetIds: [caller.auth.orgId] },
    async (trx) => {
      const list = deadlinesOf(await visibleDatedApplications(trx, caller.auth), today());
      await audit(trx, caller, {
        action: "relief.deadlines",
        outcome: "success",
        targetType: "org",
        targetIds: [caller.auth.orgId],
        details: { count: list.length },
      });
      return list;
    },
  );
}
