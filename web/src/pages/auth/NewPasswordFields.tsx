import { useTranslation } from "react-i18next";

interface Props {
  /** Prefix of the inputs' ids, unique on the page. */
  id: string;
  value: { password: string; repeat: string };
  onChange(value: { password: string; repeat: string }): void;
}

/** True when both entries are filled in and differ (the form says so before sending anything). */
export const passwordsDiffer = (v: { password: string; repeat: string }) =>
  v.repeat !== "" && v.password !== v.repeat;

/**
 * A new password typed twice, with the policy in plain words (ASVS 5.0: at least 8 characters,
 * 64 and more welcome, no composition rules; the server checks the common and breached lists).
 */
export function NewPasswordFields({ id, value, onChange }: Props) {
  const { t } = useTranslation("auth");
  const differ = passwordsDiffer(value);
  return (
    <>
      <label className="usa-label" htmlFor={`${id}-new`}>
        {t("password.new")}
      </label>
      <span className="usa-hint" id={`${id}-new-hint`}>
        {t("password.hint")}
      </span>
      <input
        className="usa-input"
        id={`${id}-new`}
        name="new-password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        aria-describedby={`${id}-new-hint`}
        value={value.password}
        onChange={(e) => onChange({ ...value, password: e.target.value })}
      />
      <label className="usa-label" htmlFor={`${id}-repeat`}>
        {t("password.repeat")}
      </label>
      {differ && (
        <span className="usa-error-message" id={`${id}-repeat-error`} role="alert">
          {t("password.mismatch")}
        </span>
      )}
      <input
        className={`usa-input${differ ? " usa-input--error" : ""}`}
        id={`${id}-repeat`}
        name="repeat-password"
        type="password"
        autoComplete="new-password"
        required
        aria-invalid={differ}
        {...(differ ? { "aria-describedby": `${id}-repeat-error` } : {})}
        value={value.repeat}
        onChange={(e) => onChange({ ...value, repeat: e.target.value })}
      />
    </>
  );
}
