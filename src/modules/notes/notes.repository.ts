import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { Actor } from "../policy/policy.engine.ts";
import { ownerOrgsScope } from "../policy/policy.owners.ts";
import { caseScope, relationToCase } from "../policy/policy.sql.ts";

const COLUMNS = [
  "n.org_id",
  "n.id",
  "n.case_id",
  "n.data_key_id",
  "n.body_enc",
  "n.author_user_id",
  "n.author_org_id",
  "n.version",
  "n.created_at",
  "n.updated_at",
] as const;

/** A note row with its data key (wrapped) and the caller's relation to its case. */
export interface NoteRow {
  org_id: string;
  id: string;
  case_id: string;
  data_key_id: string;
  body_enc: string;
  author_user_id: string | null;
  author_org_id: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  wrapped: string | null;
}

function readable(db: Kysely<Database>, actor: Actor) {
  return db
    .selectFrom("case_notes as n")
    .innerJoin("cases", (j) => j.onRef("cases.org_id", "=", "n.org_id").onRef("cases.id", "=", "n.case_id"))
    .leftJoin("data_keys as dk", (j) =>
      j.onRef("dk.org_id", "=", "n.org_id").onRef("dk.id", "=", "n.data_key_id"),
    )
    .select(COLUMNS)
    .select("dk.wrapped")
    .where(caseScope(actor, "read"));
}

/** All SQL over case_notes; reads carry the caller's case policy. */
export const notesRepository = {
  async insert(
    db: Kysely<Database>,
    row: Omit<NoteRow, "version" | "wrapped" | "updated_at"> & { updated_at?: Date },
  ): Promise<void> {
    await db
      .insertInto("case_notes")
      .values({ ...row, updated_at: row.updated_at ?? row.created_at, updated_by: row.author_user_id })
      .execute();
  },

  /** One note the caller may read, with its relation to the case. */
  async getReadable(db: Kysely<Database>, actor: Actor, id: string) {
    return readable(db, actor)
      .select(relationToCase(actor, "cases.org_id", "cases.id").as("relation"))
      .where(await ownerOrgsScope(db, actor, "n.org_id"))
      .where("n.id", "=", id)
      .executeTakeFirst();
  },

  /** The notes of one case (already checked readable), newest first. */
  listOfCase(db: Kysely<Database>, actor: Actor, kase: { org_id: string; id: string }): Promise<NoteRow[]> {
    return readable(db, actor)
      .where("n.org_id", "=", kase.org_id)
      .where("n.case_id", "=", kase.id)
      .orderBy("n.created_at", "desc")
      .orderBy("n.id")
      .limit(500)
      .execute();
  },

  /**
   * Replaces the sealed text if the note is still at `expected` (compare-and-set on the version):
   * of concurrent updates from one version exactly one matches. Undefined when stale.
   */
  async updateIfVersion(
    db: Kysely<Database>,
    key: { org_id: string; id: string },
    expected: number,
    set: { data_key_id: string; body_enc: string; updated_at: Date; updated_by: string },
  ): Promise<{ version: number } | undefined> {
    return db
      .updateTable("case_notes")
      .set((eb) => ({ ...set, version: eb("version", "+", 1) }))
      .where("org_id", "=", key.org_id)
      .where("id", "=", key.id)
      .where("version", "=", expected)
      .returning("version")
      .executeTakeFirst();
  },
};
