import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { SignInLink } from "../auth/returnTo.tsx";
import { ApiError } from "./api.ts";

/** A failed load or save, said plainly; a 401 offers the sign-in page. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation("records");
  if (!error) return null;
  const signIn = error instanceof ApiError && error.status === 401;
  const notFound = error instanceof ApiError && error.status === 404;
  const message = signIn
    ? t("errors.signIn")
    : notFound
      ? t("errors.notFound")
      : error instanceof ApiError
        ? error.message
        : t("errors.generic");
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

/** A short success notice, announced to screen readers. */
export function SuccessAlert({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <div className="usa-alert usa-alert--success usa-alert--slim margin-y-2" role="status">
      <div className="usa-alert__body">
        <p className="usa-alert__text">{text}</p>
      </div>
    </div>
  );
}

/** Breadcrumbs back to the case list (and the case). */
export function Crumbs({ caseId, current }: { caseId?: string; current: string }) {
  const { t } = useTranslation("records");
  return (
    <nav className="usa-breadcrumb" aria-label={t("breadcrumb")}>
      <ol className="usa-breadcrumb__list">
        <li className="usa-breadcrumb__list-item">
          <Link className="usa-breadcrumb__link" to="/cases">
            <span>{t("cases.title")}</span>
          </Link>
        </li>
        {caseId && (
          <li className="usa-breadcrumb__list-item">
            <Link className="usa-breadcrumb__link" to={`/cases/${caseId}`}>
              <span>{t("case.title")}</span>
            </Link>
          </li>
        )}
        <li className="usa-breadcrumb__list-item usa-current" aria-current="page">
          <span>{current}</span>
        </li>
      </ol>
    </nav>
  );
}

/**
 * A page's writes: clears the last outcome, runs the action, then shows `doneText` and reloads, or keeps the
 * error for ErrorAlert. Resolves to whether it succeeded, so a form can reset itself.
 */
export function useSave(reload: () => void) {
  const [saveError, setSaveError] = useState<unknown>();
  const [done, setDone] = useState<string>();
  async function save(action: () => Promise<unknown>, doneText: string): Promise<boolean> {
    setSaveError(undefined);
    setDone(undefined);
    try {
      await action();
      setDone(doneText);
      reload();
      return true;
    } catch (e) {
      setSaveError(e);
      return false;
    }
  }
  return { saveError, done, save };
}
