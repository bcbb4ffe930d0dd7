import { withStore } from "../../cli/store-context.ts";
import { CLI_ACTOR, cliCall } from "../users/users.cli.ts";
import { userByEmail } from "../users/users.service.ts";
import { createApiToken, parseLifetime, revokeToken } from "./api-tokens.service.ts";

/** `harbor token create`. */
export async function createCommand(opts: { user: string; expires: string; label: string }): Promise<void> {
  await withStore(async (store) => {
    const created = await cliCall(async () => {
      const lifetimeMs = parseLifetime(opts.expires);
      const user = await userByEmail(store.db, CLI_ACTOR, opts.user);
      return createApiToken(store.db, CLI_ACTOR, { userId: user.id, lifetimeMs, label: opts.label });
    });
    process.stderr.write(
      `Token ${created.id} expires ${created.expiresAt.toISOString()}; it is shown only now:\n`,
    );
    console.log(created.token);
  });
}

/** `harbor token revoke`. */
export async function revokeCommand(id: string): Promise<void> {
  await withStore(async (store) => {
    await cliCall(() => revokeToken(store.db, CLI_ACTOR, undefined, id));
    console.log("Revoked.");
  });
}
