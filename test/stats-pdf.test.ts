import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { parse } from "csv-parse/sync";
import { reportPdf } from "../src/stats/pdf/report-pdf.ts";
import { buildReport } from "../src/stats/reports/reports.ts";
import type { IncidentRow, StatsRows } from "../src/stats/reports/rows.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, type TestUser } from "./support/auth.ts";
import { HARBOR_BIN } from "./support/harbor-process.ts";
import { pdfObjects, pdfText, resolveEntry } from "./support/pdf-text.ts";
import { call, recordsEnv } from "./support/records.ts";
import { describeEachStore } from "./support/stores.ts";

/*
 * The statistics PDF: a tagged PDF/UA document a screen reader can walk (language, structure tree with
 * headings, tables with header cells, the chart as a Figure with alt text) whose suppressed cells are
 * words, never their numbers; made by the real CLI from the build, and by the API as an attachment.
 */

const incident = (i: number, state: string): IncidentRow => ({
  caseId: `c${state}${i}`,
  orgId: "o",
  traffickingType: i % 2 ? "sex" : "labor",
  confirmation: "confirmed",
  leadAgencyType: null,
  agencyCount: 1,
  startedOn: "2025-03-01",
  incidentState: state,
  registeredYear: 2025,
});

/** 25 incidents in Texas, 13 in California, 3 in Georgia: GA is suppressed, and CA with it (else GA = total − the rest). */
const ROWS: StatsRows = {
  incidents: [
    ...Array.from({ length: 25 }, (_, i) => incident(i, "TX")),
    ...Array.from({ length: 13 }, (_, i) => incident(i, "CA")),
    ...Array.from({ length: 3 }, (_, i) => incident(i, "GA")),
  ],
  victims: [],
  suspects: [],
};

/** The line after a row label in the extracted text: that row's (first) cell. */
function cellAfter(lines: string[], label: string): string | undefined {
  return lines[lines.indexOf(label) + 1];
}

function assertTaggedPdf(pdf: Buffer, lang: string) {
  assert.equal(pdf.subarray(0, 5).toString("latin1"), "%PDF-");
  const raw = pdf.toString("latin1");
  assert.match(raw, /\/StructTreeRoot \d+ 0 R/);
  const markInfo = resolveEntry(pdfObjects(pdf), "MarkInfo");
  assert.match(markInfo?.dict.replace(/\s+/g, " ") ?? "", /<< ?\/Marked true ?>>/);
  assert.match(raw, new RegExp(`/Lang \\(${lang}\\)`));
  assert.match(raw, /\/DisplayDocTitle true/);
  assert.match(raw, /pdfuaid:part>1</);
  for (const tag of ["Document", "H1", "H2", "Table", "TR", "TH", "TD", "Figure"])
    assert.match(raw, new RegExp(`/S /${tag}\\b`), `structure element ${tag}`);
  assert.match(raw, /\/S \/Figure[\s\S]{0,200}?\/Alt \(/, "the Figure has alt text");
  assert.doesNotMatch(raw, /\/BaseFont \/Helvetica/, "every font is embedded");
}

test("the hotline PDF is tagged PDF/UA with title, tables and map; suppressed states are words, not numbers", async () => {
  const report = buildReport("hotline", ROWS);
  const ga = report.tables[0]!.cells[0]![report.tables[0]!.cols.indexOf("GA")]!;
  assert.equal(ga.suppressed, "primary");
  const pdf = await reportPdf(report, { lang: "en" });
  assertTaggedPdf(pdf, "en-US");
  assert.match(pdf.toString("latin1"), /\/Title \d+ 0 R/);
  assert.match(pdf.toString("latin1"), /\(Harbor statistics: Incidents by state and victims by industry\)/);
  const lines = pdfText(pdf).split("\n");
  assert.ok(lines.includes("Incidents by state"), "the table's heading");
  assert.equal(cellAfter(lines, "TX"), "25");
  assert.equal(cellAfter(lines, "GA"), "suppressed (fewer than 11)");
  assert.equal(cellAfter(lines, "CA"), "suppressed (protects a count fewer than 11)");
  assert.ok(!lines.includes("3") && !lines.includes("13"), "no suppressed count appears anywhere");
  assert.ok(lines.includes("GA: suppressed (fewer than 11)."), "the suppression note");
  assert.doesNotMatch(pdf.toString("latin1"), /GA: 3\b|CA: 13\b/, "nor in the alt text");
});

test("the PDF in Spanish says so and speaks Spanish", async () => {
  const pdf = await reportPdf(buildReport("incidents", ROWS), { lang: "es" });
  assertTaggedPdf(pdf, "es-US");
  const text = pdfText(pdf);
  assert.match(text, /Estadísticas de Harbor: Incidentes/);
  assert.match(text, /Incidentes por tipo de trata y confirmación/);
  assert.match(text, /Celdas suprimidas/);
});

describe("harbor stats --format pdf (the built CLI)", () => {
  const root = mkdtempSync(path.join(tmpdir(), "harbor-stats-pdf-"));
  const env = {
    ...process.env,
    HARBOR_DATA_DIR: path.join(root, "data"),
    DATABASE_URL: "",
    LOG_LEVEL: "silent",
  };
  const harbor = (args: string[], input?: string) => {
    const r = spawnSync(process.execPath, [HARBOR_BIN, ...args], { env, input: Buffer.from(input ?? "") });
    return { code: r.status, out: r.stdout, err: r.stderr.toString() };
  };

  test("writes a tagged PDF to --out, and to standard output", () => {
    let r = harbor(["org", "create", "--id", "pdf-pd", "--name", "PDF Police", "--type", "law_enforcement"]);
    assert.equal(r.code, 0, r.err);
    r = harbor(
      [
        "user",
        "create",
        "--org",
        "pdf-pd",
        "--email",
        "an@pdf.test",
        "--role",
        "analyst",
        "--password-stdin",
      ],
      "a long passphrase nobody guesses\n",
    );
    assert.equal(r.code, 0, r.err);
    const out = path.join(root, "victims.pdf");
    r = harbor([
      "stats",
      "victims",
      "--user",
      "an@pdf.test",
      "--from",
      "2025-01-01",
      "--format",
      "pdf",
      "--out",
      out,
    ]);
    assert.equal(r.code, 0, r.err);
    const pdf = readFileSync(out);
    assertTaggedPdf(pdf, "en-US");
    assert.match(pdfText(pdf), /Period: 2025-01-01 to today\./);
    assert.match(pdfText(pdf), /Victims by sex/);
    r = harbor(["stats", "victims", "--user", "an@pdf.test", "--format", "pdf", "--lang", "es"]);
    assert.equal(r.code, 0, r.err);
    assertTaggedPdf(r.out, "es-US");
  });
});

describeEachStore("GET /api/v1/stats/:report as PDF and CSV", (backend) => {
  let t: TestApp;
  let investigator: TestUser;
  before(async () => {
    t = await startTestApp(backend, recordsEnv());
    investigator = await createOrgWithUser(t.store, {
      orgId: "pdf-api-pd",
      orgType: "law_enforcement",
      roles: ["investigator"],
    });
    for (const [state, n] of [
      ["TX", 12],
      ["CA", 11],
      ["GA", 2],
    ] as const)
      for (let i = 0; i < n; i++) {
        const r = await call(t.app, "POST", "/api/v1/cases", investigator.headers, {
          title: `Case ${state} ${i}`,
          traffickingType: "labor",
          incidentState: state,
        });
        assert.equal(r.status, 201, r.raw);
      }
  });
  after(() => t.close());

  test("format=pdf and Accept: application/pdf answer an attached tagged PDF", async () => {
    for (const ask of [
      { url: "/api/v1/stats/hotline?format=pdf", accept: "application/json" },
      { url: "/api/v1/stats/hotline", accept: "application/pdf" },
    ]) {
      const r = await t.app.inject({
        method: "GET",
        url: ask.url,
        headers: { ...investigator.headers, accept: ask.accept },
      });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.headers["content-type"], "application/pdf");
      assert.match(
        String(r.headers["content-disposition"]),
        /^attachment; filename="harbor-stats-hotline\.pdf"$/,
      );
      const lines = pdfText(r.rawPayload).split("\n");
      assert.equal(cellAfter(lines, "TX"), "12");
      assert.equal(cellAfter(lines, "GA"), "suppressed (fewer than 11)");
    }
    const audited = await t.store.db
      .selectFrom("audit_events")
      .select("details")
      .where("action", "=", "stats.report")
      .execute();
    assert.ok(
      audited.some((a) => (a.details as { format?: string }).format === "pdf"),
      "the download is audited as a PDF",
    );
  });

  test("format=csv answers an attached CSV whose suppressed cells are empty with their reason", async () => {
    const r = await t.app.inject({
      method: "GET",
      url: "/api/v1/stats/hotline?format=csv&from=2020-01-01",
      headers: investigator.headers,
    });
    assert.equal(r.statusCode, 200, r.body);
    assert.match(String(r.headers["content-type"]), /^text\/csv/);
    assert.match(
      String(r.headers["content-disposition"]),
      /attachment; filename="harbor-stats-hotline-2020-01-01-to-today\.csv"/,
    );
    const rows: Array<Record<string, string>> = parse(r.body, { columns: true });
    const ga = rows.find((x) => x.table === "incidents_by_state" && x.column === "GA");
    assert.deepEqual([ga?.value, ga?.suppressed], ["", "primary"]);
    assert.equal(rows.find((x) => x.table === "incidents_by_state" && x.column === "TX")?.value, "12");
  });

  test("JSON stays the default, and a bad format is a 400 naming the field", async () => {
    const json = await call(t.app, "GET", "/api/v1/stats/hotline", investigator.headers);
    assert.equal(json.status, 200);
    assert.equal(json.body.report, "hotline");
    const bad = await call(t.app, "GET", "/api/v1/stats/hotline?format=docx", investigator.headers);
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /format/);
  });
});
