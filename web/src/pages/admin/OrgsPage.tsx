import { type FormEvent, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { useSession } from "../../session.tsx";
import { ORG_TYPES, oneOf } from "../../vocabulary.ts";
import { adminApi, type OrgView } from "../auth/api.ts";
import { ErrorAlert } from "../auth/shared.tsx";

/**
 * The installation's organizations. The host organization's admins (and the CLI) add partner
 * organizations here, then seat each one's first administrator from the users page.
 */
export function OrgsPage() {
  const { t } = useTranslation("auth");
  usePageTitle(t("orgs.title"));
  const session = useSession();
  const [orgs, setOrgs] = useState<OrgView[]>();
  const [error, setError] = useState<unknown>();
  const [form, setForm] = useState({ id: "", name: "", type: "law_enforcement" });
  const [saveError, setSaveError] = useState<unknown>();
  const [added, setAdded] = useState<OrgView>();

  const load = useCallback(() => {
    adminApi.listOrgs().then((r) => setOrgs(r.orgs), setError);
  }, []);
  useEffect(load, [load]);

  async function create(event: FormEvent) {
    event.preventDefault();
    setSaveError(undefined);
    setAdded(undefined);
    try {
      const type = oneOf(ORG_TYPES, form.type) ?? "law_enforcement";
      const org = await adminApi.createOrg({ ...form, type });
      setAdded(org);
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
      {added && (
        <div className="usa-alert usa-alert--success usa-alert--slim margin-y-2" role="status">
          <div className="usa-alert__body">
            <p className="usa-alert__text">
              {t("orgs.created", { name: added.name })}{" "}
              <Link to={`/admin/users?org=${encodeURIComponent(added.id)}`}>{t("orgs.addFirstAdmin")}</Link>
            </p>
          </div>
        </div>
      )}
      {orgs && (
        <table className="usa-table usa-table--borderless width-full">
          <caption className="usa-sr-only">{t("orgs.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("orgs.columns.name")}</th>
              <th scope="col">{t("orgs.columns.id")}</th>
              <th scope="col">{t("orgs.columns.type")}</th>
            </tr>
          </thead>
          <tbody>
            {orgs.map((o) => (
              <tr key={o.id}>
                <th scope="row">
                  {o.name} {o.host && <span className="usa-tag">{t("orgs.host")}</span>}
                </th>
                <td>{o.id}</td>
                <td>{t(`orgTypes.${o.type}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t("orgs.newHeading")}</h2>
      <p>{t("orgs.newRule")}</p>
      {session.can?.createOrgs && (
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
      )}
    </>
  );
}
