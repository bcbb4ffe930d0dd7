import { type FormEvent, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { OrgPicker, useOrgName, useOrgs } from "../../components/OrgPicker.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { CONSENT_PURPOSES, oneOf } from "../../vocabulary.ts";
import { type ConsentView, type PersonView, recordsApi } from "./api.ts";
import { Crumbs, ErrorAlert, SuccessAlert, useSave } from "./shared.tsx";

const PURPOSES = CONSENT_PURPOSES;

/** A victim's consents (VAWA): record a written, time-limited consent; list; revoke at once. */
export function ConsentsPage() {
  const { t } = useTranslation("records");
  usePageTitle(t("consents.title"));
  const { id = "" } = useParams();
  const [person, setPerson] = useState<PersonView | undefined>();
  const [consents, setConsents] = useState<ConsentView[] | undefined>();
  const [error, setError] = useState<unknown>();
  const { orgs, error: orgsError } = useOrgs();
  const orgName = useOrgName();
  const [form, setForm] = useState({
    recipientOrgId: "",
    purpose: "services_referral",
    expiresOn: "",
    guardian: false,
  });
  const load = useCallback(() => {
    recordsApi.getPerson(id).then(setPerson, setError);
    recordsApi.listConsents(id).then((r) => setConsents(r.consents), setError);
  }, [id]);
  useEffect(load, [load]);
  const { saveError, done, save } = useSave(load);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const recorded = await save(
      () =>
        recordsApi.recordConsent(id, {
          recipientOrgId: form.recipientOrgId,
          purpose: oneOf(PURPOSES, form.purpose) ?? "services_referral",
          // The consent runs to the end of the chosen day, UTC.
          expiresAt: form.expiresOn ? `${form.expiresOn}T23:59:59Z` : "",
          signedBy: form.guardian ? ["victim", "guardian"] : ["victim"],
        }),
      t("consents.done"),
    );
    if (recorded)
      setForm({ recipientOrgId: "", purpose: "services_referral", expiresOn: "", guardian: false });
  }

  const revoke = (consentId: string) =>
    save(() => recordsApi.revokeConsent(consentId), t("consents.revoked"));

  const name = person && [person.givenName, person.familyName].filter(Boolean).join(" ");
  return (
    <>
      <Crumbs caseId={person?.caseId} current={t("consents.title")} />
      <h1>{t("consents.title")}</h1>
      {name && <p className="usa-intro">{t("consents.for", { name })}</p>}
      <p>{t("consents.intro")}</p>
      <ErrorAlert error={error ?? orgsError} />
      <ErrorAlert error={saveError} />
      <SuccessAlert text={done} />
      {consents && consents.length === 0 && <p>{t("consents.none")}</p>}
      {consents && consents.length > 0 && (
        <table className="usa-table usa-table--borderless width-full">
          <caption className="usa-sr-only">{t("consents.listCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("consents.recipient")}</th>
              <th scope="col">{t("consents.purpose")}</th>
              <th scope="col">{t("consents.expires")}</th>
              <th scope="col">{t("consents.status")}</th>
              <th scope="col">{t("fields.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {consents.map((c) => (
              <tr key={c.id}>
                <th scope="row">{orgName(orgs, c.recipientOrgId)}</th>
                <td>{t(`purposes.${c.purpose}`)}</td>
                <td>{new Date(c.expiresAt).toLocaleDateString()}</td>
                <td>{t(`consents.statuses.${c.status}`)}</td>
                <td>
                  {c.status === "active" && (
                    <button
                      type="button"
                      className="usa-button usa-button--secondary usa-button--unstyled"
                      onClick={() => revoke(c.id)}
                    >
                      {t("consents.revoke")}
                      <span className="usa-sr-only">: {orgName(orgs, c.recipientOrgId)}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t("consents.formHeading")}</h2>
      <form className="usa-form" onSubmit={submit}>
        <OrgPicker
          id="consent-org"
          label={t("consents.recipient")}
          hint={t("consents.recipientHint")}
          orgs={orgs}
          value={form.recipientOrgId}
          onChange={(recipientOrgId) => setForm({ ...form, recipientOrgId })}
          exclude={person ? [person.orgId] : []}
        />
        <label className="usa-label" htmlFor="consent-purpose">
          {t("consents.purpose")}
        </label>
        <select
          className="usa-select"
          id="consent-purpose"
          value={form.purpose}
          onChange={(e) => setForm({ ...form, purpose: e.target.value })}
        >
          {PURPOSES.map((p) => (
            <option key={p} value={p}>
              {t(`purposes.${p}`)}
            </option>
          ))}
        </select>
        <label className="usa-label" htmlFor="consent-expires">
          {t("consents.expires")}
        </label>
        <span className="usa-hint" id="consent-expires-hint">
          {t("consents.expiresHint")}
        </span>
        <input
          className="usa-input"
          id="consent-expires"
          type="date"
          required
          aria-describedby="consent-expires-hint"
          value={form.expiresOn}
          onChange={(e) => setForm({ ...form, expiresOn: e.target.value })}
        />
        <fieldset className="usa-fieldset margin-top-2">
          <legend className="usa-legend">{t("consents.signedBy")}</legend>
          <div className="usa-checkbox">
            <input className="usa-checkbox__input" id="consent-victim" type="checkbox" checked disabled />
            <label className="usa-checkbox__label" htmlFor="consent-victim">
              {t("consents.victim")}
            </label>
          </div>
          <div className="usa-checkbox">
            <input
              className="usa-checkbox__input"
              id="consent-guardian"
              type="checkbox"
              checked={form.guardian}
              onChange={(e) => setForm({ ...form, guardian: e.target.checked })}
            />
            <label className="usa-checkbox__label" htmlFor="consent-guardian">
              {t("consents.guardian")}
            </label>
          </div>
        </fieldset>
        <button className="usa-button margin-top-2" type="submit">
          {t("consents.submit")}
        </button>
      </form>
    </>
  );
}
