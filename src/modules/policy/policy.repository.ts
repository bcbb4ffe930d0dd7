import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";

/** The SQL the access policy itself needs: which organizations share with a caller's. */
export const policyRepository = {
  /**
   * The organizations that shared cases (or one case) with `recipientOrgId`, from the recipient's own
   * copy of each share, so the question is answered in the recipient's shard.
   */
  async sharingOrgs(db: Kysely<Database>, recipientOrgId: string, caseId?: string): Promise<string[]> {
    let q = db
      .selectFrom("case_shares_received")
      .select("owner_org_id")
      .distinct()
      .where("org_id", "=", recipientOrgId);
    if (caseId !== undefined) q = q.where("case_id", "=", caseId);
    return (await q.execute()).map((r) => r.owner_org_id);
  },
};
