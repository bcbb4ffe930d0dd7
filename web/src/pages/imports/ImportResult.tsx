import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { ImportAnswer, ImportCounts, ImportInvalid } from "./api.ts";

/** The counts as a list a person reads: cases, persons (by role), charges, events. */
function CountsList({ counts }: { counts: ImportCounts }) {
  const { t } = useTranslation("imports");
  const roles = Object.entries(counts.personsByRole)
    .map(([role, n]) => t(`result.roles.${role}`, { count: n, defaultValue: `${n} ${role}` }))
    .join(", ");
  return (
    <ul className="usa-list" data-counts>
      <li data-count="cases">{t("result.cases", { count: counts.cases })}</li>
      <li data-count="persons">
        {t("result.persons", { count: counts.persons })}
        {roles && ` (${roles})`}
      </li>
      <li data-count="charges">{t("result.charges", { count: counts.charges })}</li>
      {counts.events > 0 && <li data-count="events">{t("result.events", { count: counts.events })}</li>}
    </ul>
  );
}

/** Every problem of the file by table, row and column, as the server found them. */
function ErrorsTable({ error }: { error: ImportInvalid }) {
  const { t } = useTranslation("imports");
  const withTables = error.rows.some((r) => r.table);
  return (
    <table className="usa-table usa-table--borderless width-full" data-table="row-errors">
      <caption>{t("errors.caption")}</caption>
      <thead>
        <tr>
          {withTables && <th scope="col">{t("errors.table")}</th>}
          <th scope="col">{t("errors.row")}</th>
          <th scope="col">{t("errors.column")}</th>
          <th scope="col">{t("errors.message")}</th>
        </tr>
      </thead>
      <tbody>
        {error.rows.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id, and the list never reorders
          <tr key={i}>
            {withTables && <td>{r.table ?? ""}</td>}
            <th scope="row">{r.row > 0 ? r.row : t("errors.wholeFile")}</th>
            <td>{r.column || "—"}</td>
            <td>{r.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * What the last check or import answered. Its summary takes the focus when it appears, so a keyboard
 * or screen reader user lands on the outcome (and, for a bad file, right above the rows to fix).
 */
export function ImportResult({ answer }: { answer: ImportAnswer }) {
  const { t } = useTranslation("imports");
  const summary = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new answer takes the focus again
  useEffect(() => {
    summary.current?.focus();
  }, [answer]);

  if (answer.outcome === "invalid") {
    const count = answer.error.total;
    return (
      <section aria-labelledby="import-result-heading" className="margin-top-4" data-result="invalid">
        <div className="usa-alert usa-alert--error" ref={summary} tabIndex={-1}>
          <div className="usa-alert__body">
            <h2 className="usa-alert__heading" id="import-result-heading">
              {t("errors.heading", { count })}
            </h2>
            <p className="usa-alert__text">
              {t("errors.intro")}
              {count > answer.error.rows.length &&
                ` ${t("errors.listed", { count: answer.error.rows.length })}`}
            </p>
          </div>
        </div>
        <ErrorsTable error={answer.error} />
      </section>
    );
  }
  const checked = answer.outcome === "checked";
  const counts = answer.outcome === "checked" ? answer.view.wouldCreate : answer.view.created;
  return (
    <section aria-labelledby="import-result-heading" className="margin-top-4" data-result={answer.outcome}>
      <div className="usa-alert usa-alert--success" ref={summary} tabIndex={-1}>
        <div className="usa-alert__body">
          <h2 className="usa-alert__heading" id="import-result-heading">
            {checked ? t("result.checkedHeading") : t("result.importedHeading")}
          </h2>
          <p className="usa-alert__text">{checked ? t("result.checkedText") : t("result.importedText")}</p>
          <CountsList counts={counts} />
        </div>
      </div>
      {answer.view.notes.length > 0 && (
        <>
          <h3>{t("result.notes")}</h3>
          <ul className="usa-list" data-notes>
            {answer.view.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </>
      )}
      {!checked && (
        <p>
          <Link to="/cases">{t("result.viewCases")}</Link>
        </p>
      )}
    </section>
  );
}
