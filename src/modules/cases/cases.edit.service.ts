import type { Kysely } from "kysely";
import { badRequest, conflict } from "../../server/errors.ts";
import { staleVersion } from "../../server/versioning.ts";
import type { Database } from "../../store/schema.ts";
import type { Store } from "../../store/store.ts";
import { clock } from "../auth/clock.ts";
import { fieldCryptoOf } from "../crypto/crypto.service.ts";
import { audit, type Caller, FORBIDDEN, guarded, HIDDEN } from "../policy/access.ts";
import { can } from "../policy/policy.engine.ts";
import { isEnabledUserOf } from "../users/users.service.ts";
import { type CaseView, presentCase } from "./cases.presenter.ts";
import { type CaseChanges, casesRepository, type VisibleCase } from "./cases.repository.ts";
import type { UpdateCaseReq } from "./cases.schema.ts";
import { CASES_TABLE, type SealedCaseField, sealWithKey } from "./cases.seal.ts";
import { indexCaseText, recordCaseActivity } from "./cases.service.ts";
import type { CLOSE_REASONS } from "./cases.vocab.ts";

interface Built {
  changes: CaseChanges;
  details: Record<string, string | number | boolean>;
  /** Free text changed, to re-index in the same transaction. */
  text?: Partial<Record<SealedCaseField, string | null>>;
}

/**
 * Changes a case the caller may `update`, from the version it read (If-Match). Shared-read and
 * shared-write partners get 403; other organizations 404; a stale version 412 with the current one.
 * The timeline and the audit name the fields changed, never their values.
 */
async function changeCase(
  store: Store,
  caller: Caller,
  id: string,
  expected: number,
  what: { action: string; kind: string },
  build: (row: VisibleCase, trx: Kysely<Database>) => Built | Promise<Built>,
): Promise<CaseView> {
  const crypto = fieldCryptoOf(store);
  return guarded(
    store.db,
    caller,
    { action: what.action, targetType: "case", targetIds: [id] },
    async (trx) => {
      const row = await casesRepository.getForAction(trx, caller.auth, id, "read");
      if (!row) return HIDDEN;
      if (!can(caller.auth, "case", "update", row.relation)) return FORBIDDEN;
      if (row.version !== expected) throw staleVersion(row.version);
      const { changes, details, text } = await build(row, trx);
      const version = await casesRepository.updateIfVersion(trx, row, expected, changes);
      if (version === undefined) throw staleVersion(await casesRepository.currentVersion(trx, row));
      if (text) await indexCaseText(trx, row, text);
      await recordCaseActivity(trx, caller.auth, row, { kind: what.kind, details });
      await audit(trx, caller, {
        action: what.action,
        outcome: "success",
        targetType: "case",
        targetIds: [id],
        details,
      });
      const updated = await casesRepository.getForAction(trx, caller.auth, id, "read");
      return presentCase(updated ?? row, caller.auth, crypto);
    },
  );
}

/** PATCH /cases/:id: edits the incident, title, narrative and facts. */
export function updateCase(
  store: Store,
  caller: Caller,
  id: string,
  expected: number,
  input: UpdateCaseReq,
): Promise<CaseView> {
  const crypto = fieldCryptoOf(store);
  return changeCase(
    store,
    caller,
    id,
    expected,
    { action: "case.update", kind: "case.updated" },
    async (row, trx) => {
      const changes: CaseChanges = {};
      if (input.leadUserId) {
        if (!(await isEnabledUserOf(trx, [row.org_id], input.leadUserId)))
          throw badRequest("body.leadUserId: is not an active user of the case's organization");
      }
      if (input.leadUserId !== undefined) changes.lead_user_id = input.leadUserId;
      if (input.title !== undefined || input.narrative !== undefined) {
        if (!row.data_key_id || !row.wrapped)
          throw conflict("This case's key is missing; it cannot be edited.");
        const sealed = sealWithKey<SealedCaseField>(
          crypto,
          { table: CASES_TABLE, rowId: row.id, dataKeyId: row.data_key_id, wrapped: row.wrapped },
          { title: input.title, narrative: input.narrative },
        );
        if (sealed.title !== undefined) changes.title_enc = sealed.title;
        if (sealed.narrative !== undefined) changes.narrative_enc = sealed.narrative;
      }
      if (input.traffickingType !== undefined) changes.trafficking_type = input.traffickingType;
      if (input.confirmation !== undefined) changes.confirmation = input.confirmation;
      if (input.leadAgencyType !== undefined) changes.lead_agency_type = input.leadAgencyType;
      if (input.investigationStartedOn !== undefined)
        changes.investigation_started_on = input.investigationStartedOn;
      if (input.incidentState !== undefined) changes.incident_state = input.incidentState;
      if (input.facts !== undefined) changes.facts = JSON.stringify(input.facts);
      const text = {
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.narrative !== undefined ? { narrative: input.narrative } : {}),
      };
      return { changes, details: { fields: Object.keys(input).sort().join(",") }, text };
    },
  );
}

/** Closes an open case with a reason code (409 when already closed). */
export function closeCase(
  store: Store,
  caller: Caller,
  id: string,
  expected: number,
  reason: (typeof CLOSE_REASONS)[number],
): Promise<CaseView> {
  return changeCase(store, caller, id, expected, { action: "case.close", kind: "case.closed" }, (row) => {
    if (row.status === "closed") throw conflict("The case is already closed.", "case_closed");
    return {
      changes: { status: "closed", closed_at: clock.now(), close_reason: reason },
      details: { reason },
    };
  });
}

/** Reopens a closed case (409 when it is open). */
export function reopenCase(store: Store, caller: Caller, id: string, expected: number): Promise<CaseView> {
  return changeCase(store, caller, id, expected, { action: "case.reopen", kind: "case.reopened" }, (row) => {
    if (row.status === "open") throw conflict("The case is already open.", "case_open");
    return { changes: { status: "open", closed_at: null, close_reason: null }, details: {} };
  });
}
