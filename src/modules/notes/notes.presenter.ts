import { type FieldCrypto, openRecord } from "../crypto/crypto.service.ts";
import type { NoteRow } from "./notes.repository.ts";
import type { NoteViewT } from "./notes.schema.ts";

export const NOTES_TABLE = "case_notes";

/** Allow-list presenter: the note's text is opened here, for a caller the policy let read it. */
export function presentNote(row: NoteRow, crypto: FieldCrypto): NoteViewT {
  const opened = row.wrapped
    ? openRecord<"body">(
        crypto,
        { table: NOTES_TABLE, rowId: row.id, dataKeyId: row.data_key_id, wrapped: row.wrapped },
        { body: row.body_enc },
      )
    : {};
  return {
    id: row.id,
    caseId: row.case_id,
    body: opened.body ?? "",
    authorUserId: row.author_user_id,
    authorOrgId: row.author_org_id,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
