import { readFileSync } from "node:fs";
import { CliError, printJson } from "../../cli/output.ts";
import { FactsSchema } from "../routing/routing.schema.ts";
import { evaluateFacts } from "../routing/routing.service.ts";
import { type DirectoryFilter, defaultCatalog, filterEntries } from "./directory.catalog.ts";
import { inLanguage } from "./directory.i18n.ts";
import type { Lang } from "./directory.lang.ts";
import { type EntryView, presentEntry, presentList } from "./directory.presenter.ts";

// These commands read the reviewed data file, not the store: the directory is public reference data
// whose source of truth is the file (the store only holds a copy for SQL search), so they work with no
// database, never contend for the data-folder lock, and the CLI does not open the database (style lesson
// 11). `--json` prints exactly what the API returns, through the same presenter.

function printEntryLine(e: EntryView): void {
  const abbr = e.abbreviation && !e.name.includes(`(${e.abbreviation})`) ? ` (${e.abbreviation})` : "";
  console.log(`${e.id.padEnd(30)} ${e.name}${abbr}  [${e.functions.map((f) => f.value).join(", ")}]`);
}

function printEntry(e: EntryView): void {
  const show = (label: string, sources: EntryView["nameSources"]) => {
    console.log(label);
    for (const s of sources) {
      if (s.kind === "seed") console.log(`      seed: "${s.quote}"`);
      else if (s.kind === "inferred") console.log(`      inferred: ${s.reason}`);
      else console.log(`      external: ${s.citation} (${s.reference})${s.toVerify ? " [to verify]" : ""}`);
    }
  };
  const abbr = e.abbreviation && !e.name.includes(`(${e.abbreviation})`) ? ` (${e.abbreviation})` : "";
  console.log(`${e.name}${abbr} — ${e.kind.replace("_", " ")} [${e.id}]`);
  if (e.localName) console.log(`  (${e.localName})`);
  show("  name", e.nameSources);
  if (e.parent) show(`  parent: ${e.parent.id}`, e.parent.sources);
  if (e.children?.length) console.log(`  children: ${e.children.join(", ")}`);
  for (const f of e.functions) show(`  does: ${f.value} — ${f.detail}`, f.sources);
  for (const p of e.populations) show(`  serves: ${p.value}`, p.sources);
  for (const c of e.crimeTypes) show(`  crime: ${c.value}`, c.sources);
  for (const c of e.contacts) show(`  contact: ${c.label}: ${c.value}`, c.sources);
  for (const n of e.notes) show(`  note: ${n.text}`, n.sources);
}

function readFacts(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new CliError(`${file === "-" ? "Standard input" : file} is not valid JSON.`);
  }
}

/** `harbor directory list`. */
export function listCommand(opts: DirectoryFilter & { json?: boolean; lang: Lang }): void {
  const { json, lang, ...filter } = opts;
  const entries = filterEntries(defaultCatalog(), filter);
  if (json) {
    printJson(presentList(entries, lang));
    return;
  }
  for (const e of entries) printEntryLine(presentEntry(e, undefined, lang));
}

/** `harbor directory show`. */
export function showCommand(id: string, opts: { json?: boolean; lang: Lang }): void {
  const catalog = defaultCatalog();
  const entry = catalog.byId.get(id);
  if (!entry) throw new CliError(`No directory entry '${id}'. Try: harbor directory search <words>`, 1);
  const children = catalog.entries.filter((e) => e.parent?.id === id).map((e) => e.id);
  const view = presentEntry(entry, children, opts.lang);
  if (opts.json) {
    printJson(view);
    return;
  }
  printEntry(view);
}

/** `harbor directory search`. */
export function searchCommand(words: string[], opts: { json?: boolean; lang: Lang }): void {
  // Searches the texts in --lang, as the API does for ?lang= (the same folded texts as the store's).
  const entries = filterEntries(defaultCatalog(), { q: words.join(" ") }, inLanguage(opts.lang));
  if (opts.json) {
    printJson(presentList(entries, opts.lang));
    return;
  }
  if (!entries.length) console.log("No entry matches.");
  for (const e of entries) printEntryLine(presentEntry(e, undefined, opts.lang));
}

/** `harbor route --facts FILE|-`. */
export function routeCommand(opts: { facts: string; lang: Lang }): void {
  const parsed = FactsSchema.safeParse(readFacts(opts.facts));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CliError(`Invalid facts: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  printJson(evaluateFacts(parsed.data, opts.lang));
}
