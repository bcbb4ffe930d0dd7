import { type FormEvent, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { useSession } from "../../session.tsx";
import { ErrorAlert, SuccessAlert } from "../records/shared.tsx";
import { type CloseReason, type HhsMethod, type TipView, tipsApi } from "./api.ts";
import { HhsClock } from "./HhsClock.tsx";
import { TipForm } from "./TipForm.tsx";

const REASONS: CloseReason[] = ["no_trafficking", "insufficient_information", "referred_out", "other"];
const METHODS: HhsMethod[] = ["phone", "email", "online_form", "fax", "other"];

/** One tip for intake staff: the 24-hour clock first, the narrative, screening, and the triage actions. */
export function TipPage() {
  const { t } = useTranslation("tips");
  usePageTitle(t("tip.title"));
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const { user } = useSession();
  const [tip, setTip] = useState<TipView | undefined>();
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string | undefined>();
  const [reason, setReason] = useState<CloseReason>("no_trafficking");
  const [method, setMethod] = useState<HhsMethod>("phone");
  const [into, setInto] = useState("");
  const [title, setTitle] = useState("");
  const load = useCallback(() => {
    tipsApi.get(id).then(setTip, setError);
  }, [id]);
  useEffect(load, [load]);

  const run = (label: string, action: (version: number) => Promise<unknown>) => async (event?: FormEvent) => {
    event?.preventDefault();
    if (!tip) return;
    setError(undefined);
    setDone(undefined);
    try {
      const result = (await action(tip.version)) as { caseId?: string };
      if (result.caseId) return navigate(`/cases/${result.caseId}`);
      setDone(label);
      load();
    } catch (e) {
      setError(e);
      load();
    }
  };

  if (!tip) return <ErrorAlert error={error} />;
  const closed = tip.status === "closed";
  return (
    <>
      <p>
        <Link to="/tips">{t("tip.back")}</Link>
      </p>
      <h1>{t("tip.title")}</h1>
      {tip.hhsClock && <HhsClock clock={tip.hhsClock} prominent />}
      <ErrorAlert error={error} />
      <SuccessAlert text={done} />
      <dl>
        <dt>{t("triage.received")}</dt>
        <dd>{new Date(tip.receivedAt).toLocaleString()}</dd>
        <dt>{t("tip.channel")}</dt>
        <dd>{t(`channels.${tip.channel}`)}</dd>
        <dt>{t("triage.status")}</dt>
        <dd>
          {t(`statuses.${tip.status}`)}
          {tip.closeReason && ` (${t(`reasons.${tip.closeReason}`)})`}
        </dd>
        <dt>{t("triage.level")}</dt>
        <dd>
          {t(`levels.${tip.screeningLevel}`)}
          {tip.screeningDrivers.length > 0 && (
            <ul>
              {tip.screeningDrivers.map((d) => (
                <li key={d}>{t(`indicators.${d}`, { defaultValue: t(`screen.${d}`) })}</li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t("form.where")}</dt>
        <dd>{[tip.city, tip.state, tip.country].filter(Boolean).join(", ") || "—"}</dd>
        <dt>{t("form.contact")}</dt>
        <dd>
          {[tip.reporter.name, tip.reporter.phone, tip.reporter.email].filter(Boolean).join(" · ") || "—"}
        </dd>
        {tip.mergedInto && (
          <>
            <dt>{t("tip.mergedInto")}</dt>
            <dd>
              <Link to={`/tips/${tip.mergedInto}`}>{t("tip.survivor")}</Link>
            </dd>
          </>
        )}
        {tip.caseId && (
          <>
            <dt>{t("tip.case")}</dt>
            <dd>
              <Link to={`/cases/${tip.caseId}`}>{t("tip.openCase")}</Link>
            </dd>
          </>
        )}
      </dl>
      <h2>{t("form.narrative")}</h2>
      <p style={{ whiteSpace: "pre-wrap" }}>{tip.narrative}</p>
      {tip.merged.map((m) => (
        <section key={m.id}>
          <h3>{t("tip.duplicate", { at: new Date(m.receivedAt).toLocaleString() })}</h3>
          <p style={{ whiteSpace: "pre-wrap" }}>{m.narrative}</p>
        </section>
      ))}
      <p>{t("tip.recommendations", { count: tip.recommendations.length })}</p>

      {tip.hhsClock && !tip.hhsClock.met && (
        <form className="usa-form" onSubmit={run(t("done.hhs"), (v) => tipsApi.hhsNotified(id, v, method))}>
          <h2>{t("actions.hhs")}</h2>
          <label className="usa-label" htmlFor="hhs-method">
            {t("actions.method")}
          </label>
          <select
            className="usa-select"
            id="hhs-method"
            value={method}
            onChange={(e) => setMethod(e.target.value as HhsMethod)}
          >
            {METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`methods.${m}`)}
              </option>
            ))}
          </select>
          <button className="usa-button margin-top-2" type="submit">
            {t("actions.recordHhs")}
          </button>
        </form>
      )}
      {!closed && (
        <>
          <h2>{t("actions.heading")}</h2>
          {user && tip.assigneeUserId !== user.id && (
            <button
              className="usa-button usa-button--outline"
              type="button"
              onClick={() => void run(t("done.assigned"), (v) => tipsApi.assign(id, v, user.id))()}
            >
              {t("actions.assignMe")}
            </button>
          )}
          <form
            className="usa-form"
            onSubmit={run(t("done.converted"), (v) => tipsApi.convert(id, v, title))}
          >
            <label className="usa-label" htmlFor="convert-title">
              {t("actions.caseTitle")}
            </label>
            <input
              className="usa-input"
              id="convert-title"
              required
              maxLength={200}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
            />
            <button className="usa-button margin-top-1" type="submit">
              {t("actions.convert")}
            </button>
          </form>
          <form
            className="usa-form"
            onSubmit={run(t("done.merged"), (v) => tipsApi.merge(id, v, into.trim()))}
          >
            <label className="usa-label" htmlFor="merge-into">
              {t("actions.mergeInto")}
            </label>
            <input
              className="usa-input"
              id="merge-into"
              required
              value={into}
              onChange={(e) => setInto(e.target.value)}
            />
            <button className="usa-button usa-button--outline margin-top-1" type="submit">
              {t("actions.merge")}
            </button>
          </form>
          <form className="usa-form" onSubmit={run(t("done.closed"), (v) => tipsApi.close(id, v, reason))}>
            <label className="usa-label" htmlFor="close-reason">
              {t("actions.reason")}
            </label>
            <select
              className="usa-select"
              id="close-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value as CloseReason)}
            >
              {REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`reasons.${r}`)}
                </option>
              ))}
            </select>
            <button className="usa-button usa-button--secondary margin-top-1" type="submit">
              {t("actions.close")}
            </button>
          </form>
        </>
      )}
    </>
  );
}

/** The hotline operator's intake form (signed in): the short screen and victim facts included. */
export function OperatorTipPage() {
  const { t } = useTranslation("tips");
  usePageTitle(t("operator.title"));
  const navigate = useNavigate();
  return (
    <>
      <h1>{t("operator.title")}</h1>
      <TipForm operator onDone={(r) => navigate(`/tips/${r.id}`)} />
    </>
  );
}
