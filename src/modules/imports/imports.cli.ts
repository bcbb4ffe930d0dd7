import { readFileSync } from "node:fs";
import { CliError, printJson, progress } from "../../cli/output.ts";
import { withStore } from "../../cli/store-context.ts";
import { loadConfig } from "../../config.ts";
import { HTCDS_TABLES } from "../../stats/exports/htcds.ts";
import type { Store } from "../../store/store.ts";
import type { AuthContext } from "../auth/auth.context.ts";
import { cryptoFor } from "../auth/totp-secrets.ts";
import type { Caller } from "../policy/access.ts";
import { registerSearchCrypto } from "../search/search.crypto.ts";
import { CLI_ACTOR, cliCall } from "../users/users.cli.ts";
import { userByEmail } from "../users/users.service.ts";
import { planCsv } from "./imports.csv.ts";
import { mappingTemplate } from "./imports.fields.ts";
import { planHtcds } from "./imports.htcds.ts";
import { readHtcds } from "./imports.htcds-read.ts";
import { ImportInvalid, type ImportPlan, type RowError } from "./imports.plan.ts";
import { runImport } from "./imports.service.ts";

interface Opts {
  user?: string;
  as?: string;
  mapping?: string;
  template?: boolean;
  dryRun?: boolean;
}

/** The CLI acts as the named user (house convention of `harbor stats`/`export`): audited as them. */
async function callerFor(store: Store, email: string): Promise<Caller> {
  const user = await userByEmail(store.db, CLI_ACTOR, email);
  const auth: AuthContext = {
    kind: "user",
    userId: user.id,
    orgId: user.org_id,
    orgType: user.org_type,
    roles: user.roles,
    via: "token",
    credentialId: "cli",
  };
  return { auth, meta: {} };
}

function readMapping(file: string): Record<string, string> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new CliError(`--mapping: cannot read ${file} as JSON (${(e as Error).message})`);
  }
  const columns = (json as { columns?: unknown }).columns;
  if (!columns || typeof columns !== "object" || Object.values(columns).some((v) => typeof v !== "string"))
    throw new CliError('--mapping: the file needs "columns": { "<Harbor field>": "<your column>" }');
  return columns as Record<string, string>;
}

/** Every problem, one a line: where (table, line, column) and what, in plain words. */
export function formatErrors(errors: RowError[]): string {
  return errors
    .map((e) => {
      const where = [
        e.table ? `table ${e.table}` : "",
        e.row ? `line ${e.row}` : "",
        e.column ? `column ${e.column}` : "",
      ]
        .filter(Boolean)
        .join(", ");
      return `  ${where || "file"}: ${e.message}`;
    })
    .join("\n");
}

export async function importCommand(kind: string, file: string | undefined, opts: Opts): Promise<void> {
  if (kind === "template" || opts.template) {
    const which = kind === "template" ? file : kind;
    if (which !== "csv" && which !== "htcds") throw new CliError("template: say csv or htcds");
    printJson(mappingTemplate(which, HTCDS_TABLES));
    return;
  }
  if (kind !== "csv" && kind !== "htcds") throw new CliError("kind must be csv, htcds or template");
  if (!file) throw new CliError("give the file to import");
  const email = opts.user ?? opts.as;
  if (!email) throw new CliError("--user <email>: the user the import is made as");
  const mapping = opts.mapping ? readMapping(opts.mapping) : undefined;
  let planned: { plan: ImportPlan; errors: RowError[] };
  try {
    if (kind === "csv") planned = planCsv(readFileSync(file, "utf8"), mapping);
    else {
      const read = readHtcds(file);
      planned = planHtcds(read.tables, mapping);
      planned.errors.unshift(...read.errors);
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code)
      throw new CliError(`cannot read ${file} (${(e as NodeJS.ErrnoException).code})`);
    throw e;
  }
  if (planned.errors.length) {
    process.stderr.write(`${formatErrors(planned.errors)}\n`);
    throw new CliError(new ImportInvalid(planned.errors).message);
  }
  const config = loadConfig();
  await withStore(async (store) => {
    // What start-up does for a server: sealing needs the keys, and the writers index free text for search.
    registerSearchCrypto(await cryptoFor(store, config));
    const bar = progress();
    const caller = await cliCall(() => callerFor(store, email));
    let started = false;
    try {
      const out = await cliCall(() =>
        runImport(store, caller, planned.plan, {
          kind,
          dryRun: Boolean(opts.dryRun),
          onProgress: (done, total) => {
            if (!started) bar.start(total, opts.dryRun ? "Checking" : "Importing");
            started = true;
            bar.update(done);
          },
        }),
      );
      bar.stop();
      printJson(out);
    } catch (e) {
      bar.stop();
      if (e instanceof ImportInvalid) {
        process.stderr.write(`${formatErrors(e.errors)}\n`);
        throw new CliError(e.message);
      }
      throw e;
    }
  });
}
