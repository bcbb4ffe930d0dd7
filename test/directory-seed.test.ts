import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { defaultCatalog, foldText } from "../src/modules/directory/directory.catalog.ts";
import type { Source } from "../src/modules/directory/directory.schema.ts";

const SEED = readFileSync(
  new URL("../data/directory/federal-anti-trafficking-efforts.txt", import.meta.url),
  "utf8",
);
const flat = (s: string) => s.replace(/\s+/g, " ").trim();
const catalog = defaultCatalog();

/** The ids the issue fixes as the contract. */
const CONTRACT_IDS = [
  "hhs",
  "hhs-otip",
  "hhs-otip-rescue-restore",
  "nhth",
  "dhs",
  "dhs-hstu",
  "dhs-blue-campaign",
  "dhs-operation-predator",
  "uscis",
  "uscis-vawa-unit",
  "doj",
  "doj-ceos",
  "doj-htpu",
  "doj-bja",
  "doj-ovc",
  "doj-bjs",
  "doj-nij",
  "doj-ojjdp",
  "ojjdp-icac",
  "fbi",
  "fbi-civil-rights",
  "fbi-innocence-lost",
  "ncmec",
  "ht-task-forces",
  "dol",
  "dol-ilab",
  "dol-whd",
  "dos",
  "dos-tip-report",
  "dos-visa-holder-resources",
  "hstc",
  "odni",
  "northeastern-university",
  "strategic-action-plan",
];

/** Names the extraction finds that are not organizations, with the reason; anything else must resolve. */
const NOT_ENTRIES: Record<string, string> = {
  NGO: "a generic term (non-governmental organization), not a named body",
  CSEC: "a crime type (commercial sexual exploitation of children), recorded as ICAC's crime types",
  FLSA: "a statute, recorded as a note of dol-whd",
  AWPA: "a statute, recorded as a note of dol-whd",
  "Fair Labor Standards Act": "a statute, recorded as a note of dol-whd",
  "Migrant and Seasonal Agricultural Workers Protection Act": "a statute, recorded as a note of dol-whd",
};

const ORG_WORD =
  /\b(Office|Bureau|Department|Unit|Section|Division|Center|Task Forces?|Campaign|Initiative|Hotline|Report|Plan|University|System|Services|Institute|Intelligence|Prevention|Predator|Rights|Helpline|Restore)\b/;
const RUN = /[A-Z][\w'&/-]*(?:[ \t]+(?:(?:and|of|on|for|in|the|&)[ \t]+)*[A-Z][\w'&/-]*)*/g;

/** Every organization-like name in the seed: labelled paragraphs, bullet subjects, abbreviations, name runs. */
function namesInSeed(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split("\n")) {
    const body = line.replace(/^\s*•\s*/, "").trim();
    const label = /^([^:]{3,90}?)(?:\s*\(([A-Z]+)\))?:\s/.exec(body);
    if (label?.[1] && !/\b(may|at)\b/.test(label[1])) names.add(label[1].trim());
    if (!label && line.trim().startsWith("•")) {
      const subject =
        /^((?:[A-Z][\w/&'-]*|\([A-Z]+\))(?:\s+(?:[A-Z][\w/&'-]*|and|\([A-Z]+\)))*)\s+[a-z,]/.exec(body);
      // Bullets that start with a verb ("Collaborates", "Publishes") describe the heading above: no subject.
      if (subject?.[1] && !/^[A-Z][a-z]+s$/.test(subject[1]))
        names.add(subject[1].replace(/\s*\([A-Z]+\)/g, ""));
    }
  }
  for (const m of text.matchAll(/\(([A-Z][A-Za-z]{1,7})\)/g)) names.add(m[1]!);
  for (const m of text.matchAll(RUN)) {
    // "X and the Y" names two bodies.
    for (const part of m[0].split(/\s+and\s+the\s+/)) if (ORG_WORD.test(part)) names.add(part);
  }
  for (const m of text.matchAll(/\b(FBI|NCMEC|DOJ|ICAC)\b/g)) names.add(m[1]!);
  return names;
}

/** An entry the name denotes: equal to (or the start of) its name, an alias or the abbreviation. */
function resolveName(name: string): string | undefined {
  const n = foldText(name.replace(/^the\s+/i, ""));
  const abbreviations: Record<string, string> = { DOJ: "doj", FBI: "fbi" };
  if (abbreviations[name]) return abbreviations[name];
  for (const e of catalog.entries) {
    const labels = [e.name, ...e.aliases, ...(e.abbreviation ? [e.abbreviation] : [])]
      .flatMap((l) => [l, l.replace(/\s*\([^)]*\)/g, "")])
      .map(foldText);
    if (labels.some((l) => l === n || (n.length > 12 && l.startsWith(n)))) return e.id;
  }
  return undefined;
}

function quotesOf(s: Source): string[] {
  return "quote" in s && s.quote ? [s.quote] : [];
}

describe("directory against the seed", () => {
  test("every organization, unit, program, campaign, hotline and resource named in the seed has an entry", () => {
    const names = namesInSeed(SEED);
    assert.ok(names.size > 30, `extraction found only ${names.size} names`);
    const missing = [...names].filter((n) => !NOT_ENTRIES[n] && !resolveName(n));
    assert.deepEqual(missing, [], `named in the seed but not in the directory: ${missing.join("; ")}`);
  });

  test("every contract id from the issue exists", () => {
    const missing = CONTRACT_IDS.filter((id) => !catalog.byId.has(id));
    assert.deepEqual(missing, []);
  });

  test("every seed quote is an exact sentence of the seed (whitespace aside)", () => {
    const seed = flat(SEED);
    const bad: string[] = [];
    for (const e of catalog.entries) {
      const all = [
        ...e.nameSources,
        ...(e.parent?.sources ?? []),
        ...e.functions.flatMap((f) => f.sources),
        ...e.populations.flatMap((p) => p.sources),
        ...e.crimeTypes.flatMap((c) => c.sources),
        ...e.contacts.flatMap((c) => c.sources),
        ...e.notes.flatMap((n) => n.sources),
      ];
      for (const q of all.flatMap(quotesOf))
        if (!seed.includes(flat(q))) bad.push(`${e.id}: ${q.slice(0, 60)}…`);
    }
    assert.deepEqual(bad, []);
  });

  test("every entry the seed names cites a seed sentence for its name", () => {
    const named = catalog.entries.filter((e) => CONTRACT_IDS.includes(e.id));
    const without = named.filter(
      (e) => !e.nameSources.some((s) => "quote" in s && s.quote && !("inferred" in s)),
    );
    assert.deepEqual(
      without.map((e) => e.id),
      [],
    );
  });

  test("the VAWA Unit Helpline number comes from the seed", () => {
    const helpline = catalog.byId.get("uscis-vawa-unit")?.contacts.find((c) => c.id === "helpline");
    assert.equal(helpline?.value, "802-527-4888");
    assert.ok(helpline?.sources.some((s) => "quote" in s && s.quote?.includes("802-527-4888")));
  });

  test("the inferred FBI programs are marked as inferred, with a reason", () => {
    for (const id of ["fbi-civil-rights", "fbi-innocence-lost"]) {
      const parent = catalog.byId.get(id)?.parent;
      assert.equal(parent?.id, "fbi");
      assert.ok(
        parent?.sources.some((s) => "inferred" in s && s.reason.length > 20),
        id,
      );
    }
  });

  test("the data copy of the seed matches the shared seed when it is available", (t) => {
    const shared = new URL("../../shared/seed/federal-anti-trafficking-efforts.txt", import.meta.url);
    let text: string;
    try {
      text = readFileSync(shared, "utf8");
    } catch {
      return t.skip("shared seed not present");
    }
    assert.equal(text, SEED);
  });
});
