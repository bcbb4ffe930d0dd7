import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { OrgPicker, useOrgName } from "../../components/OrgPicker.tsx";
import { CASE_AGENCY_ROLES, CASE_AGENCY_TYPES } from "../../vocabulary.ts";
import type { OrgView } from "../auth/api.ts";
import type { AgencyInput, DirectoryEntry, TeamView } from "./api.ts";

interface Props {
  agencies: TeamView["agencies"];
  orgs: OrgView[] | undefined;
  entries: DirectoryEntry[] | undefined;
  mayEdit: boolean;
  onAdd(body: AgencyInput): Promise<boolean>;
  onRemove(agencyId: string): void;
}

/** The agencies involved in the case (HTRS), lead first, and a form to name another. */
export function Agencies({ agencies, orgs, entries, mayEdit, onAdd, onRemove }: Props) {
  const { t } = useTranslation("plan");
  const orgName = useOrgName();
  const [agencyType, setType] = useState<AgencyInput["agencyType"]>("local_le");
  const [role, setRole] = useState<NonNullable<AgencyInput["role"]>>("involved");
  const [directoryEntryId, setEntry] = useState("");
  const [partnerOrgId, setPartner] = useState("");
  const nameOf = (a: TeamView["agencies"][number]) =>
    a.partnerOrgId
      ? orgName(orgs, a.partnerOrgId)
      : a.directoryEntryId
        ? (entries?.find((e) => e.id === a.directoryEntryId)?.name ?? a.directoryEntryId)
        : t("agencies.unnamed");

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body: AgencyInput = {
      agencyType,
      role,
      ...(directoryEntryId ? { directoryEntryId } : {}),
      ...(partnerOrgId ? { partnerOrgId } : {}),
    };
    if (await onAdd(body)) {
      setEntry("");
      setPartner("");
      setRole("involved");
    }
  }

  return (
    <section aria-labelledby="agencies-heading">
      <h2 id="agencies-heading">{t("agencies.heading")}</h2>
      {agencies.length === 0 ? (
        <p>{t("agencies.none")}</p>
      ) : (
        <table className="usa-table usa-table--borderless width-full">
          <caption className="usa-sr-only">{t("agencies.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("agencies.source")}</th>
              <th scope="col">{t("agencies.agencyType")}</th>
              <th scope="col">{t("agencies.role")}</th>
              {mayEdit && <th scope="col">{t("services.actions")}</th>}
            </tr>
          </thead>
          <tbody>
            {agencies.map((a) => (
              <tr key={a.id}>
                <th scope="row">{nameOf(a)}</th>
                <td>{t(`agencies.types.${a.agencyType}`)}</td>
                <td>{t(`agencies.roles.${a.role}`)}</td>
                {mayEdit && (
                  <td>
                    <button
                      className="usa-button usa-button--unstyled"
                      type="button"
                      aria-label={t("agencies.removeLabel", { name: nameOf(a) })}
                      onClick={() => onRemove(a.id)}
                    >
                      {t("team.remove")}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayEdit && (
        <form className="usa-form" onSubmit={submit}>
          <label className="usa-label" htmlFor="agency-type">
            {t("agencies.agencyType")}
          </label>
          <select
            className="usa-select"
            id="agency-type"
            value={agencyType}
            onChange={(e) => setType(e.target.value as AgencyInput["agencyType"])}
          >
            {CASE_AGENCY_TYPES.map((a) => (
              <option key={a} value={a}>
                {t(`agencies.types.${a}`)}
              </option>
            ))}
          </select>
          <fieldset className="usa-fieldset margin-top-2">
            <legend className="usa-legend">{t("agencies.role")}</legend>
            {CASE_AGENCY_ROLES.map((r) => (
              <div className="usa-radio" key={r}>
                <input
                  className="usa-radio__input"
                  id={`agency-role-${r}`}
                  type="radio"
                  name="agency-role"
                  value={r}
                  checked={role === r}
                  onChange={() => setRole(r)}
                />
                <label className="usa-radio__label" htmlFor={`agency-role-${r}`}>
                  {t(`agencies.roles.${r}`)}
                </label>
              </div>
            ))}
          </fieldset>
          <label className="usa-label" htmlFor="agency-directory-entry">
            {t("agencies.directoryEntry")}
          </label>
          <span className="usa-hint" id="agency-source-hint">
            {t("agencies.sourceHint")}
          </span>
          <select
            className="usa-select"
            id="agency-directory-entry"
            aria-describedby="agency-source-hint"
            value={directoryEntryId}
            onChange={(e) => {
              setEntry(e.target.value);
              if (e.target.value) setPartner("");
            }}
          >
            <option value="">{t("services.noEntry")}</option>
            {(entries ?? []).map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.name}
              </option>
            ))}
          </select>
          <OrgPicker
            id="agency-partner-org"
            label={t("agencies.partnerOrg")}
            orgs={orgs}
            value={partnerOrgId}
            onChange={(v) => {
              setPartner(v);
              if (v) setEntry("");
            }}
            required={false}
          />
          <button className="usa-button margin-top-2" type="submit">
            {t("agencies.add")}
          </button>
        </form>
      )}
    </section>
  );
}
