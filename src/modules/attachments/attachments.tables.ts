import type { ColumnType } from "kysely";

/** Attachments: the file encrypted in the row (see the migration for why in the database). */
export interface AttachmentsTables {
  case_attachments: {
    org_id: string;
    id: string;
    case_id: string;
    data_key_id: string;
    filename_enc: string;
    /** The file's own AES-256-GCM key, sealed under the row's data key like any field. */
    content_key_enc: string;
    content_type: string;
    size_bytes: number;
    /** SHA-256 of the plaintext, checked after every decryption. */
    sha256: string;
    content_enc: Buffer;
    uploaded_by: string | null;
    created_at: ColumnType<Date, Date, never>;
  };
}
