import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { adminApi, type OrgView } from "../pages/auth/api.ts";

/** The organizations of the installation (every signed-in user may list them), loaded once per page. */
export function useOrgs(): { orgs: OrgView[] | undefined; error: unknown } {
  const [orgs, setOrgs] = useState<OrgView[]>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    adminApi.listOrgs().then((r) => setOrgs(r.orgs), setError);
  }, []);
  return { orgs, error };
}

/** "Name (type)" of an organization id, or the id itself while the list loads. */
export function useOrgName() {
  const { t } = useTranslation("auth");
  return (orgs: OrgView[] | undefined, id: string) => {
    const org = orgs?.find((o) => o.id === id);
    return org ? `${org.name} (${t(`orgTypes.${org.type}`)})` : id;
  };
}

interface Props {
  id: string;
  label: string;
  hint?: string;
  orgs: OrgView[] | undefined;
  value: string;
  onChange(orgId: string): void;
  /** Organizations not to offer (the caller's own, where it cannot be chosen). */
  exclude?: readonly string[];
  required?: boolean;
}

/** Choose an organization by its name, never by typing its id. */
export function OrgPicker({ id, label, hint, orgs, value, onChange, exclude = [], required = true }: Props) {
  const { t } = useTranslation("auth");
  const offered = (orgs ?? []).filter((o) => !exclude.includes(o.id));
  return (
    <>
      <label className="usa-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <span className="usa-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      <select
        className="usa-select"
        id={id}
        name={id}
        required={required}
        {...(hint ? { "aria-describedby": `${id}-hint` } : {})}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">{orgs ? t("orgPicker.choose") : t("loading")}</option>
        {offered.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name} ({t(`orgTypes.${o.type}`)})
          </option>
        ))}
      </select>
    </>
  );
}
