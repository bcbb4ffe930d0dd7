import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";

/**
 * MERGE: Contract 2 — the search module's `indexText` (src/modules/search/search.index.ts) is not on
 * this branch yet. At merge replace this body with
 * `export { indexText, unindex } from "../search/search.index.ts";`. Until then nothing is indexed.
 */
export async function indexText(
  _trx: Kysely<Database>,
  _entry: {
    orgId: string;
    caseId: string;
    recordType: "case" | "note" | "tip" | "person" | "event";
    recordId: string;
    field: string;
    text: string;
  },
): Promise<void> {}
