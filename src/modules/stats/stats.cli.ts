import { writeFileSync } from "node:fs";
import { CliError, printJson } from "../../cli/output.ts";
import { withStore } from "../../cli/store-context.ts";
import { REPORTS, type ReportName } from "../../stats/reports/reports.ts";
import type { Store } from "../../store/store.ts";
import type { AuthContext } from "../auth/auth.context.ts";
import type { Caller } from "../policy/access.ts";
import { CLI_ACTOR, cliCall } from "../users/users.cli.ts";
import { userByEmail } from "../users/users.service.ts";
import { exportCsv, reportFile } from "./stats.formats.ts";
import { ReportQuery } from "./stats.schema.ts";
import { statsExport, statsReport } from "./stats.service.ts";

interface Opts {
  user: string;
  from?: string;
  to?: string;
  threshold?: string;
  format: "json" | "csv" | "pdf";
  out?: string;
  lang?: "en" | "es";
}

/** The CLI acts as the named user: their roles and organization decide what is counted, and it is audited as them. */
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

function filters(opts: Opts) {
  const parsed = ReportQuery.safeParse({
    ...(opts.from ? { from: opts.from } : {}),
    ...(opts.to ? { to: opts.to } : {}),
    ...(opts.threshold ? { threshold: opts.threshold } : {}),
  });
  if (!parsed.success)
    throw new CliError(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; "));
  return parsed.data;
}

export async function statsCommand(report: string, opts: Opts): Promise<void> {
  if (!(REPORTS as readonly string[]).includes(report))
    throw new CliError(`report must be one of ${REPORTS.join(", ")}`);
  const query = filters(opts);
  await withStore(async (store) => {
    const out = await cliCall(async () =>
      statsReport(store, await callerFor(store, opts.user), report as ReportName, query, opts.format),
    );
    if (opts.format === "json") {
      if (opts.out) writeFileSync(opts.out, `${JSON.stringify(out, null, 2)}\n`);
      else printJson(out);
      return;
    }
    if (opts.format === "pdf" && !opts.out && process.stdout.isTTY)
      throw new CliError("a PDF is not for a terminal: give --out FILE or redirect the output");
    const file = await reportFile(out, opts.format, opts.lang ?? "en");
    if (opts.out) {
      writeFileSync(opts.out, file.body);
      process.stderr.write(`Wrote ${opts.out}\n`);
    } else process.stdout.write(file.body);
  });
}

export async function exportCommand(kind: string, opts: Opts): Promise<void> {
  if (kind !== "ctdc" && kind !== "htcds") throw new CliError("kind must be ctdc or htcds");
  const { threshold: _t, ...query } = filters(opts);
  await withStore(async (store) => {
    const format = opts.format === "json" ? "json" : "csv";
    const out = await cliCall(async () =>
      statsExport(store, await callerFor(store, opts.user), kind, query, format),
    );
    if (out.kind === "ctdc" && out.ctdc) {
      process.stderr.write(`${JSON.stringify(out.ctdc.report)}\n`);
      if (format === "csv") process.stdout.write(exportCsv({ kind: "ctdc", ctdc: out.ctdc }));
      else printJson(out.ctdc);
    } else if (out.htcds) {
      if (format === "json") printJson(out.htcds);
      else process.stdout.write(exportCsv({ kind: "htcds", htcds: out.htcds }));
    }
  });
}
