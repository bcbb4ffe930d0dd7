import { type FormEvent, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { Crumbs, ErrorAlert, SuccessAlert, useSave } from "../records/shared.tsx";
import { type ApplicationInput, type ApplicationView, type EligibilityView, reliefApi } from "./api.ts";
import { DaysLeft } from "./DaysLeft.tsx";

const TYPES = [
  "hhs_interim_letter",
  "hhs_eligibility_letter",
  "hhs_certification",
  "continued_presence",
  "t_visa",
  "t_supplement_b",
  "u_visa",
  "u_supplement_b",
] as const;
const STATUSES = ["draft", "filed", "pending", "granted", "denied", "expired", "withdrawn"] as const;
const EMPTY = {
  type: "hhs_interim_letter",
  status: "filed",
  filedOn: "",
  decidedOn: "",
  expiresOn: "",
  extended: false,
  receiptNumber: "",
  documents: "",
};

/** A victim's paths to services and relief, with reasons, missing facts and deadlines; and the applications. */
export function EligibilityPage() {
  const { t } = useTranslation("relief");
  usePageTitle(t("title"));
  const { id = "" } = useParams();
  const [view, setView] = useState<EligibilityView>();
  const [apps, setApps] = useState<ApplicationView[]>();
  const [error, setError] = useState<unknown>();
  const [form, setForm] = useState(EMPTY);
  const [statusEdit, setStatusEdit] = useState<Record<string, string>>({});
  const load = useCallback(() => {
    reliefApi.eligibility(id).then((v) => {
      setView(v);
      if (!v.immigrationHidden) reliefApi.list(id).then((r) => setApps(r.applications), setError);
    }, setError);
  }, [id]);
  useEffect(load, [load]);
  const { saveError, done, save } = useSave(load);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body: ApplicationInput = {
      type: form.type as ApplicationInput["type"],
      status: form.status as ApplicationInput["status"],
      ...(form.filedOn ? { filedOn: form.filedOn } : {}),
      ...(form.decidedOn ? { decidedOn: form.decidedOn } : {}),
      ...(form.expiresOn ? { expiresOn: form.expiresOn } : {}),
      ...(form.extended ? { extended: true } : {}),
      ...(form.receiptNumber ? { receiptNumber: form.receiptNumber } : {}),
      ...(form.documents
        ? {
            documents: form.documents
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean),
          }
        : {}),
    };
    if (await save(() => reliefApi.create(id, body), t("saved"))) setForm(EMPTY);
  }

  const field = (name: "filedOn" | "decidedOn" | "expiresOn") => (
    <>
      <label className="usa-label" htmlFor={`relief-${name}`}>
        {t(`fields.${name}`)}
      </label>
      <input
        className="usa-input"
        id={`relief-${name}`}
        type="date"
        value={form[name]}
        onChange={(e) => setForm({ ...form, [name]: e.target.value })}
      />
    </>
  );

  return (
    <>
      <Crumbs current={t("title")} />
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <ErrorAlert error={error} />
      <ErrorAlert error={saveError} />
      <SuccessAlert text={done} />
      {view?.immigrationHidden && (
        <div className="usa-alert usa-alert--info usa-alert--slim">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{t("hidden")}</p>
          </div>
        </div>
      )}
      {view && !view.immigrationHidden && (
        <>
          <p>
            {view.minor === true && view.turns18On
              ? t("minor", { date: view.turns18On })
              : view.minor === false
                ? t("adult")
                : null}
          </p>
          {view.withheld.length > 0 && (
            <p>{t("withheld", { fields: view.withheld.map((f) => t(`missingFacts.${f}`)).join(", ") })}</p>
          )}
          <h2>{t("pathsHeading")}</h2>
          <ul className="usa-card-group">
            {(view.paths ?? []).map((p) => (
              <li key={p.path} className="usa-card tablet:grid-col-6" data-path={p.path}>
                <div className="usa-card__container">
                  <div className="usa-card__header">
                    <h3 className="usa-card__heading">{t(`paths.${p.path}`)}</h3>
                    <p>
                      <span
                        className={`usa-tag ${p.status === "eligible" ? "bg-green" : p.status === "not_applicable" ? "bg-base" : ""}`}
                      >
                        {t(`statuses.${p.status}`)}
                      </span>
                    </p>
                  </div>
                  <div className="usa-card__body">
                    {p.deadlines.length > 0 && (
                      <>
                        <h4>{t("deadlines")}</h4>
                        <ul>
                          {p.deadlines.map((d) => (
                            <li key={d.id} data-deadline={d.id}>
                              <strong>{t(`deadlineIds.${d.id}`)}</strong>:{" "}
                              <DaysLeft date={d.date} days={d.daysRemaining} />
                            </li>
                          ))}
                        </ul>
                      </>
                    )}
                    <h4>{t("reasons")}</h4>
                    <ul>
                      {p.reasons.map((r) => (
                        <li key={r}>{t(`reasonText.${r}`)}</li>
                      ))}
                    </ul>
                    {p.missing.length > 0 && (
                      <>
                        <h4>{t("missing")}</h4>
                        <ul>
                          {p.missing.map((m) => (
                            <li key={m}>{t(`missingFacts.${m}`)}</li>
                          ))}
                        </ul>
                      </>
                    )}
                  </div>
                </div>
              </li>
            ))}
          </ul>
          <h2>{t("applicationsHeading")}</h2>
          {apps && apps.length === 0 && <p>{t("none")}</p>}
          {apps && apps.length > 0 && (
            <table className="usa-table usa-table--borderless width-full">
              <caption className="usa-sr-only">{t("listCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("fields.type")}</th>
                  <th scope="col">{t("fields.status")}</th>
                  <th scope="col">{t("fields.filedOn")}</th>
                  <th scope="col">{t("fields.decidedOn")}</th>
                  <th scope="col">{t("fields.expiresOn")}</th>
                  <th scope="col">{t("fields.receiptNumber")}</th>
                  <th scope="col">{t("fields.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {apps.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">{t(`types.${a.type}`)}</th>
                    <td>{t(`appStatuses.${a.status}`)}</td>
                    <td>{a.filedOn ?? "—"}</td>
                    <td>{a.decidedOn ?? "—"}</td>
                    <td>{a.expiresOn ?? "—"}</td>
                    <td>{a.receiptNumber ?? "—"}</td>
                    <td>
                      <label
                        className="usa-sr-only"
                        htmlFor={`status-${a.id}`}
                      >{`${t("updateStatus")}: ${t(`types.${a.type}`)}`}</label>
                      <select
                        className="usa-select"
                        id={`status-${a.id}`}
                        value={statusEdit[a.id] ?? a.status}
                        onChange={(e) => setStatusEdit({ ...statusEdit, [a.id]: e.target.value })}
                      >
                        {STATUSES.map((s) => (
                          <option key={s} value={s}>
                            {t(`appStatuses.${s}`)}
                          </option>
                        ))}
                      </select>
                      <button
                        type="button"
                        className="usa-button usa-button--outline margin-top-1"
                        onClick={() =>
                          save(
                            () =>
                              reliefApi.update(a.id, a.version, {
                                status: (statusEdit[a.id] ?? a.status) as ApplicationView["status"],
                              }),
                            t("updated"),
                          )
                        }
                      >
                        {t("apply")}
                        <span className="usa-sr-only">: {t(`types.${a.type}`)}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>{t("formHeading")}</h2>
          <form className="usa-form" onSubmit={submit}>
            <label className="usa-label" htmlFor="relief-type">
              {t("fields.type")}
            </label>
            <select
              className="usa-select"
              id="relief-type"
              value={form.type}
              onChange={(e) => setForm({ ...form, type: e.target.value })}
            >
              {TYPES.map((x) => (
                <option key={x} value={x}>
                  {t(`types.${x}`)}
                </option>
              ))}
            </select>
            <label className="usa-label" htmlFor="relief-status">
              {t("fields.status")}
            </label>
            <select
              className="usa-select"
              id="relief-status"
              value={form.status}
              onChange={(e) => setForm({ ...form, status: e.target.value })}
            >
              {STATUSES.map((x) => (
                <option key={x} value={x}>
                  {t(`appStatuses.${x}`)}
                </option>
              ))}
            </select>
            {field("filedOn")}
            {field("decidedOn")}
            {field("expiresOn")}
            <div className="usa-checkbox margin-top-2">
              <input
                className="usa-checkbox__input"
                id="relief-extended"
                type="checkbox"
                checked={form.extended}
                onChange={(e) => setForm({ ...form, extended: e.target.checked })}
              />
              <label className="usa-checkbox__label" htmlFor="relief-extended">
                {t("fields.extended")}
              </label>
            </div>
            <label className="usa-label" htmlFor="relief-receipt">
              {t("fields.receiptNumber")}
            </label>
            <input
              className="usa-input"
              id="relief-receipt"
              maxLength={40}
              value={form.receiptNumber}
              onChange={(e) => setForm({ ...form, receiptNumber: e.target.value })}
            />
            <label className="usa-label" htmlFor="relief-documents">
              {t("fields.documents")}
            </label>
            <input
              className="usa-input"
              id="relief-documents"
              value={form.documents}
              onChange={(e) => setForm({ ...form, documents: e.target.value })}
            />
            <button type="submit" className="usa-button margin-top-2">
              {t("save")}
            </button>
          </form>
        </>
      )}
    </>
  );
}
