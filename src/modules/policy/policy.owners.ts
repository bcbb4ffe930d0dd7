import { type Kysely, type RawBuilder, sql } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { Actor } from "./policy.engine.ts";
import { policyRepository } from "./policy.repository.ts";

/**
 * WHERE fragment naming the organizations whose rows a query may touch: the caller's own and those
 * that shared with it (a case, when the query is about one case). It only narrows what the policy
 * fragments of policy.sql.ts allow, never widens it; its use is that on Citus a filter on the
 * distribution column with known values runs on those organizations' nodes alone, instead of on
 * every node. The sharing organizations come from the recipient's copy of each share
 * (`case_shares_received`), one query in the caller's own shard.
 */
export async function ownerOrgsScope(
  db: Kysely<Database>,
  actor: Actor,
  orgIdColumn: string,
  caseId?: string,
): Promise<RawBuilder<boolean>> {
  const owners = await ownerOrgsOf(db, actor, caseId);
  if (!owners) return sql<boolean>`true`;
  return sql<boolean>`${sql.ref(orgIdColumn)} in (${sql.join(owners)})`;
}

/**
 * The organizations of `ownerOrgsScope` as a list (null for the system context: every one), for a
 * query that needs them itself, e.g. search, which makes query tokens under each one's key.
 */
export async function ownerOrgsOf(
  db: Kysely<Database>,
  actor: Actor,
  caseId?: string,
): Promise<string[] | null> {
  if (actor.kind === "system") return null;
  return [...new Set([actor.orgId, ...(await policyRepository.sharingOrgs(db, actor.orgId, caseId))])];
}
