import { CliError, printJson } from "../../cli/output.ts";
import { withStore } from "../../cli/store-context.ts";
import { ORG_TYPES, type OrgType } from "../auth/auth.context.ts";
import { CLI_ACTOR, cliCall } from "../users/users.cli.ts";
import { createOrg, visibleOrgs } from "./orgs.service.ts";

/** `harbor org create`. */
export async function createCommand(opts: { id: string; name: string; type: string }): Promise<void> {
  if (!(ORG_TYPES as readonly string[]).includes(opts.type))
    throw new CliError(`--type must be one of: ${ORG_TYPES.join(", ")}.`);
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(opts.id))
    throw new CliError("--id must be 2–63 lower-case letters, digits or dashes.");
  await withStore(async (store) => {
    const created = await cliCall(() =>
      createOrg(store.db, CLI_ACTOR, { id: opts.id, name: opts.name, type: opts.type as OrgType }),
    );
    console.log(`Created organization ${created.id} (${created.type}).`);
  });
}

/** `harbor org list`. */
export async function listCommand(): Promise<void> {
  await withStore(async (store) => printJson(await visibleOrgs(store.db, CLI_ACTOR)));
}
