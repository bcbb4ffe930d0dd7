import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { FieldCrypto } from "../crypto/crypto.service.ts";
import type { FactRow } from "./case-facts.repository.ts";
import type { FactTable } from "./case-facts.tables.ts";

/** The case a fact is written on. */
export type CaseKey = { org_id: string; id: string };

/** What `prepare` hands the service: plain columns, text to seal (by field), text to index (by field). */
export interface PreparedFact {
  plain: Record<string, unknown>;
  sealed?: Record<string, string | null>;
  /** Search fields: the service indexes each (null clears it) in the write's transaction. */
  index?: Record<string, string | null>;
}

/**
 * One kind of case fact, as data for the generic service: its table and names, how input becomes
 * columns after the checks that need the store, and how a row becomes its view.
 */
export interface FactKind<Input, View> {
  /** Singular, for audit actions, timeline entries and error messages: "event", "charge"… */
  name: string;
  /** The audit's target type and action prefix (distinct from other modules' "event"s). */
  auditName: string;
  table: FactTable;
  /** URL segment: /api/v1/cases/:id/<plural>, /api/v1/<plural>/:id. */
  plural: string;
  /** Sealed fields: input field → nothing else (the AAD column is the field's name, `<field>_enc` in the row). */
  sealedFields: readonly string[];
  /** Search: the index record of a fact (record type, id, field of each indexed input field). */
  searchRecord?: (
    row: { id: string; case_id: string },
    field: string,
  ) => {
    recordType: "event" | "case";
    recordId: string;
    field: string;
  };
  /** Checks that need the store (beyond each field's format), then the columns. Throws a 400 naming the field. */
  prepare(
    trx: Kysely<Database>,
    ctx: { kase: CaseKey; crypto: FieldCrypto; id: string; existing: boolean; now: Date },
    input: Input,
  ): Promise<PreparedFact>;
  /** The row's current values as input, so a PATCH merges over them and is checked as a whole. */
  toInput(row: FactRow<FactTable>, opened: Record<string, string | null>): Input;
  present(row: FactRow<FactTable>, opened: Record<string, string | null>): View;
  /** Audit details: codes and ids only, never a value. */
  details?(input: Input): Record<string, string | number | boolean>;
  /** Before voiding: a fact others rest on (a charge with its adjudication) answers 409. */
  beforeVoid?(trx: Kysely<Database>, row: FactRow<FactTable>): Promise<void>;
}
