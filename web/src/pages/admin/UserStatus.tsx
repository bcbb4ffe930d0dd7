import { useTranslation } from "react-i18next";
import type { UserView } from "../auth/api.ts";

/** A date and time in the page's language. */
export function useDate() {
  const { i18n } = useTranslation();
  return (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

/** An account's state in words: active, locked or disabled; authenticator; a pending one-time password. */
export function UserStatus({ user }: { user: UserView }) {
  const { t } = useTranslation("auth");
  const date = useDate();
  const state = user.disabled
    ? t("users.status.disabled")
    : user.locked
      ? t("users.status.locked")
      : t("users.status.active");
  const parts = [state, user.mfaEnrolled ? t("users.status.enrolled") : t("users.status.notEnrolled")];
  const expires = user.passwordChangeRequired ? user.oneTimePasswordExpiresAt : null;
  if (expires)
    parts.push(
      Date.parse(expires) <= Date.now()
        ? t("users.status.oneTimeExpired")
        : t("users.status.oneTime", { date: date(expires) }),
    );
  return <>{parts.join(" · ")}</>;
}
