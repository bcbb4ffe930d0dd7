import { useTranslation } from "react-i18next";
import { ApiError } from "./api.ts";

/** True when a save failed because someone else saved first (the record moved on: 412). */
export const isStale = (error: unknown) => error instanceof ApiError && error.status === 412;

export interface ConflictField {
  label: string;
  /** The value now saved, as the page shows it. */
  current: string;
}

/**
 * Someone saved this record after you opened it. Your changes are kept in the form; the values now
 * saved are listed where they differ, and saving again applies your changes over the current version.
 */
export function VersionConflict({ version, fields }: { version: number; fields: ConflictField[] }) {
  const { t } = useTranslation("casework");
  return (
    <div className="usa-alert usa-alert--warning margin-y-2" role="alert" data-testid="version-conflict">
      <div className="usa-alert__body">
        <h3 className="usa-alert__heading">{t("conflict.heading")}</h3>
        <p className="usa-alert__text">{t("conflict.text", { version })}</p>
        {fields.length > 0 && (
          <ul className="usa-list">
            {fields.map((f) => (
              <li key={f.label}>
                {f.label}: <strong>{f.current || t("conflict.empty")}</strong>
              </li>
            ))}
          </ul>
        )}
        <p className="usa-alert__text">{t("conflict.reapply")}</p>
      </div>
    </div>
  );
}
