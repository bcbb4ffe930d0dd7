import type { Kysely } from "kysely";
import { conflict, forbidden, notFound } from "../../server/errors.ts";
import type { Database } from "../../store/schema.ts";
import { recordAudit } from "../audit/audit.service.ts";
import type { OrgType, SystemContext } from "../auth/auth.context.ts";
import { type Actor, type AuditMeta, actorFields } from "../auth/authorize.ts";
import { clock } from "../auth/clock.ts";
import { type OrgRow, orgsRepository } from "./orgs.repository.ts";

/**
 * Who creates organizations (docs/security.md): the system (the CLI) and the admins of the
 * installation's host organization, which is the first organization created. No one else.
 */
export function mayCreateOrgs(db: Kysely<Database>, actor: Actor): Promise<boolean> {
  return orgsRepository.isHostAdmin(db, actor);
}

/** Creates an organization (audited). Throws 403 for other callers, 409 `org_exists` for a taken id. */
export async function createOrg(
  db: Kysely<Database>,
  actor: Actor,
  input: { id: string; name: string; type: OrgType },
  meta: AuditMeta = {},
): Promise<OrgRow> {
  if (!(await mayCreateOrgs(db, actor)))
    throw forbidden("Only the system or the host organization's admins create organizations.");
  return db.transaction().execute(async (trx) => {
    if (!(await orgsRepository.insert(trx, { ...input, created_at: clock.now() })))
      throw conflict("An organization with this id exists.", "org_exists");
    const org = (await orgsRepository.get(trx, actor, input.id)) as OrgRow;
    await recordAudit(trx, {
      ...actorFields(actor),
      ...meta,
      action: "org.create",
      outcome: "success",
      targetType: "org",
      targetIds: [org.id],
      details: { type: org.type, host: org.host },
    });
    return org;
  });
}

/** The organizations the actor may see (every one, by name: a partner picker needs them all). */
export function visibleOrgs(db: Kysely<Database>, actor: Actor): Promise<OrgRow[]> {
  return orgsRepository.list(db, actor);
}

/** One organization the actor may see, or undefined. */
export function findOrg(db: Kysely<Database>, actor: Actor, id: string): Promise<OrgRow | undefined> {
  return orgsRepository.get(db, actor, id);
}

/** Moves the host role to another organization (system only: `harbor org host ID`), audited. */
export async function setHostOrg(db: Kysely<Database>, actor: SystemContext, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await orgsRepository.setHost(trx, id))) throw notFound("No such organization.");
    await recordAudit(trx, {
      ...actorFields(actor),
      action: "org.set_host",
      outcome: "success",
      targetType: "org",
      targetIds: [id],
    });
  });
}
