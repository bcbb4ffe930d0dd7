import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { AppError } from "../../server/errors.ts";
import type { Database } from "../../store/schema.ts";
import type { Store } from "../../store/store.ts";
import { openCaseInTransaction, recordCaseActivity } from "../cases/cases.service.ts";
import { type FieldCrypto, fieldCryptoOf, sealRecord } from "../crypto/crypto.service.ts";
import { addPersonInTransaction } from "../persons/persons.service.ts";
import { audit, type Caller, FORBIDDEN, guarded } from "../policy/access.ts";
import { allowedRelations } from "../policy/policy.engine.ts";
import { planCsv } from "./imports.csv.ts";
import { planHtcds } from "./imports.htcds.ts";
import { readHtcdsTables, readHtcdsText } from "./imports.htcds-read.ts";
import {
  ImportInvalid,
  type ImportPlan,
  type PlannedCase,
  planCounts,
  type RowError,
} from "./imports.plan.ts";
import { importsRepository } from "./imports.repository.ts";

/**
 * The largest import done in one transaction (persons): all or nothing, and the embedded store runs
 * one transaction at a time, so a bigger file is to be split (each part is then its own all-or-nothing).
 */
export const MAX_IMPORT_PERSONS = 20_000;

/** Who may import: whoever may open a case in their organization (the same check as runImport's). */
const mayImport = (caller: Caller) => allowedRelations(caller.auth, "case", "create").includes("owner");

class DryRunDone extends Error {
  constructor(readonly counts: ReturnType<typeof planCounts>) {
    super("dry run");
  }
}

export interface ImportOptions {
  kind: "csv" | "htcds";
  dryRun: boolean;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Writes a validated plan in ONE transaction as `caller`: each case through openCaseInTransaction
 * (sealed, indexed, audited), each person through addPersonInTransaction, charges and events beside
 * them, then one `import.run` audit event. Any failure rolls all of it back and is reported with the
 * row it came from. A dry run does the same writes and rolls them back: every check the services make
 * is made, nothing is kept, and nothing is audited.
 */
export async function runImport(store: Store, caller: Caller, plan: ImportPlan, options: ImportOptions) {
  const counts = planCounts(plan);
  if (counts.persons > MAX_IMPORT_PERSONS)
    throw new ImportInvalid([
      {
        row: 0,
        column: "",
        message: `the file has ${counts.persons} persons; one import takes at most ${MAX_IMPORT_PERSONS}: split it`,
      },
    ]);
  const crypto = fieldCryptoOf(store);
  try {
    const result = await guarded(
      store.db,
      caller,
      { action: "import.run", targetType: "import", targetIds: [] },
      async (trx) => {
        if (!mayImport(caller)) return FORBIDDEN;
        let done = 0;
        const total = counts.persons + counts.cases;
        for (const kase of plan.cases) {
          await writeCase(trx, caller, kase, crypto);
          done += kase.persons.length + 1;
          options.onProgress?.(done, total);
        }
        if (options.dryRun) throw new DryRunDone(counts);
        await audit(trx, caller, {
          action: "import.run",
          outcome: "success",
          targetType: "import",
          targetIds: [],
          details: {
            kind: options.kind,
            cases: counts.cases,
            persons: counts.persons,
            charges: counts.charges,
          },
        });
        return counts;
      },
    );
    return { dryRun: false, created: result, notes: plan.notes };
  } catch (e) {
    if (e instanceof DryRunDone) return { dryRun: true, wouldCreate: e.counts, notes: plan.notes };
    throw e;
  }
}

/**
 * Plans files already read as text, as the CLI plans a file: a CSV; HTCDS as one file (JSON or the
 * sectioned CSV) or as one file a table named <table>.csv. Pure: every problem, by row.
 */
export function planFiles(
  kind: "csv" | "htcds",
  files: { name: string; text: string }[],
  mapping: Record<string, string> | undefined,
): { plan: ImportPlan; errors: RowError[] } {
  if (kind === "csv") return planCsv(files[0]!.text, mapping);
  const read = files.length === 1 ? readHtcdsText(files[0]!.text) : readHtcdsTables(files);
  const planned = planHtcds(read.tables, mapping);
  planned.errors.unshift(...read.errors);
  return planned;
}

/**
 * An import of uploaded files (the API's): the caller's right to import is checked first (403,
 * audited, whatever the files hold), then the files are planned (ImportInvalid with every bad row),
 * then runImport writes them in one transaction, or checks and rolls back for a dry run.
 */
export async function importFiles(
  store: Store,
  caller: Caller,
  input: {
    kind: "csv" | "htcds";
    files: { name: string; text: string }[];
    mapping: Record<string, string> | undefined;
    dryRun: boolean;
  },
) {
  if (!mayImport(caller))
    await guarded(
      store.db,
      caller,
      { action: "import.run", targetType: "import", targetIds: [] },
      async () => FORBIDDEN,
    );
  const { plan, errors } = planFiles(input.kind, input.files, input.mapping);
  if (errors.length) throw new ImportInvalid(errors);
  return runImport(store, caller, plan, { kind: input.kind, dryRun: input.dryRun });
}

/** One case of the plan; a refusal is reported against the row it came from. */
async function writeCase(trx: Kysely<Database>, caller: Caller, planned: PlannedCase, crypto: FieldCrypto) {
  let row = planned.row;
  try {
    const opened = await openCaseInTransaction(trx, caller, planned.input, crypto);
    const kase = { ...opened, relation: "owner" as const };
    const countries = new Set<string>();
    for (const person of planned.persons) {
      row = person.row;
      const { id } = await addPersonInTransaction(trx, caller, kase, person.input, crypto);
      if (person.exploitationCountry) countries.add(person.exploitationCountry);
      const charges: string[] = [];
      for (const charge of person.charges) {
        row = charge.row;
        charges.push(await importsRepository.insertCharge(trx, caller.auth, kase, id, charge));
      }
      if (charges.length) {
        await recordCaseActivity(trx, caller.auth, kase, {
          kind: "charge.added",
          ref: { type: "person", id },
          details: { charges: charges.length },
        });
        await audit(trx, caller, {
          action: "charge.create",
          outcome: "success",
          targetType: "charge",
          targetIds: charges,
          details: { caseId: kase.id, personId: id },
        });
      }
    }
    for (const country of countries) {
      const eventId = randomUUID();
      // An event's place is sealed under its own key; an imported event has no place, but keeps the shape.
      const { dataKeyId } = await sealRecord(
        trx,
        crypto,
        { table: "case_events", rowId: eventId, orgId: kase.org_id },
        {},
      );
      await importsRepository.insertExploitationEvent(trx, caller.auth, kase, dataKeyId, eventId, country);
    }
  } catch (e) {
    if (e instanceof DryRunDone || e instanceof ImportInvalid) throw e;
    // A service's refusal or a database check names the row; anything else is a fault, not the file's.
    const pg = e as { code?: unknown; constraint?: string };
    const fromDatabase = typeof pg.code === "string" && /^[0-9A-Z]{5}$/.test(pg.code);
    if (!(e instanceof AppError) && !fromDatabase) throw e;
    const message =
      e instanceof AppError
        ? `refused: ${e.message}`
        : `the database refused it (${pg.constraint ?? "a check failed"})`;
    throw new ImportInvalid([{ row, column: "", message }]);
  }
}
