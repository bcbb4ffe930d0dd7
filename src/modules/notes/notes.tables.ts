import type { ColumnType } from "kysely";

/** Notes on a case: the text only sealed (`body_enc`, AES-256-GCM under the row's data key). */
export interface NotesTables {
  case_notes: {
    org_id: string;
    id: string;
    case_id: string;
    data_key_id: string;
    body_enc: string;
    author_user_id: string | null;
    author_org_id: string | null;
    version: ColumnType<number, number | undefined, number>;
    created_at: ColumnType<Date, Date, never>;
    updated_at: ColumnType<Date, Date, Date>;
    updated_by: string | null;
  };
}
