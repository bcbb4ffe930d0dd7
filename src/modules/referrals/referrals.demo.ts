import type { AuthContext } from "../auth/auth.context.ts";
import { clock } from "../auth/clock.ts";
import { recordConsent } from "../consents/consents.service.ts";
import type { DemoContext } from "../demo/demo.context.ts";
import { getPerson } from "../persons/persons.service.ts";
import type { Caller } from "../policy/access.ts";
import { maySend } from "./referrals.policy.ts";
import { sendReferral } from "./referrals.service.ts";
import { transitionReferral } from "./referrals.transitions.ts";

const callerOf = (auth: AuthContext): Caller => ({ auth, meta: {} });

/**
 * Demo referrals (Contract 6), through the services so each is audited: the first victim the demo
 * has is referred, with the victim's consent, to the service provider for shelter, and the provider
 * accepts it; a second case is referred to legal aid for legal services and left waiting (sent).
 */
export async function demoReferrals(ctx: DemoContext): Promise<void> {
  const users = Object.values(ctx.users);
  const victims: { id: string; caseId: string; orgId: string }[] = [];
  for (const personId of ctx.personIds) {
    for (const auth of users) {
      const p = await getPerson(ctx.store, callerOf(auth), personId).catch(() => undefined);
      if (p) {
        if (p.role === "victim") victims.push({ id: p.id, caseId: p.caseId, orgId: p.orgId });
        break;
      }
    }
  }
  const first = victims.find((v) => v.orgId !== ctx.orgs.serviceProvider);
  if (!first) return;
  const sender = users.find((u) => u.orgId === first.orgId && maySend(u));
  const consentTaker = users.find(
    (u) => u.orgId === first.orgId && (u.roles.includes("advocate") || u.roles.includes("intake")),
  );
  if (!sender || !consentTaker) return;
  const now = clock.now();
  await recordConsent(ctx.store, callerOf(consentTaker), first.id, {
    recipientOrgId: ctx.orgs.serviceProvider,
    purpose: "services_referral",
    expiresAt: new Date(now.getTime() + 180 * 86_400_000).toISOString(),
    signedBy: ["victim"],
  });
  const accepted = await sendReferral(ctx.store, callerOf(sender), {
    caseId: first.caseId,
    personId: first.id,
    recipient: { orgId: ctx.orgs.serviceProvider },
    purpose: "shelter",
  });
  await transitionReferral(ctx.store, callerOf(ctx.users.providerAdvocate), accepted.id, "accept", 1);

  const other = ctx.caseIds.find((id) => id !== first.caseId) ?? first.caseId;
  await sendReferral(ctx.store, callerOf(sender), {
    caseId: other,
    recipient: { orgId: ctx.orgs.legalAid },
    purpose: "legal",
  }).catch(() => undefined); // a case the sender does not own is skipped, not fatal to the demo
}
