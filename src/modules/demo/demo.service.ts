import { badRequest, conflict } from "../../server/errors.ts";
import type { Store } from "../../store/store.ts";
import { recordAudit } from "../audit/audit.service.ts";
import type { AuthContext, Role, SystemContext } from "../auth/auth.context.ts";
import { clock } from "../auth/clock.ts";
import { currentTotpCode } from "../auth/totp.ts";
import { openTotpSecret } from "../auth/totp-secrets.ts";
import type { FieldCrypto } from "../crypto/crypto.service.ts";
import { createOrg } from "../orgs/orgs.service.ts";
import { createUser, userByEmail } from "../users/users.service.ts";
import {
  DEMO_ORG_PREFIX,
  DEMO_ORGS,
  DEMO_USERS,
  type DemoContext,
  type DemoOrgKey,
  type DemoStep,
  type DemoUserKey,
} from "./demo.context.ts";
import { demoRepository } from "./demo.repository.ts";
import { DEMO_STEPS } from "./demo.steps.ts";

const DEMO_ACTOR: SystemContext = { kind: "system", reason: "demo" };
const DEMO_ORG_IDS = Object.values(DEMO_ORGS).map((o) => o.id);

/** A demo user's sign-in details, printed once by `harbor demo load`. */
export interface DemoSignIn {
  key: DemoUserKey;
  email: string;
  org: string;
  roles: readonly Role[];
  initialPassword: string;
  totpSecret: string;
}

export interface DemoLoaded {
  signIns: DemoSignIn[];
  steps: string[];
  counts: { cases: number; persons: number; tips: number };
}

/**
 * Fills the installation with the synthetic task force: its organizations (reused when a cleared demo
 * left them), one user per role, then each module's step in order. Refuses when a demo is loaded.
 * Each step runs as a demo user through the module's own services, so all of it is audited.
 */
export async function loadDemo(
  store: Store,
  crypto: FieldCrypto,
  steps: DemoStep[] = DEMO_STEPS,
): Promise<DemoLoaded> {
  if ((await demoRepository.userCount(store.db, DEMO_ORG_IDS)) > 0)
    throw conflict("The demo is already loaded; `harbor demo clear` removes it first.", "demo_loaded");
  const existing = new Set(await demoRepository.existingOrgIds(store.db, DEMO_ORG_IDS));
  for (const org of Object.values(DEMO_ORGS))
    if (!existing.has(org.id)) await createOrg(store.db, DEMO_ACTOR, org);

  const signIns: DemoSignIn[] = [];
  const users = {} as Record<DemoUserKey, AuthContext>;
  for (const [key, spec] of Object.entries(DEMO_USERS) as [DemoUserKey, (typeof DEMO_USERS)[DemoUserKey]][]) {
    const org = DEMO_ORGS[spec.org];
    const created = await createUser(store.db, crypto, DEMO_ACTOR, {
      orgId: org.id,
      email: spec.email,
      roles: [...spec.roles],
    });
    signIns.push({
      key,
      email: spec.email,
      org: org.id,
      roles: spec.roles,
      initialPassword: created.initialPassword as string,
      totpSecret: created.totpSecret,
    });
    users[key] = {
      kind: "user",
      userId: created.user.id,
      orgId: org.id,
      orgType: org.type,
      roles: [...spec.roles],
      via: "session",
      credentialId: "demo-load",
    };
  }

  const ctx: DemoContext = {
    store,
    orgs: Object.fromEntries(Object.entries(DEMO_ORGS).map(([k, o]) => [k, o.id])) as Record<
      DemoOrgKey,
      string
    >,
    users,
    caseIds: [],
    personIds: [],
    tipIds: [],
    now: clock.now(),
  };
  for (const step of steps) await step.run(ctx);
  await recordAudit(store.db, {
    actorUserId: `system:${DEMO_ACTOR.reason}`,
    action: "demo.load",
    outcome: "success",
    details: { steps: steps.length, cases: ctx.caseIds.length },
  });
  return {
    signIns,
    steps: steps.map((s) => s.name),
    counts: { cases: ctx.caseIds.length, persons: ctx.personIds.length, tips: ctx.tipIds.length },
  };
}

/**
 * Removes everything the demo created, in one transaction: every row of the demo organizations
 * (their data keys too, so any copy of their sealed data becomes unreadable), except their audit chains,
 * which are append-only evidence that the demo ran (see demo.repository.ts).
 */
export async function clearDemo(store: Store): Promise<{ rowsDeleted: number }> {
  return store.db.transaction().execute(async (trx) => {
    const deleted = await demoRepository.deleteOrgRows(trx, DEMO_ORG_IDS);
    const rowsDeleted = Object.values(deleted).reduce((a, b) => a + b, 0);
    await recordAudit(trx, {
      actorUserId: `system:${DEMO_ACTOR.reason}`,
      action: "demo.clear",
      outcome: "success",
      details: { rowsDeleted },
    });
    return { rowsDeleted };
  });
}

/**
 * The current sign-in code of a demo user, so a newcomer can try Harbor without an authenticator app.
 * Only for the demo's own users: any other account answers as if it did not exist.
 */
export async function demoSignInCode(store: Store, crypto: FieldCrypto, email: string): Promise<string> {
  const user = await userByEmail(store.db, DEMO_ACTOR, email).catch(() => undefined);
  if (!user?.org_id.startsWith(DEMO_ORG_PREFIX))
    throw badRequest(
      `${email} is not a demo user; codes are given only for the demo's accounts.`,
      "not_demo_user",
    );
  const secret = await openTotpSecret(store.db, crypto, user);
  if (!secret) throw badRequest(`${email} has no authenticator secret.`, "not_demo_user");
  return currentTotpCode(secret, clock.now());
}
