import { badRequest } from "../../server/errors.ts";
import { blindIndex, blindIndexOfNormalized } from "../crypto/blind-index.ts";
import { normalizeIdentifier } from "./case-facts.identifiers.ts";
import type { FactKind } from "./case-facts.kind.ts";
import { commonView } from "./case-facts.presenter.ts";
import { caseFactsRepository as repo } from "./case-facts.repository.ts";
import type { EventInput, EventViewT, IdentifierInput, IdentifierViewT } from "./case-facts.schema.ts";
import type { CaseFactsTables } from "./case-facts.tables.ts";

type Row<T extends keyof CaseFactsTables> = {
  [K in keyof CaseFactsTables[T]]: CaseFactsTables[T][K] extends { __select__: infer S }
    ? S
    : CaseFactsTables[T][K];
};
const nul = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

/** Recruitment, transit, exploitation: where (sealed) and when; state and country as codes for statistics. */
export const events: FactKind<EventInput, EventViewT> = {
  name: "event",
  auditName: "case_event",
  table: "case_events",
  plural: "events",
  sealedFields: ["place", "description"],
  searchRecord: (row, field) => ({ recordType: "event", recordId: row.id, field }),
  async prepare(_trx, _ctx, input) {
    if (input.startedOn && input.endedOn && input.endedOn < input.startedOn)
      throw badRequest("body.endedOn: must not be before startedOn");
    const text = { place: nul(input.place), description: nul(input.description) };
    return {
      plain: {
        kind: input.kind,
        state: nul(input.state),
        country: nul(input.country),
        started_on: nul(input.startedOn),
        ended_on: nul(input.endedOn),
      },
      sealed: text,
      index: text,
    };
  },
  toInput(r, opened) {
    const row = r as unknown as Row<"case_events">;
    return {
      kind: row.kind,
      place: opened.place ?? null,
      description: opened.description ?? null,
      state: row.state,
      country: row.country,
      startedOn: row.started_on,
      endedOn: row.ended_on,
    };
  },
  present(r, opened) {
    const row = r as unknown as Row<"case_events">;
    return {
      ...commonView(r),
      kind: row.kind,
      place: opened.place ?? null,
      description: opened.description ?? null,
      state: row.state,
      country: row.country,
      startedOn: row.started_on,
      endedOn: row.ended_on,
    };
  },
  details: (input) => ({ kind: input.kind }),
};

/**
 * Phones, e-mails, addresses, vehicles, businesses, online accounts: the value sealed, its normalized
 * form's blind index for exact matches (a phone's token equals the persons' phone index), and indexed
 * for case search as a field of the case (the search index's record types are fixed by its migration).
 */
export const identifiers: FactKind<IdentifierInput, IdentifierViewT> = {
  name: "identifier",
  auditName: "case_identifier",
  table: "case_identifiers",
  plural: "identifiers",
  sealedFields: ["value"],
  searchRecord: (row, _field) => ({
    recordType: "case",
    recordId: row.case_id,
    field: `identifier_${row.id.replaceAll("-", "")}`,
  }),
  async prepare(trx, { kase, crypto }, input) {
    if (input.personId && !(await repo.personRole(trx, kase, input.personId)))
      throw badRequest("body.personId: must be a person on this case");
    const value = normalizeIdentifier(input.kind, input.value);
    if (!value) throw badRequest(`body.value: is not a valid ${input.kind.replace("_", " ")}`);
    const bidx =
      input.kind === "phone" || input.kind === "email"
        ? blindIndex(crypto.indexKey, input.kind, value.normalized)
        : blindIndexOfNormalized(crypto.indexKey, input.kind, value.normalized);
    return {
      plain: { kind: input.kind, person_id: nul(input.personId), value_bidx: bidx },
      sealed: { value: value.display },
      index: { value: value.display },
    };
  },
  toInput(r, opened) {
    const row = r as unknown as Row<"case_identifiers">;
    return { kind: row.kind, value: opened.value ?? "", personId: row.person_id };
  },
  present(r, opened) {
    const row = r as unknown as Row<"case_identifiers">;
    const hidden = r.may_identify === false;
    return {
      ...commonView(r),
      kind: row.kind,
      value: hidden ? null : (opened.value ?? null),
      valueHidden: hidden,
      personId: row.person_id,
    };
  },
  details: (input) => ({ kind: input.kind, linkedToPerson: Boolean(input.personId) }),
};
