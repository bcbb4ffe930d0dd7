import type { Kysely } from "kysely";
import { AppError, badRequest } from "../../server/errors.ts";
import type { Database } from "../../store/schema.ts";
import { clock } from "../auth/clock.ts";
import { getDirectoryEntry } from "../directory/directory.service.ts";
import { findOrg } from "../orgs/orgs.service.ts";
import type { Caller } from "../policy/access.ts";
import { isEnabledUserOf } from "../users/users.service.ts";

/** Today in UTC (YYYY-MM-DD): the day the plan's "not in the future" rules are measured against. */
export const today = () => clock.now().toISOString().slice(0, 10);

/** A provider must exist: an organization in Harbor or an entry of the federal directory. */
export async function checkProvider(
  trx: Kysely<Database>,
  caller: Caller,
  p: { providerOrgId?: string | null; directoryEntryId?: string | null },
): Promise<void> {
  if (p.providerOrgId && !(await findOrg(trx, caller.auth, p.providerOrgId)))
    throw badRequest("body.providerOrgId: no such organization");
  if (p.directoryEntryId) {
    try {
      await getDirectoryEntry(trx, p.directoryEntryId);
    } catch (err) {
      if (err instanceof AppError && err.statusCode === 404)
        throw badRequest("body.directoryEntryId: no such directory entry");
      throw err;
    }
  }
}

/** An assignee must be an enabled user of the case's organization or of the caller's (a shared case). */
export async function checkAssignee(
  trx: Kysely<Database>,
  userId: string,
  orgIds: string[],
  field = "body.assigneeUserId",
): Promise<void> {
  if (!(await isEnabledUserOf(trx, orgIds, userId)))
    throw badRequest(`${field}: is not an active user of the case's organization or yours`);
}
