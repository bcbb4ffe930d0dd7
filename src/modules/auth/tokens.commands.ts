import type { Command } from "commander";
import { withStore } from "../../cli/store-context.ts";
import { CLI_ACTOR, cliCall } from "../users/users.commands.ts";
import { userByEmail } from "../users/users.service.ts";
import { createApiToken, parseLifetime, revokeToken } from "./api-tokens.service.ts";

/** `harbor token create|revoke`. */
export function registerTokenCommands(program: Command): void {
  const token = program.command("token").description("API tokens for integrations and scripts");
  token
    .command("create")
    .description("Create an API token for a user; printed once, stored hashed")
    .requiredOption("--user <email>", "the user the token acts as")
    .option("--expires <lifetime>", "lifetime, e.g. 30d or 12h (max 365d)", "30d")
    .option("--label <label>", "what the token is for", "cli")
    .action(async (opts: { user: string; expires: string; label: string }) => {
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
    });
  token
    .command("revoke <id>")
    .description("Revoke an API token at once")
    .action(async (id: string) => {
      await withStore(async (store) => {
        await cliCall(() => revokeToken(store.db, CLI_ACTOR, undefined, id));
        console.log("Revoked.");
      });
    });
}
