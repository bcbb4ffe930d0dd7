import PDFDocument from "pdfkit";
import SVGtoPDF from "svg-to-pdfkit";
import { fromRoot } from "../../paths.ts";
import type { PublishedCell } from "../disclosure/suppression.ts";
import type { Report, ReportTable } from "../reports/reports.ts";
import { CHART_HEIGHT, CHART_WIDTH, chartSvg } from "./chart-svg.ts";
import { type PdfLang, pdfWords, readable } from "./labels.ts";
import { chartSeries, layoutTable } from "./layout.ts";
import { STATE_MAP_HEIGHT, STATE_MAP_WIDTH, stateMapSvg } from "./state-map-svg.ts";

/**
 * A report as a tagged PDF (PDF/UA-1): document language, title shown in the window, a structure tree
 * (H1, then per table an H2, the chart as a Figure with alt text, the table as a real Table with header
 * cells, and its suppression notes), every glyph from an embedded font (Public Sans, SIL OFL, in
 * data/fonts/) because PDF/UA forbids relying on a viewer's fonts. Suppressed cells are written as words,
 * never as numbers. Pure: a report in, the bytes out.
 */

const FONT = fromRoot("data", "fonts", "PublicSans-Regular.ttf");
const BOLD = fromRoot("data", "fonts", "PublicSans-Bold.ttf");
const MARGIN = 54;
/** More categories than this and a bar chart is unreadable; incidents by state get the map instead. */
const MAX_BARS = 24;

type Struct = PDFKit.PDFStructureElement;
type Doc = PDFKit.PDFDocument;

export interface ReportPdfOptions {
  lang: PdfLang;
}

export function reportPdf(report: Report, options: ReportPdfOptions): Promise<Buffer> {
  const words = pdfWords(options.lang);
  const title = words.document(words.reportTitle(report.report));
  const doc = new PDFDocument({
    pdfVersion: "1.5",
    subset: "PDF/UA",
    tagged: true,
    displayTitle: true,
    lang: options.lang === "es" ? "es-US" : "en-US",
    size: "LETTER",
    margin: MARGIN,
    info: { Title: title, Author: "Harbor", Subject: words.reportTitle(report.report) },
    // @types/pdfkit lists only the PDF/A subsets; pdfkit 0.20 takes "PDF/UA" too.
  } as unknown as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.registerFont("Body", FONT);
  doc.registerFont("Bold", BOLD);
  doc.font("Body");

  const root = doc.struct("Document");
  doc.addStructure(root);
  heading(doc, root, "H1", title, 18);
  paragraph(doc, root, words.period(report.filters.from, report.filters.to));
  paragraph(doc, root, words.protection(report.threshold));
  for (const table of report.tables) section(doc, root, table, report.threshold, options.lang);
  root.end();
  doc.end();
  return done;
}

function heading(doc: Doc, parent: Struct, tag: "H1" | "H2" | "H3", text: string, size: number) {
  doc.moveDown(0.5);
  parent.add(
    doc.struct(tag, {}, () => {
      doc
        .font("Bold")
        .fontSize(size)
        .text(text, { width: contentWidth(doc) });
    }),
  );
  doc.font("Body").fontSize(10);
}

function paragraph(doc: Doc, parent: Struct, text: string) {
  parent.add(
    doc.struct("P", {}, () => {
      doc
        .font("Body")
        .fontSize(10)
        .text(text, { width: contentWidth(doc) });
    }),
  );
}

const contentWidth = (doc: Doc) => doc.page.width - 2 * MARGIN;

/** What a suppressed cell says instead of its number: why, and the threshold. */
export function cellText(cell: PublishedCell | undefined, threshold: number, lang: PdfLang): string {
  const words = pdfWords(lang);
  if (!cell) return "";
  if (cell.suppressed === "primary") return words.primary(threshold);
  if (cell.suppressed === "complementary") return words.complementary(threshold);
  return String(cell.value ?? "");
}

function section(doc: Doc, root: Struct, table: ReportTable, threshold: number, lang: PdfLang) {
  const words = pdfWords(lang);
  const label = (code: string) => readable(code, lang);
  const title = words.tableTitle(table.id);
  const sect = doc.struct("Sect");
  root.add(sect);
  if (doc.y > doc.page.height - MARGIN - 120) doc.addPage();
  heading(doc, sect, "H2", title, 13);
  figure(doc, sect, table, title, threshold, lang);
  const laid = layoutTable(table);
  const header = [words.category, ...laid.headers.map(label)].map((text) => ({
    text,
    type: "TH" as const,
    scope: "column",
    font: { src: "Bold" },
  }));
  const body = laid.rows.map((r) => [
    { text: label(r.label), type: "TH" as const, scope: "row", font: { src: "Bold" } },
    ...r.cells.map((c) => ({ text: cellText(c, threshold, lang), type: "TD" as const })),
  ]);
  doc.moveDown(0.5);
  doc.fontSize(9);
  doc.table({
    structParent: sect,
    data: [header, ...body],
    defaultStyle: { padding: 3, border: 0.5 },
  } as PDFKit.Mixins.TableOptionsWithData);
  doc.fontSize(10);
  doc.x = MARGIN;
  heading(doc, sect, "H3", words.notesHeading, 11);
  if (!table.suppressed.length) paragraph(doc, sect, words.noSuppressed);
  for (const s of table.suppressed)
    paragraph(
      doc,
      sect,
      words.note(
        // A one-way table's only row is its unit: the column names the cell.
        table.kind === "two_way" ? `${label(s.row)}, ${label(s.col)}` : label(s.col),
        s.reason === "primary" ? words.primary(threshold) : words.complementary(threshold),
      ),
    );
  sect.end();
}

/** The chart, vector, as a Figure whose alt text reads out every bar (suppressed ones said as such). */
function figure(doc: Doc, sect: Struct, table: ReportTable, title: string, threshold: number, lang: PdfLang) {
  const words = pdfWords(lang);
  const label = (code: string) => readable(code, lang);
  const isMap = table.id === "incidents_by_state";
  const { categories, series } = chartSeries(table);
  if (!isMap && categories.length > MAX_BARS) return;
  const parts = series
    .flatMap((s) =>
      categories.map((c, i) => {
        const cell =
          table.kind === "two_way" ? table.cells[i]?.[table.cols.indexOf(s.name)] : table.cells[0]?.[i];
        const name = series.length > 1 ? `${label(c)}, ${label(s.name)}` : label(c);
        return words.chartPart(name, cellText(cell, threshold, lang));
      }),
    )
    .join("; ");
  const alt = isMap ? `${title}. ${parts}.` : words.chartAlt(title, `${parts}.`);
  const width = isMap ? STATE_MAP_WIDTH : CHART_WIDTH;
  const height = isMap ? STATE_MAP_HEIGHT : CHART_HEIGHT;
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
  const y = doc.y + 6;
  const svg = isMap ? stateMapSvg(table) : chartSvg(table, label);
  sect.add(
    doc.struct("Figure", { alt }, () => {
      SVGtoPDF(doc, svg, MARGIN, y, { width, height, fontCallback: () => "Body" } as SVGtoPDF.Options);
    }),
  );
  doc.x = MARGIN;
  doc.y = y + height + 6;
}
