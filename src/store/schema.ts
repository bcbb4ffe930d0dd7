import type { ColumnType, Generated } from "kysely";

/**
 * The typed shape of Harbor's database, for Kysely. Each module declares its own tables in a
 * `<module>.tables.ts` file and adds its interface to `Database` here; migrations create them.
 * Tables holding agency data carry `org_id` (the owning organization), the future Citus distribution key.
 */
export interface MetaTables {
  harbor_meta: {
    key: string;
    value: string;
    updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
}

/** The whole database, the union of every module's tables. */
export interface Database extends MetaTables {}

export type { ColumnType, Generated };
