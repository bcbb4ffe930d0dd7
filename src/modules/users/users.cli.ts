import { CliError, printJson } from "../../cli/output.ts";
import { withStore } from "../../cli/store-context.ts";
import { loadConfig } from "../../config.ts";
import { AppError } from "../../server/errors.ts";
import { ROLES, type Role, type SystemContext } from "../auth/auth.context.ts";
import { cryptoFor } from "../auth/totp-secrets.ts";
import { presentUser } from "./users.presenter.ts";
import { createUser, disableUser, unlockUser, userByEmail, usersOf } from "./users.service.ts";

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
  await withStore(async (store) => {
    await cliCall(async () => unlockUser(store.db, CLI_ACTOR, (await userByEmail(store.db, email)).id));
    console.log("Unlocked.");
  });
}

/** `harbor user disable`. */
export async function disableCommand(email: string): Promise<void> {
  await withStore(async (store) => {
    const ended = await cliCall(async () =>
      disableUser(store.db, CLI_ACTOR, (await userByEmail(store.db, email)).id),
    );
    console.log(`Disabled; ${ended} session(s) ended.`);
  });
}
