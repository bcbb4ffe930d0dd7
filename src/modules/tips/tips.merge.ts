import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";

/**
 * Stand-ins for other engineers' contracts, until the lead merges them. Each is the smallest thing that
 * keeps the tips module's behaviour honest on this branch.
 */

// MERGE: search provides this (Contract 2, search.index.ts indexText). No-op until then: tips are not
// searchable on this branch; the call sites are in place.
export async function indexText(
  _trx: Kysely<Database>,
  _entry: {
    orgId: string;
    caseId?: string;
    recordType: "tip";
    recordId: string;
    field: string;
    text: string;
  },
): Promise<void> {}
