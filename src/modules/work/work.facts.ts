import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { Facts } from "../routing/routing.schema.ts";

/**
 * MERGE: Contract 1/5 — `cases.facts` (jsonb, validated by the routing schema) is added by case-record;
 * it is not on this branch. At merge, read it through the cases service, e.g.
 * `return (await caseFactsOf(trx, kase)) ?? undefined`. Until then a case has no stored facts and
 * the route run uses the facts given in the request body.
 */
export async function storedCaseFacts(
  _trx: Kysely<Database>,
  _kase: { id: string; org_id: string },
): Promise<Facts | undefined> {
  return undefined;
}
