import type { ColumnType } from "kysely";
import type { ReliefStatus, ReliefType } from "./relief.rules.ts";

type DateCol = ColumnType<string | null, string | null | undefined, string | null>;

/** Relief applications and letters (see migration 2026_12_02_0060_relief). */
export interface ReliefTables {
  relief_applications: {
    org_id: string;
    id: string;
    person_id: string;
    case_id: string;
    type: ReliefType;
    status: ReliefStatus;
    filed_on: DateCol;
    decided_on: DateCol;
    expires_on: DateCol;
    extended: ColumnType<boolean, boolean | undefined, boolean>;
    data_key_id: string;
    receipt_number_enc: string | null;
    documents: ColumnType<string[], string, string>;
    filed_by_org_id: string;
    filed_by_user_id: string | null;
    version: ColumnType<number, number | undefined, number>;
    created_at: ColumnType<Date, Date | string | undefined, never>;
    updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
}
