import { randomBytes } from "node:crypto";
import { createApiToken } from "../../src/modules/auth/api-tokens.service.ts";
import type { AuthContext, OrgType, Role, SystemContext } from "../../src/modules/auth/auth.context.ts";
import { fieldCryptoOf } from "../../src/modules/crypto/crypto.service.ts";
import { createOrg } from "../../src/modules/orgs/orgs.service.ts";
import { createUser } from "../../src/modules/users/users.service.ts";
import type { Store } from "../../src/store/store.ts";

const SYSTEM: SystemContext = { kind: "system", reason: "benchmark set-up" };

export interface BenchUser {
  orgId: string;
  /** A raw API token for `Authorization: Bearer`. */
  token: string;
  /** The user as services see it, for set-up through the services (as if through its token). */
  auth: AuthContext;
}

/**
 * An organization (or, `existing`, one made before) with one user of the roles and a day-long API token, through the same services an
 * administrator uses (`createOrg`, `createUser`, `createApiToken`).
 */
export async function orgWithUser(
  store: Store,
  org: { id: string; type: OrgType; roles: Role[]; existing?: boolean },
): Promise<BenchUser> {
  if (!org.existing)
    await createOrg(store.db, SYSTEM, { id: org.id, name: `Bench ${org.id}`, type: org.type });
  const { user } = await createUser(store.db, fieldCryptoOf(store), SYSTEM, {
    orgId: org.id,
    email: `${org.roles.join("-")}@${org.id}.test`,
    roles: org.roles,
    password: `bench-${randomBytes(12).toString("hex")}`,
  });
  const token = await createApiToken(store.db, SYSTEM, {
    userId: user.id,
    lifetimeMs: 86_400_000,
    label: "bench",
  });
  return {
    orgId: org.id,
    token: token.token,
    auth: {
      kind: "user",
      userId: user.id,
      orgId: org.id,
      orgType: org.type,
      roles: org.roles,
      via: "token",
      credentialId: token.id,
    },
  };
}
