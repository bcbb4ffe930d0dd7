import type { Kysely } from "kysely";
import { conflict, forbidden } from "../../server/errors.ts";
import type { Database } from "../../store/schema.ts";
import { recordAudit } from "../audit/audit.service.ts";
import type { OrgType } from "../auth/auth.context.ts";
import { type Actor, type AuditMeta, actorFields } from "../auth/authorize.ts";
import { clock } from "../auth/clock.ts";
import { getOrg, insertOrg, listOrgs, type OrgRow } from "./orgs.repository.ts";

/**
 * Who may create organizations: the system (CLI) and admins of a `government` organization (the
 * coordinating agency). Other admins manage only their own organization.
 */
export function mayManageAllOrgs(actor: Actor): boolean {
  return actor.kind === "system" || (actor.orgType === "government" && actor.roles.includes("admin"));
}

/** Creates an organization (audited). Throws 403 for other callers, 409 `org_exists` for a taken id. */
export async function createOrg(
  db: Kysely<Database>,
  actor: Actor,
  input: { id: string; name: string; type: OrgType },
  meta: AuditMeta = {},
): Promise<OrgRow> {
  if (!mayManageAllOrgs(actor))
    throw forbidden("Only the system or a government organization's admins create organizations.");
  return db.transaction().execute(async (trx) => {
    const org: OrgRow = { ...input, created_at: clock.now() };
    if (!(await insertOrg(trx, org))) throw conflict("An organization with this id exists.", "org_exists");
    await recordAudit(trx, {
      ...actorFields(actor),
      ...meta,
      action: "org.create",
      outcome: "success",
      targetType: "org",
      targetIds: [org.id],
      details: { type: org.type },
    });
    return org;
  });
}

/** Organizations the actor may see: all for the system and government admins, else its own. */
export async function visibleOrgs(db: Kysely<Database>, actor: Actor): Promise<OrgRow[]> {
  return listOrgs(db, mayManageAllOrgs(actor) || actor.kind === "system" ? undefined : actor.orgId);
}

/** One organization, or undefined. */
export function findOrg(db: Kysely<Database>, id: string): Promise<OrgRow | undefined> {
  return getOrg(db, id);
}
