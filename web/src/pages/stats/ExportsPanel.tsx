import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../records/shared.tsx";
import {
  type ExportFormat,
  type ExportKind,
  exportsApi,
  type KAnonymityReport,
  type ReportQuery,
} from "./api.ts";

/** The generalizations the CTDC export names (src/stats/exports/k-anonymity.ts), as locale keys. */
const GENERALIZED: Record<string, string> = {
  "ageBroad→wider bands": "ageWider",
  "ageBroad→minor/adult": "ageMinorAdult",
  "countries→UN regions": "regions",
  "yearOfRegistration→5-year periods": "periods",
  "countries withheld": "countriesWithheld",
  "yearOfRegistration withheld": "yearWithheld",
};

const BUTTONS: Array<[ExportKind, ExportFormat]> = [
  ["ctdc", "csv"],
  ["ctdc", "json"],
  ["htcds", "csv"],
  ["htcds", "json"],
];

/** What the k-anonymity step did to a CTDC export, in words and as a table. */
function KAnonymityNotes({ report }: { report: KAnonymityReport }) {
  const { t } = useTranslation("stats");
  return (
    <div className="usa-alert usa-alert--info margin-top-2" role="status" data-k-report>
      <div className="usa-alert__body">
        <h4 className="usa-alert__heading">{t("exports.report.heading")}</h4>
        <p className="usa-alert__text">
          {t("exports.report.summary", {
            k: report.k,
            rowsIn: report.rowsIn,
            rowsOut: report.rowsOut,
            suppressed: report.suppressedRows,
            smallest: report.smallestClass,
          })}
        </p>
        {report.generalized.length === 0 ? (
          <p className="usa-alert__text">{t("exports.report.exact")}</p>
        ) : (
          <>
            <p className="usa-alert__text">{t("exports.report.generalized")}</p>
            <ul>
              {report.generalized.map((g) => (
                <li key={g}>{t(`exports.generalized.${GENERALIZED[g] ?? "other"}`, { defaultValue: g })}</li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}

/** Row-level exports with the dashboard's dates, for the roles that may export (the server checks). */
export function ExportsPanel({ query }: { query: ReportQuery }) {
  const { t } = useTranslation("stats");
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [report, setReport] = useState<KAnonymityReport>();
  const [done, setDone] = useState<string>();

  async function run(kind: ExportKind, format: ExportFormat) {
    const label = t(`exports.button.${kind}_${format}`);
    setBusy(label);
    setError(undefined);
    setDone(undefined);
    try {
      const r = await exportsApi.download(kind, query, format);
      if (kind === "ctdc") setReport(r);
      setDone(t("exports.done", { label }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <section aria-labelledby="stats-exports" className="margin-top-4" data-section="exports">
      <h2 id="stats-exports">{t("exports.heading")}</h2>
      <p>{t("exports.intro")}</p>
      <ul>
        <li>{t("exports.ctdc")}</li>
        <li>{t("exports.htcds")}</li>
      </ul>
      <p>{t("exports.filters")}</p>
      <div className="display-flex flex-wrap">
        {BUTTONS.map(([kind, format]) => (
          <button
            key={`${kind}-${format}`}
            type="button"
            className="usa-button usa-button--outline"
            disabled={busy !== undefined}
            onClick={() => void run(kind, format)}
          >
            {t(`exports.button.${kind}_${format}`)}
          </button>
        ))}
      </div>
      {busy && <p role="status">{t("exports.busy", { label: busy })}</p>}
      {done && <p role="status">{done}</p>}
      <ErrorAlert error={error} />
      {report && <KAnonymityNotes report={report} />}
    </section>
  );
}
