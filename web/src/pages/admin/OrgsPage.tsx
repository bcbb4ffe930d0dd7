import { type FormEvent, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { adminApi, type OrgView } from "../auth/api.ts";
import { ErrorAlert, StatusAlert } from "../auth/shared.tsx";

const ORG_TYPES = [
  "law_enforcement",
  "prosecutor",
  "service_provider",
  "government",
  "hotline",
  "research",
] as const;

/** Organizations visible to the admin; government admins may create new ones. */
export function OrgsPage() {
  const { t } = useTranslation("auth");
  usePageTitle(t("orgs.title"));
  const [orgs, setOrgs] = useState<OrgView[]>();
  const [error, setError] = useState<unknown>();
  const [form, setForm] = useState({ id: "", name: "", type: "law_enforcement" });
  const [saveError, setSaveError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();

  const load = useCallback(() => {
    adminApi.listOrgs().then((r) => setOrgs(r.orgs), setError);
  }, []);
  useEffect(load, [load]);

  async function create(event: FormEvent) {
    event.preventDefault();
    setSaveError(undefined);
    try {
      const org = await adminApi.createOrg(form);
      setNotice(t("orgs.created", { name: org.name }));
      setForm({ id: "", name: "", type: "law_enforcement" });
      load();
    } catch (e) {
      setSaveError(e);
    }
  }

  return (
    <>
      <h1>{t("orgs.title")}</h1>
      <p className="usa-intro">{t("orgs.intro")}</p>
      <p>
        <Link to="/admin/users">{t("users.title")}</Link>
      </p>
      <ErrorAlert error={error} />
      <StatusAlert text={notice} />
      {orgs && (
        <table className="usa-table usa-table--borderless width-full">
          <caption className="usa-sr-only">{t("orgs.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("orgs.columns.id")}</th>
              <th scope="col">{t("orgs.columns.name")}</th>
              <th scope="col">{t("orgs.columns.type")}</th>
            </tr>
          </thead>
          <tbody>
            {orgs.map((o) => (
              <tr key={o.id}>
                <th scope="row">{o.id}</th>
                <td>{o.name}</td>
                <td>{t(`orgTypes.${o.type}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t("orgs.newHeading")}</h2>
      <p>{t("orgs.newRule")}</p>
      <form className="usa-form usa-form--large" onSubmit={create}>
        <ErrorAlert error={saveError} />
        <label className="usa-label" htmlFor="new-org-id">
          {t("orgs.id")}
        </label>
        <span className="usa-hint" id="new-org-id-hint">
          {t("orgs.idHint")}
        </span>
        <input
          className="usa-input"
          id="new-org-id"
          name="id"
          required
          pattern="[a-z0-9][a-z0-9\-]{1,62}"
          aria-describedby="new-org-id-hint"
          value={form.id}
          onChange={(e) => setForm({ ...form, id: e.target.value })}
        />
        <label className="usa-label" htmlFor="new-org-name">
          {t("orgs.name")}
        </label>
        <input
          className="usa-input"
          id="new-org-name"
          name="name"
          required
          maxLength={200}
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
        />
        <label className="usa-label" htmlFor="new-org-type">
          {t("orgs.type")}
        </label>
        <select
          className="usa-select"
          id="new-org-type"
          name="type"
          value={form.type}
          onChange={(e) => setForm({ ...form, type: e.target.value })}
        >
          {ORG_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`orgTypes.${type}`)}
            </option>
          ))}
        </select>
        <button className="usa-button" type="submit">
          {t("orgs.create")}
        </button>
      </form>
    </>
  );
}
