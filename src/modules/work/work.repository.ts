import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { Actor } from "../policy/policy.engine.ts";
import { ownerOrgsScope } from "../policy/policy.owners.ts";
import { caseScope } from "../policy/policy.sql.ts";

/** SQL of the work module: routing runs, and the user's queue of cases. */
export const workRepository = {
  async insertRun(
    db: Kysely<Database>,
    row: {
      org_id: string;
      id: string;
      case_id: string;
      run_at: Date;
      actor_user_id: string;
      facts: unknown;
      answer: unknown;
    },
  ): Promise<void> {
    await db
      .insertInto("case_routing_runs")
      .values({ ...row, facts: JSON.stringify(row.facts), answer: JSON.stringify(row.answer) })
      .execute();
  },

  /** The user's queue: open cases they may read and opened themselves, lead, or are on the team of. */
  async queue(db: Kysely<Database>, actor: Actor & { kind: "user" }) {
    return db
      .selectFrom("cases")
      .select(["cases.id", "cases.org_id", "cases.status", "cases.created_at"])
      .where(caseScope(actor, "read"))
      .where(await ownerOrgsScope(db, actor, "cases.org_id"))
      .where("cases.status", "=", "open")
      .where((eb) =>
        eb.or([
          eb("cases.created_by", "=", actor.userId),
          eb("cases.lead_user_id", "=", actor.userId),
          eb.exists(
            eb
              .selectFrom("case_team as t")
              .select("t.user_id")
              .whereRef("t.org_id", "=", "cases.org_id")
              .whereRef("t.case_id", "=", "cases.id")
              .where("t.user_id", "=", actor.userId),
          ),
        ]),
      )
      .orderBy("cases.created_at", "desc")
      .limit(100)
      .execute();
  },
};
