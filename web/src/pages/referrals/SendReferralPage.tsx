import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { OrgPicker, useOrgs } from "../../components/OrgPicker.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { useSession } from "../../session.tsx";
import { type CaseDetail, type CaseView, recordsApi } from "../records/api.ts";
import { ErrorAlert } from "../records/shared.tsx";
import { type ConsentCheck, PURPOSES, type ReferralPurpose, referralsApi } from "./api.ts";

/**
 * Send a referral from a case (and optionally one of its victims): to a Harbor organization (the
 * org picker) or a directory entry, for a purpose. Before sending, the page says whether consent
 * covers it; without consent the referral goes de-identified, and the page says so.
 */
export function SendReferralPage() {
  const { t } = useTranslation("referrals");
  usePageTitle(t("send.title"));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [cases, setCases] = useState<CaseView[] | undefined>();
  const [caseId, setCaseId] = useState(params.get("caseId") ?? "");
  const [kase, setKase] = useState<CaseDetail | undefined>();
  const [personId, setPersonId] = useState(params.get("personId") ?? "");
  const [kind, setKind] = useState<"org" | "directory">("org");
  const [orgId, setOrgId] = useState("");
  const [entryId, setEntryId] = useState("");
  const [purpose, setPurpose] = useState<ReferralPurpose | "">("");
  const [respondBy, setRespondBy] = useState("");
  const [check, setCheck] = useState<ConsentCheck | undefined>();
  const [error, setError] = useState<unknown>();
  const { orgs, error: orgsError } = useOrgs();
  const own = useSession().user?.orgId;

  useEffect(() => {
    recordsApi.listCases().then((r) => setCases(r.cases), setError);
  }, []);
  useEffect(() => {
    setKase(undefined);
    if (caseId) recordsApi.getCase(caseId).then(setKase, setError);
  }, [caseId]);
  useEffect(() => {
    setCheck(undefined);
    if (kind === "org" && caseId && orgId && purpose)
      referralsApi.consentCheck(caseId, orgId, purpose).then(setCheck, setError);
  }, [kind, caseId, orgId, purpose]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!purpose) return;
    setError(undefined);
    try {
      const created = await referralsApi.send({
        caseId,
        ...(personId ? { personId } : {}),
        recipient: kind === "org" ? { orgId } : { directoryEntryId: entryId.trim() },
        purpose,
        ...(respondBy ? { respondBy: new Date(`${respondBy}T17:00:00`).toISOString() } : {}),
      });
      await navigate(`/referrals/${created.id}`);
    } catch (e) {
      setError(e);
    }
  }

  const victims = kase?.persons.filter((p) => p.role === "victim") ?? [];
  return (
    <>
      <h1>{t("send.title")}</h1>
      <p className="usa-intro">{t("send.intro")}</p>
      <form className="usa-form usa-form--large" onSubmit={submit}>
        <ErrorAlert error={error ?? orgsError} />
        <label className="usa-label" htmlFor="ref-case">
          {t("fields.case")}
        </label>
        <select
          className="usa-select"
          id="ref-case"
          required
          value={caseId}
          onChange={(e) => setCaseId(e.target.value)}
        >
          <option value="">{t("choose")}</option>
          {cases?.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
        <label className="usa-label" htmlFor="ref-person">
          {t("fields.person")}
        </label>
        <span className="usa-hint" id="ref-person-hint">
          {t("send.personHint")}
        </span>
        <select
          className="usa-select"
          id="ref-person"
          aria-describedby="ref-person-hint"
          value={personId}
          onChange={(e) => setPersonId(e.target.value)}
        >
          <option value="">{t("send.wholeCase")}</option>
          {victims.map((p, i) => (
            <option key={p.id} value={p.id}>
              {p.givenName || p.familyName
                ? [p.givenName, p.familyName].filter(Boolean).join(" ")
                : t("send.victimN", { n: i + 1 })}
            </option>
          ))}
        </select>
        <fieldset className="usa-fieldset margin-top-2">
          <legend className="usa-legend">{t("fields.recipient")}</legend>
          {(["org", "directory"] as const).map((k) => (
            <div className="usa-radio" key={k}>
              <input
                className="usa-radio__input"
                id={`ref-kind-${k}`}
                type="radio"
                name="kind"
                checked={kind === k}
                onChange={() => setKind(k)}
              />
              <label className="usa-radio__label" htmlFor={`ref-kind-${k}`}>
                {t(`send.kinds.${k}`)}
              </label>
            </div>
          ))}
        </fieldset>
        {kind === "org" ? (
          <OrgPicker
            id="ref-org"
            label={t("send.org")}
            orgs={orgs}
            value={orgId}
            onChange={setOrgId}
            exclude={own ? [own] : []}
          />
        ) : (
          <>
            <label className="usa-label" htmlFor="ref-entry">
              {t("fields.directoryEntry")}
            </label>
            <span className="usa-hint" id="ref-entry-hint">
              {t("send.entryHint")}
            </span>
            <input
              className="usa-input"
              id="ref-entry"
              aria-describedby="ref-entry-hint"
              required
              maxLength={200}
              value={entryId}
              onChange={(e) => setEntryId(e.target.value)}
            />
          </>
        )}
        <label className="usa-label" htmlFor="ref-purpose">
          {t("fields.purpose")}
        </label>
        <select
          className="usa-select"
          id="ref-purpose"
          required
          value={purpose}
          onChange={(e) => setPurpose(e.target.value as ReferralPurpose)}
        >
          <option value="">{t("choose")}</option>
          {PURPOSES.map((p) => (
            <option key={p} value={p}>
              {t(`purposes.${p}`)}
            </option>
          ))}
        </select>
        <label className="usa-label" htmlFor="ref-respond-by">
          {t("fields.respondBy")}
        </label>
        <span className="usa-hint" id="ref-respond-by-hint">
          {t("send.respondByHint")}
        </span>
        <input
          className="usa-input"
          id="ref-respond-by"
          type="date"
          aria-describedby="ref-respond-by-hint"
          value={respondBy}
          onChange={(e) => setRespondBy(e.target.value)}
        />
        <div aria-live="polite">
          {kind === "directory" && <p className="margin-top-2">{t("send.directoryNote")}</p>}
          {check && (
            <div
              className={`usa-alert usa-alert--slim margin-y-2 ${check.identified ? "usa-alert--success" : "usa-alert--warning"}`}
              data-testid="consent-status"
            >
              <div className="usa-alert__body">
                <p className="usa-alert__text">
                  {check.identified
                    ? t("send.consentYes", { covered: check.covered, victims: check.victims })
                    : t("send.consentNo", { covered: check.covered, victims: check.victims })}
                </p>
              </div>
            </div>
          )}
        </div>
        <button className="usa-button margin-top-2" type="submit">
          {t("send.submit")}
        </button>
      </form>
    </>
  );
}
