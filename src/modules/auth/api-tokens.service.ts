import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { badRequest, notFound } from "../../server/errors.ts";
import type { Database } from "../../store/schema.ts";
import { recordAudit } from "../audit/audit.service.ts";
import { manageableUser } from "../users/users.service.ts";
import { insertApiToken, listApiTokens, revokeApiToken } from "./auth.repository.ts";
import { type Actor, type AuditMeta, actorFields } from "./authorize.ts";
import { clock } from "./clock.ts";
import { randomSecret, sha256Hex, withOrg } from "./secrets.ts";

/** Longest API token lifetime: one year. */
export const MAX_TOKEN_DAYS = 365;

/** A created token: the secret appears here once and is stored only as its SHA-256. */
export interface CreatedToken {
  id: string;
  token: string;
  userId: string;
  expiresAt: Date;
}

/** Parses `30d`, `12h` or a bare number of days into milliseconds (at most one year). */
export function parseLifetime(text: string): number {
  const m = /^(\d{1,4})([dh]?)$/.exec(text.trim());
  if (!m) throw badRequest("Give the lifetime as e.g. 30d or 12h.");
  const ms = Number(m[1]) * (m[2] === "h" ? 3_600_000 : 86_400_000);
  if (ms <= 0 || ms > MAX_TOKEN_DAYS * 86_400_000)
    throw badRequest(`A token lives between 1 hour and ${MAX_TOKEN_DAYS} days.`);
  return ms;
}

/** Creates an API token for a user the actor manages (audited). The secret is 256 random bits. */
export async function createApiToken(
  db: Kysely<Database>,
  actor: Actor,
  input: { userId: string; lifetimeMs: number; label?: string },
  meta: AuditMeta = {},
): Promise<CreatedToken> {
  const user = await manageableUser(db, actor, input.userId);
  if (user.disabled_at) throw badRequest("This user is disabled.", "user_disabled");
  const token = `hbr_${withOrg(user.org_id, randomSecret(32))}`;
  const now = clock.now();
  const row = {
    id: randomUUID(),
    org_id: user.org_id,
    user_id: user.id,
    token_hash: sha256Hex(token),
    label: input.label ?? "api",
    created_at: now,
    expires_at: new Date(now.getTime() + input.lifetimeMs),
  };
  await db.transaction().execute(async (trx) => {
    await insertApiToken(trx, row);
    await recordAudit(trx, {
      ...actorFields(actor),
      ...meta,
      action: "token.create",
      outcome: "success",
      targetType: "api_token",
      targetIds: [row.id, user.id],
    });
  });
  return { id: row.id, token, userId: user.id, expiresAt: row.expires_at };
}

/** The API tokens of the actor's organization (no secrets). */
export function tokensOf(db: Kysely<Database>, orgId: string) {
  return listApiTokens(db, orgId);
}

/** Revokes a token (of `orgId`; any for the system) at once (audited); 404 if none is open. */
export async function revokeToken(
  db: Kysely<Database>,
  actor: Actor,
  orgId: string | undefined,
  tokenId: string,
  meta: AuditMeta = {},
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await revokeApiToken(trx, tokenId, orgId, clock.now()))) throw notFound("No such token.");
    await recordAudit(trx, {
      ...actorFields(actor),
      ...meta,
      action: "token.revoke",
      outcome: "success",
      targetType: "api_token",
      targetIds: [tokenId],
    });
  });
}
