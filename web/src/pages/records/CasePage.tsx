import { type FormEvent, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { oneOf, PERSON_CITIZENSHIP, PERSON_ROLES } from "../../vocabulary.ts";
import { type AddPersonRequest, type CaseDetail, type PersonView, recordsApi } from "./api.ts";
import { CaseWork } from "./CaseWork.tsx";
import { PersonEditLink } from "./PersonEditLink.tsx";
import { Crumbs, ErrorAlert, SuccessAlert } from "./shared.tsx";

const FIELDS = [
  "givenName",
  "familyName",
  "dateOfBirth",
  "phone",
  "email",
  "address",
  "immigrationStatus",
] as const;
const ROLES = PERSON_ROLES;
const CITIZENSHIP = PERSON_CITIZENSHIP;

/** The request for the form as filled in: empty fields left out, choices as the API names them. */
function personBody(form: Record<string, string | boolean>): AddPersonRequest {
  const body: AddPersonRequest = {
    role: oneOf(ROLES, String(form.role)) ?? "victim",
    protected1367: form.protected1367 === true,
  };
  const citizenship = oneOf(CITIZENSHIP, String(form.citizenship));
  if (citizenship) body.citizenship = citizenship;
  for (const key of FIELDS) {
    const value = form[key];
    if (typeof value === "string" && value !== "") body[key] = value;
  }
  return body;
}

function PersonRow({
  person,
  canConsent,
  canEdit,
}: {
  person: PersonView;
  canConsent: boolean;
  canEdit: boolean;
}) {
  const { t } = useTranslation("records");
  const name = [person.givenName, person.familyName].filter(Boolean).join(" ");
  const hidden = person.givenName === undefined;
  return (
    <tr>
      <th scope="row">{hidden ? <em>{t("person.withheld")}</em> : name || t("person.noName")}</th>
      <td>{t(`roles.${person.role}`)}</td>
      <td>{t(`citizenship.${person.citizenship}`)}</td>
      <td>
        {person.identityWithheld && (
          <span className="usa-tag margin-right-1">{t("person.consentNeeded")}</span>
        )}
        {person.protected1367 && (
          <span className="usa-tag bg-secondary-dark">{t("person.protected1367")}</span>
        )}
      </td>
      <td>
        {canConsent && person.role === "victim" && (
          <Link to={`/persons/${person.id}/consents`}>{t("person.consentsLink")}</Link>
        )}
        {person.role === "victim" && (
          <>
            {canConsent && " · "}
            <Link to={`/persons/${person.id}/relief`}>{t("person.reliefLink")}</Link>
          </>
        )}
        {canEdit && <PersonEditLink personId={person.id} />}
      </td>
    </tr>
  );
}

function AddPersonForm({ caseId, onAdded }: { caseId: string; onAdded: () => void }) {
  const { t } = useTranslation("records");
  const [form, setForm] = useState<Record<string, string | boolean>>({
    role: "victim",
    citizenship: "unknown",
    protected1367: false,
  });
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();
  const set = (k: string, v: string | boolean) => setForm((f) => ({ ...f, [k]: v }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    try {
      await recordsApi.addPerson(caseId, personBody(form));
      setForm({ role: "victim", citizenship: "unknown", protected1367: false });
      setDone(t("addPerson.done"));
      onAdded();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <form className="usa-form usa-form--large" onSubmit={submit}>
      <ErrorAlert error={error} />
      <SuccessAlert text={done} />
      <label className="usa-label" htmlFor="person-role">
        {t("fields.role")}
      </label>
      <select
        className="usa-select"
        id="person-role"
        value={String(form.role)}
        onChange={(e) => set("role", e.target.value)}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`roles.${r}`)}
          </option>
        ))}
      </select>
      {FIELDS.map((field) => (
        <div key={field}>
          <label className="usa-label" htmlFor={`person-${field}`}>
            {t(`fields.${field}`)}
          </label>
          <input
            className="usa-input"
            id={`person-${field}`}
            type={
              field === "dateOfBirth"
                ? "date"
                : field === "email"
                  ? "email"
                  : field === "phone"
                    ? "tel"
                    : "text"
            }
            value={String(form[field] ?? "")}
            onChange={(e) => set(field, e.target.value)}
          />
        </div>
      ))}
      <label className="usa-label" htmlFor="person-citizenship">
        {t("fields.citizenship")}
      </label>
      <select
        className="usa-select"
        id="person-citizenship"
        value={String(form.citizenship)}
        onChange={(e) => set("citizenship", e.target.value)}
      >
        {CITIZENSHIP.map((c) => (
          <option key={c} value={c}>
            {t(`citizenship.${c}`)}
          </option>
        ))}
      </select>
      <div className="usa-checkbox margin-top-2">
        <input
          className="usa-checkbox__input"
          id="person-1367"
          type="checkbox"
          checked={form.protected1367 === true}
          onChange={(e) => set("protected1367", e.target.checked)}
        />
        <label className="usa-checkbox__label" htmlFor="person-1367">
          {t("fields.protected1367")}
          <span className="usa-checkbox__label-description">{t("fields.protected1367Hint")}</span>
        </label>
      </div>
      <button className="usa-button margin-top-2" type="submit">
        {t("addPerson.submit")}
      </button>
    </form>
  );
}

/** One case: its persons as the policy lets this user see them, and what the user may do next. */
export function CasePage() {
  const { t } = useTranslation("records");
  const { id = "" } = useParams();
  const [kase, setCase] = useState<CaseDetail | undefined>();
  const [error, setError] = useState<unknown>();
  usePageTitle(kase?.title ?? t("case.title"));
  const load = useCallback(() => {
    recordsApi.getCase(id).then(setCase, setError);
  }, [id]);
  useEffect(load, [load]);

  return (
    <>
      <Crumbs current={kase?.title ?? t("case.title")} />
      <ErrorAlert error={error} />
      {kase && (
        <>
          <h1>{kase.title}</h1>
          <p>
            {t("case.relation")}: {t(`relation.${kase.relation}`)}
            {kase.permissions.share && (
              <>
                {" · "}
                <Link to={`/cases/${kase.id}/sharing`}>{t("case.sharingLink")}</Link>
                {" · "}
                <Link to={`/referrals/new?caseId=${kase.id}`}>{t("case.referLink")}</Link>
              </>
            )}
            {" · "}
            <Link to={`/referrals?caseId=${kase.id}`}>{t("case.referralsLink")}</Link>
            {" · "}
            <Link to={`/cases/${kase.id}/attachments`}>{t("attachments:caseLink")}</Link>
            {" · "}
            <Link to={`/cases/${kase.id}/plan`}>{t("plan:links.plan")}</Link>
            {" · "}
            <Link to={`/cases/${kase.id}/team`}>{t("plan:links.team")}</Link>
            {" · "}
            <Link to={`/cases/${kase.id}/facts`}>{t("facts:page.link")}</Link>
          </p>
          <h2>{t("case.personsHeading")}</h2>
          {kase.persons.length === 0 ? (
            <p>{t("case.noPersons")}</p>
          ) : (
            <table className="usa-table usa-table--borderless width-full">
              <caption className="usa-sr-only">{t("case.personsHeading")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("fields.name")}</th>
                  <th scope="col">{t("fields.role")}</th>
                  <th scope="col">{t("fields.citizenship")}</th>
                  <th scope="col">{t("fields.protections")}</th>
                  <th scope="col">{t("fields.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {kase.persons.map((p) => (
                  <PersonRow
                    key={p.id}
                    person={p}
                    canConsent={kase.permissions.readConsents}
                    canEdit={kase.permissions.update}
                  />
                ))}
              </tbody>
            </table>
          )}
          {kase.permissions.addPerson && (
            <>
              <h2>{t("addPerson.heading")}</h2>
              <AddPersonForm caseId={kase.id} onAdded={load} />
            </>
          )}
          <CaseWork kase={kase} reload={load} />
        </>
      )}
    </>
  );
}
