import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { AppError, badRequest, conflict, notFound } from "../../server/errors.ts";
import type { Database } from "../../store/schema.ts";
import type { Store } from "../../store/store.ts";
import { clock } from "../auth/clock.ts";
import { getDirectoryEntry } from "../directory/directory.service.ts";
import { findOrg } from "../orgs/orgs.service.ts";
import { audit, type Caller, FORBIDDEN, guarded, HIDDEN } from "../policy/access.ts";
import { can } from "../policy/policy.engine.ts";
import { isEnabledUserOf } from "../users/users.service.ts";
import { casesRepository, type VisibleCase } from "./cases.repository.ts";
import { recordCaseActivity } from "./cases.service.ts";
import { type AgencyRow, teamRepository } from "./cases.team.repository.ts";
import type { AddAgencyReq, TeamViewT } from "./cases.team.schema.ts";

/**
 * Runs `fn` on a case in one guarded transaction: 404 (audited) when the caller may not read it,
 * 403 when `update` is needed (the lead, the team, the agencies) and the caller may not.
 */
function onTeam<T>(
  store: Store,
  caller: Caller,
  caseId: string,
  need: "read" | "update",
  action: string,
  fn: (trx: Kysely<Database>, kase: VisibleCase) => Promise<T>,
): Promise<T> {
  return guarded(store.db, caller, { action, targetType: "case", targetIds: [caseId] }, async (trx) => {
    const kase = await casesRepository.getForAction(trx, caller.auth, caseId, "read");
    if (!kase) return HIDDEN;
    if (need === "update" && !can(caller.auth, "case", "update", kase.relation)) return FORBIDDEN;
    return fn(trx, kase);
  });
}

const presentAgency = (a: AgencyRow) => ({
  id: a.id,
  agencyType: a.agency_type,
  role: a.role,
  directoryEntryId: a.directory_entry_id,
  partnerOrgId: a.partner_org_id,
  createdBy: a.created_by,
  createdAt: a.created_at.toISOString(),
});

/** The case's lead, team and agencies involved; e-mails only for the owning organization's users. */
export function caseTeam(store: Store, caller: Caller, caseId: string): Promise<TeamViewT> {
  return onTeam(store, caller, caseId, "read", "case.team.read", async (trx, kase) => {
    const own = kase.org_id === caller.auth.orgId;
    const members = await teamRepository.members(trx, kase);
    const leadEmail =
      kase.lead_user_id && own ? await teamRepository.emailOf(trx, kase.org_id, kase.lead_user_id) : null;
    return {
      caseId: kase.id,
      caseVersion: kase.version,
      lead: kase.lead_user_id ? { userId: kase.lead_user_id, email: leadEmail } : null,
      members: members.map((m) => ({
        userId: m.user_id,
        email: own ? m.email : null,
        role: m.role,
        addedAt: m.added_at.toISOString(),
      })),
      agencies: (await teamRepository.agencies(trx, kase)).map(presentAgency),
      mayEdit: can(caller.auth, "case", "update", kase.relation),
    };
  });
}

/** Adds a user of the owning organization to the case team (409 when already on it). */
export function addTeamMember(store: Store, caller: Caller, caseId: string, userId: string) {
  return onTeam(store, caller, caseId, "update", "case.team.add", async (trx, kase) => {
    if (!(await isEnabledUserOf(trx, [kase.org_id], userId)))
      throw badRequest("body.userId: is not an active user of the case's organization");
    const at = clock.now();
    if (!(await teamRepository.addMember(trx, kase, userId, at)))
      throw conflict("This user is already on the case team.", "already_on_team");
    await recordCaseActivity(trx, caller.auth, kase, {
      kind: "team.member_added",
      ref: { type: "user", id: userId },
    });
    await audit(trx, caller, {
      action: "case.team.add",
      outcome: "success",
      targetType: "case",
      targetIds: [kase.id],
      details: { userId },
    });
    return {
      userId,
      email: await teamRepository.emailOf(trx, kase.org_id, userId),
      role: "member" as const,
      addedAt: at.toISOString(),
    };
  });
}

/** Takes a user off the case team (404 when not on it). */
export function removeTeamMember(store: Store, caller: Caller, caseId: string, userId: string) {
  return onTeam(store, caller, caseId, "update", "case.team.remove", async (trx, kase) => {
    if (!(await teamRepository.removeMember(trx, kase, userId)))
      throw notFound("This user is not on the case team.");
    await recordCaseActivity(trx, caller.auth, kase, {
      kind: "team.member_removed",
      ref: { type: "user", id: userId },
    });
    await audit(trx, caller, {
      action: "case.team.remove",
      outcome: "success",
      targetType: "case",
      targetIds: [kase.id],
      details: { userId },
    });
  });
}

async function checkAgencySource(trx: Kysely<Database>, caller: Caller, input: AddAgencyReq) {
  if (input.partnerOrgId && !(await findOrg(trx, caller.auth, input.partnerOrgId)))
    throw badRequest("body.partnerOrgId: no such organization");
  if (input.directoryEntryId) {
    try {
      await getDirectoryEntry(trx, input.directoryEntryId);
    } catch (err) {
      if (err instanceof AppError && err.statusCode === 404)
        throw badRequest("body.directoryEntryId: no such directory entry");
      throw err;
    }
  }
}

/** Names an agency involved in the case; one lead agency at most, each agency once (409 otherwise). */
export function addCaseAgency(store: Store, caller: Caller, caseId: string, input: AddAgencyReq) {
  return onTeam(store, caller, caseId, "update", "case.agency.add", async (trx, kase) => {
    await checkAgencySource(trx, caller, input);
    const row: AgencyRow = {
      org_id: kase.org_id,
      case_id: kase.id,
      id: randomUUID(),
      agency_type: input.agencyType,
      directory_entry_id: input.directoryEntryId ?? null,
      partner_org_id: input.partnerOrgId ?? null,
      role: input.role,
      created_by: caller.auth.userId,
      created_at: clock.now(),
    };
    if (!(await teamRepository.addAgency(trx, row)))
      throw conflict(
        input.role === "lead"
          ? "The case already has a lead agency, or names this agency already."
          : "The case names this agency already.",
        "agency_conflict",
      );
    const details = { agencyType: row.agency_type, role: row.role };
    await recordCaseActivity(trx, caller.auth, kase, {
      kind: "agency.added",
      ref: { type: "case_agency", id: row.id },
      details,
    });
    await audit(trx, caller, {
      action: "case.agency.add",
      outcome: "success",
      targetType: "case",
      targetIds: [kase.id],
      details: { agencyId: row.id, ...details },
    });
    return presentAgency(row);
  });
}

/** Removes an agency from the case (404 when the case names no such agency). */
export function removeCaseAgency(store: Store, caller: Caller, caseId: string, agencyId: string) {
  return onTeam(store, caller, caseId, "update", "case.agency.remove", async (trx, kase) => {
    const removed = await teamRepository.removeAgency(trx, kase, agencyId);
    if (!removed) throw notFound("The case names no such agency.");
    await recordCaseActivity(trx, caller.auth, kase, {
      kind: "agency.removed",
      ref: { type: "case_agency", id: agencyId },
      details: { agencyType: removed.agency_type, role: removed.role },
    });
    await audit(trx, caller, {
      action: "case.agency.remove",
      outcome: "success",
      targetType: "case",
      targetIds: [kase.id],
      details: { agencyId },
    });
  });
}
