import { useTranslation } from "react-i18next";
import type { ReportTableView } from "./api.ts";
import { layoutTable } from "./layout.ts";
import { useCellText } from "./useCellText.ts";

/** A report table as a real table: caption, column and row headers; suppressed cells in words. */
export function ReportDataTable({ table, title }: { table: ReportTableView; title: string }) {
  const { t } = useTranslation("stats");
  const text = useCellText(table.threshold);
  const laid = layoutTable(table);
  const headers = table.kind === "two_way" ? laid.headers.map(text.label) : [text.unit(table.unit)];
  return (
    <table className="usa-table usa-table--compact" data-table={table.id}>
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">{t("category")}</th>
          {headers.map((h) => (
            <th scope="col" key={h}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {laid.rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">{text.label(row.label)}</th>
            {row.cells.map((cell, j) => (
              <td key={laid.headers[j]} data-suppressed={cell.suppressed}>
                {text.cell(cell)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Which cells are suppressed and why, under the table (the table says it too, cell by cell). */
export function SuppressionNotes({ table, headingId }: { table: ReportTableView; headingId: string }) {
  const { t } = useTranslation("stats");
  const text = useCellText(table.threshold);
  return (
    <>
      <h4 id={headingId}>{t("notes.heading")}</h4>
      {table.suppressed.length === 0 ? (
        <p>{t("notes.none")}</p>
      ) : (
        <ul className="usa-list">
          {table.suppressed.map((s) => (
            <li key={`${s.row}-${s.col}`}>
              {table.kind === "two_way" ? `${text.label(s.row)}, ${text.label(s.col)}` : text.label(s.col)}:{" "}
              {t(`suppressed.${s.reason}`, { n: table.threshold })}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
