import { type FormEvent, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { type CaseView, recordsApi } from "./api.ts";
import { ErrorAlert } from "./shared.tsx";

/** The cases the signed-in user may see, and a form to open one. */
export function CasesPage() {
  const { t } = useTranslation("records");
  usePageTitle(t("cases.title"));
  const navigate = useNavigate();
  const [cases, setCases] = useState<CaseView[] | undefined>();
  const [error, setError] = useState<unknown>();
  const [title, setTitle] = useState("");
  const [saveError, setSaveError] = useState<unknown>();

  const load = useCallback(() => {
    recordsApi.listCases().then((r) => setCases(r.cases), setError);
  }, []);
  useEffect(load, [load]);

  async function create(event: FormEvent) {
    event.preventDefault();
    setSaveError(undefined);
    try {
      const { id } = await recordsApi.createCase(title);
      navigate(`/cases/${id}`);
    } catch (e) {
      setSaveError(e);
    }
  }

  return (
    <>
      <h1>{t("cases.title")}</h1>
      <p className="usa-intro">{t("cases.intro")}</p>
      <ErrorAlert error={error} />
      {cases && cases.length === 0 && <p>{t("cases.empty")}</p>}
      {cases && cases.length > 0 && (
        <table className="usa-table usa-table--borderless width-full">
          <caption className="usa-sr-only">{t("cases.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("cases.columns.title")}</th>
              <th scope="col">{t("cases.columns.relation")}</th>
              <th scope="col">{t("cases.columns.opened")}</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <Link to={`/cases/${c.id}`}>{c.title}</Link>
                </th>
                <td>{t(`relation.${c.relation}`)}</td>
                <td>{new Date(c.createdAt).toLocaleDateString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t("cases.newHeading")}</h2>
      <form className="usa-form" onSubmit={create}>
        <ErrorAlert error={saveError} />
        <label className="usa-label" htmlFor="case-title">
          {t("cases.newTitle")}
        </label>
        <span className="usa-hint" id="case-title-hint">
          {t("cases.newTitleHint")}
        </span>
        <input
          className="usa-input"
          id="case-title"
          name="title"
          required
          maxLength={200}
          aria-describedby="case-title-hint"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <button className="usa-button margin-top-2" type="submit">
          {t("cases.create")}
        </button>
      </form>
    </>
  );
}
