import { type FormEvent, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { OrgPicker, useOrgs } from "../../components/OrgPicker.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { useSession } from "../../session.tsx";
import { recordsApi, type ShareAccess, type ShareView } from "./api.ts";
import { Crumbs, ErrorAlert, SuccessAlert, useSave } from "./shared.tsx";

/** Who a case is shared with, and a form to share it with another organization (read or write). */
export function SharingPage() {
  const { t } = useTranslation("records");
  usePageTitle(t("sharing.title"));
  const { id = "" } = useParams();
  const [shares, setShares] = useState<ShareView[] | undefined>();
  const [error, setError] = useState<unknown>();
  const [orgId, setOrgId] = useState("");
  const [access, setAccess] = useState<ShareAccess>("read");
  const { orgs, error: orgsError } = useOrgs();
  const own = useSession().user?.orgId;
  const load = useCallback(() => {
    recordsApi.listShares(id).then((r) => setShares(r.shares), setError);
  }, [id]);
  useEffect(load, [load]);
  const { saveError, done, save } = useSave(load);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await save(() => recordsApi.share(id, orgId, access), t("sharing.done"))) setOrgId("");
  }

  return (
    <>
      <Crumbs caseId={id} current={t("sharing.title")} />
      <h1>{t("sharing.title")}</h1>
      <p className="usa-intro">{t("sharing.intro")}</p>
      <ErrorAlert error={error ?? orgsError} />
      {shares && shares.length === 0 && <p>{t("sharing.none")}</p>}
      {shares && shares.length > 0 && (
        <table className="usa-table usa-table--borderless width-full">
          <caption className="usa-sr-only">{t("sharing.listCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("sharing.org")}</th>
              <th scope="col">{t("sharing.orgType")}</th>
              <th scope="col">{t("sharing.access")}</th>
            </tr>
          </thead>
          <tbody>
            {shares.map((s) => (
              <tr key={s.orgId}>
                <th scope="row">
                  {s.orgName} <span className="text-base">({s.orgId})</span>
                </th>
                <td>{t(`orgTypes.${s.orgType}`, { defaultValue: s.orgType })}</td>
                <td>{t(`sharing.accessLevels.${s.access}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t("sharing.formHeading")}</h2>
      <form className="usa-form" onSubmit={submit}>
        <ErrorAlert error={saveError} />
        <SuccessAlert text={done} />
        <OrgPicker
          id="share-org"
          label={t("sharing.orgId")}
          hint={t("sharing.orgIdHint")}
          orgs={orgs}
          value={orgId}
          onChange={setOrgId}
          exclude={own ? [own] : []}
        />
        <fieldset className="usa-fieldset margin-top-2">
          <legend className="usa-legend">{t("sharing.access")}</legend>
          {(["read", "write"] as const).map((level) => (
            <div className="usa-radio" key={level}>
              <input
                className="usa-radio__input"
                id={`share-access-${level}`}
                type="radio"
                name="access"
                value={level}
                checked={access === level}
                onChange={() => setAccess(level)}
              />
              <label className="usa-radio__label" htmlFor={`share-access-${level}`}>
                {t(`sharing.accessLevels.${level}`)}
                <span className="usa-checkbox__label-description">{t(`sharing.accessHints.${level}`)}</span>
              </label>
            </div>
          ))}
        </fieldset>
        <button className="usa-button margin-top-2" type="submit">
          {t("sharing.submit")}
        </button>
      </form>
    </>
  );
}
