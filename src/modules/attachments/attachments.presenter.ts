import { type FieldCrypto, openRecord } from "../crypto/crypto.service.ts";
import type { AttachmentRow } from "./attachments.repository.ts";
import type { AttachmentViewT } from "./attachments.schema.ts";

export const ATTACHMENTS_TABLE = "case_attachments";

/** Allow-list presenter: the file name is opened here, for a caller the policy let read it. */
export function presentAttachment(row: AttachmentRow, crypto: FieldCrypto): AttachmentViewT {
  const opened = row.wrapped
    ? openRecord<"filename">(
        crypto,
        { table: ATTACHMENTS_TABLE, rowId: row.id, dataKeyId: row.data_key_id, wrapped: row.wrapped },
        { filename: row.filename_enc },
      )
    : {};
  return {
    id: row.id,
    caseId: row.case_id,
    filename: opened.filename ?? "",
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    uploadedBy: row.uploaded_by,
    uploadedAt: row.created_at.toISOString(),
    contentUrl: `/api/v1/attachments/${row.id}/content`,
  };
}
