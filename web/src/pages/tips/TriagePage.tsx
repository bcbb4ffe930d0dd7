import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { ErrorAlert } from "../records/shared.tsx";
import { type TipQuery, type TipSummary, tipsApi } from "./api.ts";
import { HhsClock } from "./HhsClock.tsx";

/** The intake staff's triage queue: unmet 24-hour clocks first, then by priority or newest. Filters live in the URL. */
export function TriagePage() {
  const { t } = useTranslation("tips");
  usePageTitle(t("triage.title"));
  const [params, setParams] = useSearchParams();
  const [tips, setTips] = useState<TipSummary[] | undefined>();
  const [error, setError] = useState<unknown>();
  const status = params.get("status") ?? "";
  const sort = params.get("sort") ?? "priority";
  const clock = params.get("clock") ?? "";
  const load = useCallback(() => {
    const query = {
      sort,
      ...(status ? { status } : {}),
      ...(clock ? { clock } : {}),
    } as TipQuery;
    tipsApi.list(query).then((r) => setTips(r.tips), setError);
  }, [status, sort, clock]);
  useEffect(load, [load]);
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  return (
    <>
      <h1>{t("triage.title")}</h1>
      <p>
        <Link className="usa-button usa-button--outline" to="/tips/new">
          {t("triage.newTip")}
        </Link>
      </p>
      <ErrorAlert error={error} />
      <div className="grid-row grid-gap">
        <div className="grid-col-auto">
          <label className="usa-label" htmlFor="f-status">
            {t("triage.status")}
          </label>
          <select
            className="usa-select"
            id="f-status"
            value={status}
            onChange={(e) => set("status", e.target.value)}
          >
            <option value="">{t("triage.any")}</option>
            {["received", "under_review", "closed"].map((s) => (
              <option key={s} value={s}>
                {t(`statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="grid-col-auto">
          <label className="usa-label" htmlFor="f-clock">
            {t("triage.clock")}
          </label>
          <select
            className="usa-select"
            id="f-clock"
            value={clock}
            onChange={(e) => set("clock", e.target.value)}
          >
            <option value="">{t("triage.any")}</option>
            <option value="running">{t("triage.running")}</option>
            <option value="overdue">{t("triage.overdue")}</option>
          </select>
        </div>
        <div className="grid-col-auto">
          <label className="usa-label" htmlFor="f-sort">
            {t("triage.sort")}
          </label>
          <select
            className="usa-select"
            id="f-sort"
            value={sort}
            onChange={(e) => set("sort", e.target.value)}
          >
            <option value="priority">{t("triage.byPriority")}</option>
            <option value="newest">{t("triage.newest")}</option>
          </select>
        </div>
      </div>
      {tips && tips.length === 0 && <p>{t("triage.empty")}</p>}
      {tips && tips.length > 0 && (
        <table className="usa-table usa-table--borderless width-full">
          <caption className="usa-sr-only">{t("triage.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("triage.received")}</th>
              <th scope="col">{t("triage.level")}</th>
              <th scope="col">{t("triage.status")}</th>
              <th scope="col">{t("triage.state")}</th>
              <th scope="col">{t("triage.clock")}</th>
            </tr>
          </thead>
          <tbody>
            {tips.map((tip) => (
              <tr key={tip.id}>
                <th scope="row">
                  <Link to={`/tips/${tip.id}`}>{new Date(tip.receivedAt).toLocaleString()}</Link>
                </th>
                <td>{t(`levels.${tip.screeningLevel}`)}</td>
                <td>{t(`statuses.${tip.status}`)}</td>
                <td>{tip.state ?? "—"}</td>
                <td>{tip.hhsClock ? <HhsClock clock={tip.hhsClock} /> : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
