import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { Actor } from "../policy/policy.engine.ts";
import { ownerOrgsScope } from "../policy/policy.owners.ts";
import { caseScope, relationToCase } from "../policy/policy.sql.ts";

/** Everything but the content: what a list shows (the content is read only to download it). */
const META = [
  "a.org_id",
  "a.id",
  "a.case_id",
  "a.data_key_id",
  "a.filename_enc",
  "a.content_key_enc",
  "a.content_type",
  "a.size_bytes",
  "a.sha256",
  "a.uploaded_by",
  "a.created_at",
] as const;

/** An attachment row without its content, with its data key (wrapped). */
export interface AttachmentRow {
  org_id: string;
  id: string;
  case_id: string;
  data_key_id: string;
  filename_enc: string;
  content_key_enc: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: string | null;
  created_at: Date;
  wrapped: string | null;
}

function readable(db: Kysely<Database>, actor: Actor) {
  return db
    .selectFrom("case_attachments as a")
    .innerJoin("cases", (j) => j.onRef("cases.org_id", "=", "a.org_id").onRef("cases.id", "=", "a.case_id"))
    .leftJoin("data_keys as dk", (j) =>
      j.onRef("dk.org_id", "=", "a.org_id").onRef("dk.id", "=", "a.data_key_id"),
    )
    .select(META)
    .select("dk.wrapped")
    .where(caseScope(actor, "read"));
}

/** All SQL over case_attachments; reads carry the caller's case policy. */
export const attachmentsRepository = {
  async insert(
    db: Kysely<Database>,
    row: Omit<AttachmentRow, "wrapped"> & { content_enc: Buffer },
  ): Promise<void> {
    await db.insertInto("case_attachments").values(row).execute();
  },

  /** The attachments of one case (already checked readable), newest first, without their content. */
  listOfCase(
    db: Kysely<Database>,
    actor: Actor,
    kase: { org_id: string; id: string },
  ): Promise<AttachmentRow[]> {
    return readable(db, actor)
      .where("a.org_id", "=", kase.org_id)
      .where("a.case_id", "=", kase.id)
      .orderBy("a.created_at", "desc")
      .orderBy("a.id")
      .limit(500)
      .execute();
  },

  /** One attachment the caller may read, with its relation to the case (no content). */
  async getReadable(db: Kysely<Database>, actor: Actor, id: string) {
    return readable(db, actor)
      .select(relationToCase(actor, "cases.org_id", "cases.id").as("relation"))
      .where(await ownerOrgsScope(db, actor, "a.org_id"))
      .where("a.id", "=", id)
      .executeTakeFirst();
  },

  /** The same with its sealed content, to download it. */
  async getReadableWithContent(db: Kysely<Database>, actor: Actor, id: string) {
    return readable(db, actor)
      .select(relationToCase(actor, "cases.org_id", "cases.id").as("relation"))
      .select("a.content_enc")
      .where(await ownerOrgsScope(db, actor, "a.org_id"))
      .where("a.id", "=", id)
      .executeTakeFirst();
  },

  /** Removes the row, content and all; true when it was there. */
  async delete(db: Kysely<Database>, key: { org_id: string; id: string }): Promise<boolean> {
    const result = await db
      .deleteFrom("case_attachments")
      .where("org_id", "=", key.org_id)
      .where("id", "=", key.id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },
};
