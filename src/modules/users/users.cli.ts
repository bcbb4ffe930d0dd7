import { CliError, printJson } from "../../cli/output.ts";
import { withStore } from "../../cli/store-context.ts";
import { loadConfig } from "../../config.ts";
import { AppError } from "../../server/errors.ts";
import type { Store } from "../../store/store.ts";
import { ROLES, type Role, type SystemContext } from "../auth/auth.context.ts";
import { cryptoFor } from "../auth/totp-secrets.ts";
import { resetMfa, resetPassword } from "./users.credentials.ts";
import { presentUser } from "./users.presenter.ts";
import { MFA_RESET_REASONS, type MfaResetReason } from "./users.schema.ts";
import {
  createUser,
  disableUser,
  enableUser,
  setRoles,
  unlockUser,
  userByEmail,
  usersOf,
} from "./users.service.ts";

/** The CLI acts as the system; its actions are audited with actor `system:cli`. */
export const CLI_ACTOR: SystemContext = { kind: "system", reason: "cli" };

/** Runs a service call, turning its AppError into a one-line CLI error (exit 2). */
export async function cliCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError) throw new CliError(`${error.message} (${error.code})`);
    throw error;
  }
}

function parseRoles(text: string): Role[] {
  const roles = text
    .split(",")
    .map((r) => r.trim())
    .filter(Boolean);
  const bad = roles.find((r) => !(ROLES as readonly string[]).includes(r));
  if (bad || roles.length === 0)
    throw new CliError(`Roles are a comma-separated list of: ${ROLES.join(", ")}.`);
  return roles as Role[];
}

async function readStdinPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // Only the final line break is dropped: spaces are part of the password (never altered or truncated).
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

/** Runs `change` on the user with this email, as the CLI. */
function byEmail<T>(email: string, change: (store: Store, userId: string) => Promise<T>): Promise<T> {
  return withStore((store) =>
    cliCall(async () => change(store, (await userByEmail(store.db, CLI_ACTOR, email)).id)),
  );
}

/** `harbor user create`. */
export async function createCommand(opts: {
  org: string;
  email: string;
  role: string;
  passwordStdin?: boolean;
}): Promise<void> {
  const roles = parseRoles(opts.role);
  const password = opts.passwordStdin ? await readStdinPassword() : undefined;
  await withStore(async (store) => {
    const crypto = await cryptoFor(store, loadConfig());
    const created = await cliCall(() =>
      createUser(store.db, crypto, CLI_ACTOR, {
        orgId: opts.org,
        email: opts.email,
        roles,
        ...(password !== undefined ? { password } : {}),
      }),
    );
    console.log(
      `Created user ${created.user.id} (${created.user.email}) in ${created.user.org_id} with roles ${created.user.roles.join(",")}.`,
    );
    if (created.initialPassword) console.log(`Initial password (shown once): ${created.initialPassword}`);
    console.log(
      `The initial password is one-time: it must be changed at the first sign-in and expires ${created.user.password_expires_at?.toISOString()}.`,
    );
    console.log(`TOTP secret (shown once): ${created.totpSecret}`);
    console.log(`otpauth URL: ${created.otpauthUrl}`);
    console.log("Give these to the user over a separate channel; they enrol at their first sign-in.");
  });
}

/** `harbor user list`. */
export async function listCommand(opts: { org: string }): Promise<void> {
  await withStore(async (store) =>
    printJson((await cliCall(() => usersOf(store.db, CLI_ACTOR, opts.org))).map(presentUser)),
  );
}

/** `harbor user unlock`. */
export async function unlockCommand(email: string): Promise<void> {
  await byEmail(email, (store, id) => unlockUser(store.db, CLI_ACTOR, id));
  console.log("Unlocked.");
}

/** `harbor user disable`. */
export async function disableCommand(email: string): Promise<void> {
  const done = await byEmail(email, (store, id) => disableUser(store.db, CLI_ACTOR, id));
  console.log(`Disabled; ${done.sessionsEnded} session(s) ended.`);
}

/** `harbor user enable`. */
export async function enableCommand(email: string): Promise<void> {
  await byEmail(email, (store, id) => enableUser(store.db, CLI_ACTOR, id));
  console.log("Enabled.");
}

/** `harbor user roles`. */
export async function rolesCommand(email: string, opts: { role: string }): Promise<void> {
  const roles = parseRoles(opts.role);
  const done = await byEmail(email, (store, id) => setRoles(store.db, CLI_ACTOR, id, roles));
  console.log(`Roles of ${done.email}: ${done.roles.join(",")}.`);
}

/** `harbor user reset-password`. */
export async function resetPasswordCommand(email: string): Promise<void> {
  const done = await byEmail(email, (store, id) => resetPassword(store.db, CLI_ACTOR, id));
  console.log(`One-time password (shown once): ${done.oneTimePassword}`);
  console.log(
    `It expires ${done.expiresAt.toISOString()} and must be changed at the next sign-in; ${done.sessionsEnded} session(s) ended.`,
  );
}

/** `harbor user reset-mfa`. */
export async function resetMfaCommand(email: string, opts: { reason: string }): Promise<void> {
  if (!(MFA_RESET_REASONS as readonly string[]).includes(opts.reason))
    throw new CliError(`--reason must be one of: ${MFA_RESET_REASONS.join(", ")}.`);
  const done = await byEmail(email, async (store, id) =>
    resetMfa(store.db, await cryptoFor(store, loadConfig()), CLI_ACTOR, id, opts.reason as MfaResetReason),
  );
  console.log(
    `The old authenticator no longer works; ${done.sessionsEnded} session(s) ended. The user enrols a new one at the next sign-in.`,
  );
}
