import type { ColumnType } from "kysely";
import type { OrgType } from "../auth/auth.context.ts";

/** Organizations: agencies and providers. `org_id` is generated from `id` so every table has it. */
export interface OrgsTables {
  orgs: {
    id: string;
    org_id: ColumnType<string, never, never>;
    name: string;
    type: OrgType;
    created_at: Date;
    /** The installation's host organization (at most one): its admins create organizations. */
    host: ColumnType<boolean, boolean | undefined, boolean>;
  };
}
