import { useTranslation } from "react-i18next";
import { ApiError } from "./api.ts";
import { SignInLink } from "./returnTo.tsx";

/** A refusal said plainly, in the current language when its code is known; a 401 offers sign-in. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation("auth");
  if (!error) return null;
  const code = error instanceof ApiError ? error.code : "generic";
  const signIn = error instanceof ApiError && error.status === 401 && code === "unauthorized";
  const message = t(`errors.${code}`, {
    defaultValue: error instanceof ApiError ? error.message : t("errors.generic"),
  });
  return (
    <div className="usa-alert usa-alert--error usa-alert--slim margin-y-2" role="alert">
      <div className="usa-alert__body">
        <p className="usa-alert__text">
          {message} {signIn && <SignInLink>{t("errors.signInLink")}</SignInLink>}
        </p>
      </div>
    </div>
  );
}

/** A short notice announced to screen readers. */
export function StatusAlert({
  text,
  type = "success",
}: {
  text: string | undefined;
  type?: "success" | "info" | "warning";
}) {
  if (!text) return null;
  return (
    <div className={`usa-alert usa-alert--${type} usa-alert--slim margin-y-2`} role="status">
      <div className="usa-alert__body">
        <p className="usa-alert__text">{text}</p>
      </div>
    </div>
  );
}
