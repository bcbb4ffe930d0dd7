import { type FormEvent, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { oneOf } from "../../vocabulary.ts";
import { type AuditEventView, type AuditQuery, auditApi } from "../auth/api.ts";
import { ErrorAlert } from "../auth/shared.tsx";

const EMPTY = { actor: "", action: "", outcome: "", target: "", from: "", to: "" };
type Filters = typeof EMPTY;

const OUTCOMES = ["success", "failure", "denied"] as const;

/** The API query for the form's filters: empty ones left out; `datetime-local` (local time) sent as UTC. */
function queryOf(f: Filters, before?: number): AuditQuery {
  const query: AuditQuery = { limit: 50 };
  for (const key of ["actor", "action", "target"] as const) if (f[key]) query[key] = f[key];
  const outcome = oneOf(OUTCOMES, f.outcome);
  if (outcome) query.outcome = outcome;
  if (f.from) query.from = new Date(f.from).toISOString();
  if (f.to) query.to = new Date(f.to).toISOString();
  if (before) query.before = before;
  return query;
}

/** The auditor's view of the organization's audit log: filters, newest first, older pages on request. */
export function AuditPage() {
  const { t } = useTranslation("auth");
  usePageTitle(t("audit.title"));
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [events, setEvents] = useState<AuditEventView[]>();
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [error, setError] = useState<unknown>();

  const search = useCallback(async (f: Filters, before?: number) => {
    setError(undefined);
    try {
      const r = await auditApi.search(queryOf(f, before));
      setEvents((old) => (before && old ? [...old, ...r.events] : r.events));
      setNextBefore(r.nextBefore);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void search(EMPTY);
  }, [search]);

  function submit(event: FormEvent) {
    event.preventDefault();
    void search(filters);
  }

  const field = (name: keyof Filters, type = "text") => (
    <div className="tablet:grid-col-4 padding-right-2">
      <label className="usa-label" htmlFor={`audit-${name}`}>
        {t(`audit.filters.${name}`)}
      </label>
      <input
        className="usa-input"
        id={`audit-${name}`}
        name={name}
        type={type}
        value={filters[name]}
        onChange={(e) => setFilters({ ...filters, [name]: e.target.value })}
      />
    </div>
  );

  return (
    <>
      <h1>{t("audit.title")}</h1>
      <p className="usa-intro">{t("audit.intro")}</p>
      <form className="usa-form maxw-none" onSubmit={submit} aria-label={t("audit.filters.label")}>
        <div className="grid-row">
          {field("actor")}
          {field("action")}
          <div className="tablet:grid-col-4 padding-right-2">
            <label className="usa-label" htmlFor="audit-outcome">
              {t("audit.filters.outcome")}
            </label>
            <select
              className="usa-select"
              id="audit-outcome"
              name="outcome"
              value={filters.outcome}
              onChange={(e) => setFilters({ ...filters, outcome: e.target.value })}
            >
              <option value="">{t("audit.filters.any")}</option>
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`audit.outcomes.${o}`)}
                </option>
              ))}
            </select>
          </div>
          {field("target")}
          {field("from", "datetime-local")}
          {field("to", "datetime-local")}
        </div>
        <button className="usa-button" type="submit">
          {t("audit.filters.apply")}
        </button>
        <button
          className="usa-button usa-button--outline"
          type="button"
          onClick={() => {
            setFilters(EMPTY);
            void search(EMPTY);
          }}
        >
          {t("audit.filters.clear")}
        </button>
      </form>
      <ErrorAlert error={error} />
      {events && events.length === 0 && <p>{t("audit.empty")}</p>}
      {events && events.length > 0 && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take keyboard focus (axe scrollable-region-focusable)
        <section className="usa-table-container--scrollable" tabIndex={0} aria-label={t("audit.results")}>
          <table className="usa-table usa-table--borderless usa-table--compact">
            <caption className="usa-sr-only">{t("audit.results")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("audit.columns.seq")}</th>
                <th scope="col">{t("audit.columns.time")}</th>
                <th scope="col">{t("audit.columns.actor")}</th>
                <th scope="col">{t("audit.columns.action")}</th>
                <th scope="col">{t("audit.columns.outcome")}</th>
                <th scope="col">{t("audit.columns.targets")}</th>
                <th scope="col">{t("audit.columns.address")}</th>
                <th scope="col">{t("audit.columns.details")}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.seq}>
                  <th scope="row">{e.seq}</th>
                  <td>{e.occurredAt}</td>
                  <td>{e.actorUserId ?? t("audit.anonymous")}</td>
                  <td>{e.action}</td>
                  <td>{t(`audit.outcomes.${e.outcome}`)}</td>
                  <td>{e.targetIds.join(", ")}</td>
                  <td>{e.clientAddress}</td>
                  <td>
                    {Object.entries(e.details)
                      .map(([k, v]) => `${k}=${v}`)
                      .join("; ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {nextBefore !== null && (
        <button
          className="usa-button usa-button--outline"
          type="button"
          onClick={() => void search(filters, nextBefore)}
        >
          {t("audit.older")}
        </button>
      )}
    </>
  );
}
