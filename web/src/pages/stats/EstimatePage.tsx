import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { ErrorAlert } from "../records/shared.tsx";
import { type MseLang, type MseRequest, type MseView, mseApi } from "./api.ts";
import { type CaptureCsvError, type CaptureTableBody, readCaptureCsv } from "./capture-csv.ts";

const MODELS = ["stepwise", "independence", "aic", "bic"] as const;
type Model = (typeof MODELS)[number];
const INTERVALS = ["profile", "bca", "parametric"] as const;
type Interval = (typeof INTERVALS)[number];

/** The estimate's figures, as a data table (the numbers the result states, for screen readers too). */
function ResultTable({ view }: { view: MseView }) {
  const { t, i18n } = useTranslation("stats");
  const n = (v: number) => Math.round(v).toLocaleString(i18n.language === "es" ? "es-US" : "en-US");
  const [low, high] = view.ci95;
  const rows: Array<[string, string]> = [
    [
      t("estimate.result.observed"),
      view.observed === undefined ? t("estimate.result.withheld") : n(view.observed),
    ],
    [t("estimate.result.estimate"), n(view.estimate)],
    [
      t("estimate.result.interval"),
      t("estimate.result.range", {
        low: n(low ?? 0),
        high: high == null ? t("estimate.result.open") : n(high),
      }),
    ],
    [t("estimate.result.method"), t(`estimate.method.${view.interval}`, { defaultValue: view.interval })],
    [t("estimate.result.lists"), view.lists.join(", ")],
    [
      t("estimate.result.model"),
      t(`estimate.models.${view.model.selection}`, { defaultValue: view.model.selection }),
    ],
    [t("estimate.result.terms"), view.model.terms.join(", ")],
  ];
  if (view.model.infiniteInteractions.length > 0)
    rows.push([t("estimate.result.infinite"), view.model.infiniteInteractions.join(", ")]);
  return (
    <table className="usa-table usa-table--borderless" data-table="estimate">
      <caption>{t("estimate.result.caption")}</caption>
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The capture histories from records, small counts withheld. */
function HistoriesTable({ view }: { view: MseView }) {
  const { t } = useTranslation("stats");
  if (!view.histories) return null;
  return (
    <table className="usa-table" data-table="histories">
      <caption>{t("estimate.histories.caption", { n: view.threshold ?? 11 })}</caption>
      <thead>
        <tr>
          {view.lists.map((l) => (
            <th key={l} scope="col">
              {l}
            </th>
          ))}
          <th scope="col">{t("estimate.histories.count")}</th>
        </tr>
      </thead>
      <tbody>
        {view.histories.map((h) => (
          <tr key={h.on.join("")}>
            {h.on.map((on, i) => (
              <td key={view.lists[i]}>{on ? t("estimate.histories.on") : t("estimate.histories.off")}</td>
            ))}
            <td>
              {h.count === null ? t("estimate.histories.withheld", { n: view.threshold ?? 11 }) : h.count}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Multiple systems estimation: from the organization's linked records, or from an uploaded capture table. */
export function EstimatePage() {
  const { t, i18n } = useTranslation("stats");
  usePageTitle(t("estimate.title"));
  const [source, setSource] = useState<"records" | "table">("records");
  const [table, setTable] = useState<CaptureTableBody>();
  const [fileError, setFileError] = useState<CaptureCsvError>();
  const [view, setView] = useState<MseView>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function readFile(file: File | undefined) {
    setTable(undefined);
    setFileError(undefined);
    if (!file) return;
    const read = readCaptureCsv(await file.text());
    if ("error" in read) setFileError(read.error);
    else setTable(read.table);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const model: Model = MODELS.find((m) => m === form.get("model")) ?? "stepwise";
    const interval: Interval = INTERVALS.find((m) => m === form.get("interval")) ?? "profile";
    let body: MseRequest;
    if (source === "records")
      body = { source: "records", by: form.get("by") === "orgType" ? "orgType" : "org", model, interval };
    else if (table) body = { ...table, model, interval };
    else {
      setFileError(fileError ?? { key: "missing", params: {} });
      return;
    }
    setBusy(true);
    setError(undefined);
    setView(undefined);
    try {
      const lang: MseLang = i18n.language === "es" ? "es" : "en";
      setView(await mseApi.estimate(body, lang));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p>
        <Link to="/stats">{t("estimate.back")}</Link>
      </p>
      <h1>{t("estimate.title")}</h1>
      <p className="usa-intro">{t("estimate.intro")}</p>
      <p>{t("estimate.caution")}</p>
      <form className="usa-form usa-form--large" onSubmit={(e) => void submit(e)}>
        <fieldset className="usa-fieldset">
          <legend className="usa-legend">{t("estimate.form.source")}</legend>
          <div className="usa-radio">
            <input
              className="usa-radio__input"
              id="mse-source-records"
              type="radio"
              name="source"
              value="records"
              checked={source === "records"}
              onChange={() => setSource("records")}
            />
            <label className="usa-radio__label" htmlFor="mse-source-records">
              {t("estimate.form.records")}
            </label>
          </div>
          <div className="usa-radio">
            <input
              className="usa-radio__input"
              id="mse-source-table"
              type="radio"
              name="source"
              value="table"
              checked={source === "table"}
              onChange={() => setSource("table")}
            />
            <label className="usa-radio__label" htmlFor="mse-source-table">
              {t("estimate.form.table")}
            </label>
          </div>
        </fieldset>
        {source === "records" ? (
          <>
            <label className="usa-label" htmlFor="mse-by">
              {t("estimate.form.by")}
            </label>
            <span className="usa-hint" id="mse-by-hint">
              {t("estimate.form.byHint")}
            </span>
            <select
              className="usa-select"
              id="mse-by"
              name="by"
              aria-describedby="mse-by-hint"
              defaultValue="org"
            >
              <option value="org">{t("estimate.form.byOrg")}</option>
              <option value="orgType">{t("estimate.form.byOrgType")}</option>
            </select>
          </>
        ) : (
          <>
            <label className="usa-label" htmlFor="mse-file">
              {t("estimate.form.file")}
            </label>
            <span className="usa-hint" id="mse-file-hint">
              {t("estimate.form.fileHint")}
            </span>
            {fileError && (
              <span className="usa-error-message" id="mse-file-error" role="alert">
                {t(`estimate.fileErrors.${fileError.key}`, fileError.params)}
              </span>
            )}
            <input
              className={`usa-input${fileError ? " usa-input--error" : ""}`}
              id="mse-file"
              name="file"
              type="file"
              accept=".csv,text/csv"
              aria-describedby={fileError ? "mse-file-hint mse-file-error" : "mse-file-hint"}
              aria-invalid={fileError ? true : undefined}
              onChange={(e) => void readFile(e.currentTarget.files?.[0])}
            />
            {table && (
              <p role="status">
                {t("estimate.form.fileRead", { lists: table.lists.join(", "), rows: table.histories.length })}
              </p>
            )}
          </>
        )}
        <label className="usa-label" htmlFor="mse-model">
          {t("estimate.form.model")}
        </label>
        <span className="usa-hint" id="mse-model-hint">
          {t("estimate.form.modelHint")}
        </span>
        <select
          className="usa-select"
          id="mse-model"
          name="model"
          aria-describedby="mse-model-hint"
          defaultValue="stepwise"
        >
          {MODELS.map((m) => (
            <option key={m} value={m}>
              {t(`estimate.models.${m}`)}
            </option>
          ))}
        </select>
        <label className="usa-label" htmlFor="mse-interval">
          {t("estimate.form.interval")}
        </label>
        <span className="usa-hint" id="mse-interval-hint">
          {t("estimate.form.intervalHint")}
        </span>
        <select
          className="usa-select"
          id="mse-interval"
          name="interval"
          aria-describedby="mse-interval-hint"
          defaultValue="profile"
        >
          {INTERVALS.map((m) => (
            <option key={m} value={m}>
              {t(`estimate.intervals.${m}`)}
            </option>
          ))}
        </select>
        <button className="usa-button margin-top-2" type="submit" disabled={busy}>
          {t("estimate.form.run")}
        </button>
      </form>
      {busy && <p role="status">{t("estimate.running")}</p>}
      <ErrorAlert error={error} />
      {view && (
        <section aria-labelledby="mse-result" className="margin-top-4" data-result>
          <h2 id="mse-result">{t("estimate.result.heading")}</h2>
          <p className="font-sans-lg" data-summary>
            {t("estimate.result.summary", {
              estimate: Math.round(view.estimate).toLocaleString(i18n.language === "es" ? "es-US" : "en-US"),
              low: Math.round(view.ci95[0] ?? 0).toLocaleString(i18n.language === "es" ? "es-US" : "en-US"),
              high:
                view.ci95[1] == null
                  ? t("estimate.result.open")
                  : Math.round(view.ci95[1]).toLocaleString(i18n.language === "es" ? "es-US" : "en-US"),
            })}
          </p>
          {view.warnings.length > 0 ? (
            <div className="usa-alert usa-alert--warning" data-warnings>
              <div className="usa-alert__body">
                <h3 className="usa-alert__heading">
                  {t("estimate.warnings.heading", { count: view.warnings.length })}
                </h3>
                <ul className="usa-alert__text">
                  {view.warnings.map((w) => (
                    <li key={w.code} data-warning={w.code}>
                      {w.message}
                    </li>
                  ))}
                </ul>
              </div>
            </div>
          ) : (
            <p>{t("estimate.warnings.none")}</p>
          )}
          <ResultTable view={view} />
          <HistoriesTable view={view} />
        </section>
      )}
    </>
  );
}
