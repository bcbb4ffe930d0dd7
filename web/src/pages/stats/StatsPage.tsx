import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { useSession } from "../../session.tsx";
import { ErrorAlert } from "../records/shared.tsx";
import { REPORT_NAMES, type ReportName, type ReportQuery, type ReportView, statsApi } from "./api.ts";
import { ExportsPanel } from "./ExportsPanel.tsx";
import { ReportChart } from "./ReportChart.tsx";
import { ReportDataTable, SuppressionNotes } from "./ReportDataTable.tsx";
import { StateMap } from "./StateMap.tsx";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** The by-state table is drawn as a map; the others as bar charts. */
const MAP_TABLE = "incidents_by_state";
/** The roles of STATS_EXPORT_ROLES (src/modules/policy/policy.rules.ts): hiding is a courtesy, the server refuses. */
const EXPORT_ROLES: readonly string[] = ["analyst"];

/** The statistics dashboard: a report and a date range (kept in the URL), each table as a chart or map and its data table. */
export function StatsPage() {
  const { t, i18n } = useTranslation("stats");
  usePageTitle(t("title"));
  const [params, setParams] = useSearchParams();
  const report: ReportName = REPORT_NAMES.find((r) => r === params.get("report")) ?? "incidents";
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const query: ReportQuery = { ...(DAY.test(from) ? { from } : {}), ...(DAY.test(to) ? { to } : {}) };
  const { user } = useSession();
  const mayExport = user?.roles.some((r) => EXPORT_ROLES.includes(r)) ?? false;
  const [view, setView] = useState<ReportView>();
  const [error, setError] = useState<unknown>();
  const key = `${report}|${query.from ?? ""}|${query.to ?? ""}`;

  useEffect(() => {
    const [name, f, tDay] = key.split("|") as [ReportName, string, string];
    setError(undefined);
    setView(undefined);
    statsApi
      .report(name, { ...(f ? { from: f } : {}), ...(tDay ? { to: tDay } : {}) })
      .then(setView, setError);
  }, [key]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams({ report: String(form.get("report") ?? "incidents") });
    for (const f of ["from", "to"] as const) {
      const v = String(form.get(f) ?? "").trim();
      if (v) next.set(f, v);
    }
    setParams(next);
  }

  return (
    <>
      <h1>{t("title")}</h1>
      <p className="usa-intro">{t("intro")}</p>
      <p>
        <Link to="/stats/estimate">{t("estimateLink")}</Link>
      </p>
      <form className="usa-form usa-form--large" onSubmit={submit} key={key}>
        <fieldset className="usa-fieldset">
          <legend className="usa-legend">{t("form.legend")}</legend>
          <label className="usa-label" htmlFor="stats-report">
            {t("form.report")}
          </label>
          <select className="usa-select" id="stats-report" name="report" defaultValue={report}>
            {REPORT_NAMES.map((r) => (
              <option key={r} value={r}>
                {t(`reports.${r}`)}
              </option>
            ))}
          </select>
          <span className="usa-hint display-block margin-top-2" id="stats-date-hint">
            {t("form.dateHint")}
          </span>
          <label className="usa-label" htmlFor="stats-from">
            {t("form.from")}
          </label>
          <input
            className="usa-input"
            id="stats-from"
            name="from"
            type="date"
            defaultValue={query.from}
            aria-describedby="stats-date-hint"
          />
          <label className="usa-label" htmlFor="stats-to">
            {t("form.to")}
          </label>
          <input
            className="usa-input"
            id="stats-to"
            name="to"
            type="date"
            defaultValue={query.to}
            aria-describedby="stats-date-hint"
          />
        </fieldset>
        <button className="usa-button margin-top-2" type="submit">
          {t("form.show")}
        </button>
      </form>
      {mayExport && <ExportsPanel query={query} />}
      <ErrorAlert error={error} />
      {!view && !error && <p role="status">{t("loading")}</p>}
      {view && (
        <div className="margin-top-4" data-report={view.report}>
          <h2>{t(`reports.${view.report}`)}</h2>
          <p>{t("protection", { last: view.threshold - 1 })}</p>
          <p className="display-flex flex-wrap">
            <a
              className="usa-button usa-button--outline"
              href={statsApi.downloadUrl(report, query, "csv", i18n.language)}
              download
            >
              {t("download.csv")}
            </a>
            <a
              className="usa-button usa-button--outline"
              href={statsApi.downloadUrl(report, query, "pdf", i18n.language)}
              download
            >
              {t("download.pdf")}
            </a>
          </p>
          {view.tables.map((table) => {
            const title = t(`tables.${table.id}`, { defaultValue: table.id });
            return (
              <section
                key={table.id}
                aria-labelledby={`stats-${table.id}`}
                className="margin-top-4"
                data-section={table.id}
              >
                <h3 id={`stats-${table.id}`}>{title}</h3>
                {table.id === MAP_TABLE ? (
                  <StateMap table={table} title={title} />
                ) : (
                  <ReportChart table={table} title={title} />
                )}
                <ReportDataTable table={table} title={title} />
                <SuppressionNotes table={table} headingId={`stats-${table.id}-notes`} />
              </section>
            );
          })}
        </div>
      )}
    </>
  );
}
