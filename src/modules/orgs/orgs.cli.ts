import { CliError, printJson } from "../../cli/output.ts";
import { withStore } from "../../cli/store-context.ts";
import { ORG_TYPES, type OrgType } from "../auth/auth.context.ts";
import { CLI_ACTOR, cliCall } from "../users/users.cli.ts";
import { ORG_ID_PATTERN } from "./orgs.schema.ts";
import { createOrg, setHostOrg, visibleOrgs } from "./orgs.service.ts";

/** `harbor org create`. */
export async function createCommand(opts: { id: string; name: string; type: string }): Promise<void> {
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
}

/** `harbor org list`. */
export async function listCommand(): Promise<void> {
  await withStore(async (store) => printJson(await visibleOrgs(store.db, CLI_ACTOR)));
}

/** `harbor org host`. */
export async function hostCommand(id: string): Promise<void> {
  await withStore(async (store) => {
    await cliCall(() => setHostOrg(store.db, CLI_ACTOR, id));
    console.log(`${id} is now the installation's host.`);
  });
}
