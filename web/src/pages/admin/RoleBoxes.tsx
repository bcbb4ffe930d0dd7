import { useTranslation } from "react-i18next";
import { ROLES } from "../../vocabulary.ts";
import type { Role } from "../auth/api.ts";

interface Props {
  id: string;
  legend: string;
  value: Role[];
  onChange(roles: Role[]): void;
  /** A role that cannot be removed here (the last active admin keeps `admin`), with why. */
  locked?: { role: Role; reason: string };
}

/** The roles as checkboxes (USWDS), in the API's order. */
export function RoleBoxes({ id, legend, value, onChange, locked }: Props) {
  const { t } = useTranslation("auth");
  const toggle = (role: Role) =>
    onChange(value.includes(role) ? value.filter((r) => r !== role) : [...value, role]);
  return (
    <fieldset className="usa-fieldset margin-top-3">
      <legend className="usa-legend">{legend}</legend>
      {locked && (
        <span className="usa-hint" id={`${id}-locked`}>
          {locked.reason}
        </span>
      )}
      {ROLES.map((role) => {
        const fixed = locked?.role === role;
        return (
          <div className="usa-checkbox" key={role}>
            <input
              className="usa-checkbox__input"
              id={`${id}-${role}`}
              type="checkbox"
              name="roles"
              value={role}
              checked={value.includes(role)}
              disabled={fixed}
              {...(fixed ? { "aria-describedby": `${id}-locked` } : {})}
              onChange={() => toggle(role)}
            />
            <label className="usa-checkbox__label" htmlFor={`${id}-${role}`}>
              {t(`roles.${role}`)}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}
