import type { Command } from "commander";
import { CliError, printJson } from "../../cli/output.ts";
import { withStore } from "../../cli/store-context.ts";
import { ORG_TYPES, type OrgType } from "../auth/auth.context.ts";
import { CLI_ACTOR, cliCall } from "../users/users.commands.ts";
import { ORG_ID_PATTERN } from "./orgs.schema.ts";
import { createOrg, setHostOrg, visibleOrgs } from "./orgs.service.ts";

/** `harbor org create|list|host`. */
export function registerOrgCommands(program: Command): void {
  const org = program.command("org").description("Organizations");
  org
    .command("create")
    .description("Create an organization (the first one becomes the installation's host)")
    .requiredOption("--id <id>", "short id: lower-case letters, digits, dashes")
    .requiredOption("--name <name>", "display name")
    .requiredOption("--type <type>", ORG_TYPES.join(" | "))
    .action(async (opts: { id: string; name: string; type: string }) => {
      if (!(ORG_TYPES as readonly string[]).includes(opts.type))
        throw new CliError(`--type must be one of: ${ORG_TYPES.join(", ")}.`);
      if (!ORG_ID_PATTERN.test(opts.id))
        throw new CliError("--id must be 2–63 lower-case letters, digits or dashes.");
      await withStore(async (store) => {
        const created = await cliCall(() =>
          createOrg(store.db, CLI_ACTOR, { id: opts.id, name: opts.name, type: opts.type as OrgType }),
        );
        console.log(
          `Created organization ${created.id} (${created.type})${created.host ? ", the installation's host" : ""}.`,
        );
      });
    });
  org
    .command("list")
    .description("List organizations")
    .action(async () => {
      await withStore(async (store) => printJson(await visibleOrgs(store.db, CLI_ACTOR)));
    });
  org
    .command("host <id>")
    .description("Make an organization the installation's host (its admins create organizations)")
    .action(async (id: string) => {
      await withStore(async (store) => {
        await cliCall(() => setHostOrg(store.db, CLI_ACTOR, id));
        console.log(`${id} is now the installation's host.`);
      });
    });
}
