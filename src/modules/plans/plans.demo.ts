import type { AuthContext } from "../auth/auth.context.ts";
import { updateCase } from "../cases/cases.edit.service.ts";
import { getCase } from "../cases/cases.service.ts";
import { addCaseAgency, addTeamMember } from "../cases/cases.team.service.ts";
import { DEMO_ORGS, type DemoContext } from "../demo/demo.context.ts";
import type { Caller } from "../policy/access.ts";
import { addFollowUp } from "./plans.followups.service.ts";
import { addService } from "./plans.service.ts";

const demoCaller = (auth: AuthContext): Caller => ({ auth, meta: { requestId: "demo-load" } });

/**
 * On the first demo case: the investigator leads it with the advocate on the team, the task force as
 * lead agency and the shelter involved (organizations, since the CLI may run before the directory is
 * loaded); a plan of three services and two follow-ups (one overdue, for the
 * lead; one coming, for the advocate), all through the services, so all is audited.
 */
export async function demoPlan(ctx: DemoContext): Promise<void> {
  const [caseId] = ctx.caseIds;
  if (!caseId) return;
  const lead = demoCaller(ctx.users.investigator);
  const day = (offset: number) =>
    new Date(ctx.now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const kase = await getCase(ctx.store, lead, caseId);
  await updateCase(ctx.store, lead, caseId, kase.version, { leadUserId: ctx.users.investigator.userId });
  await addTeamMember(ctx.store, lead, caseId, ctx.users.advocate.userId);
  await addCaseAgency(ctx.store, lead, caseId, {
    agencyType: "federal_le",
    role: "lead",
    partnerOrgId: DEMO_ORGS.taskForce.id,
  });
  await addCaseAgency(ctx.store, lead, caseId, {
    agencyType: "service_provider",
    role: "involved",
    partnerOrgId: DEMO_ORGS.serviceProvider.id,
  });
  const shelter = await addService(ctx.store, lead, caseId, {
    serviceType: "shelter",
    status: "in_progress",
    providerOrgId: DEMO_ORGS.serviceProvider.id,
    referredOn: day(-12),
    startedOn: day(-10),
  });
  await addService(ctx.store, lead, caseId, {
    serviceType: "immigration_legal",
    status: "referred",
    providerOrgId: DEMO_ORGS.legalAid.id,
    referredOn: day(-3),
  });
  await addService(ctx.store, lead, caseId, {
    serviceType: "interpretation",
    status: "planned",
    plannedOn: day(4),
  });
  await addFollowUp(ctx.store, lead, caseId, { kind: "phone_call", dueOn: day(-1), serviceId: shelter.id });
  await addFollowUp(ctx.store, lead, caseId, {
    kind: "visit",
    dueOn: day(2),
    serviceId: shelter.id,
    assigneeUserId: ctx.users.advocate.userId,
  });
}
