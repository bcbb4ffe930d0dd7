import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { ErrorAlert, SuccessAlert, useSave } from "../records/shared.tsx";
import { type NotificationView, notificationsApi } from "./api.ts";

const linkOf = (n: NotificationView) => (n.refType === "referral" ? `/referrals/${n.refId}` : undefined);

/** The signed-in user's notifications, newest first; opening one marks it read. */
export function NotificationsPage() {
  const { t, i18n } = useTranslation("notifications");
  usePageTitle(t("title"));
  const [rows, setRows] = useState<NotificationView[] | undefined>();
  const [error, setError] = useState<unknown>();
  const load = useCallback(() => {
    notificationsApi.list().then((r) => setRows(r.notifications), setError);
  }, []);
  useEffect(load, [load]);
  const { saveError, done, save } = useSave(load);

  return (
    <>
      <h1>{t("title")}</h1>
      <ErrorAlert error={error ?? saveError} />
      <SuccessAlert text={done} />
      {rows && rows.length === 0 && <p>{t("none")}</p>}
      {rows && rows.length > 0 && (
        <>
          <button
            type="button"
            className="usa-button usa-button--outline"
            onClick={() => save(() => notificationsApi.markAllRead(), t("allRead"))}
          >
            {t("markAllRead")}
          </button>
          <ul className="usa-list usa-list--unstyled margin-top-2">
            {rows.map((n) => {
              const to = linkOf(n);
              const label = t(`kinds.${n.kind}`, { defaultValue: t("kinds.other") });
              return (
                <li key={n.id} className="margin-bottom-1">
                  {!n.readAt && <span className="usa-tag margin-right-1">{t("unread")}</span>}
                  {to ? (
                    <Link
                      to={to}
                      onClick={() => void notificationsApi.markRead([n.id]).catch(() => undefined)}
                    >
                      {label}
                    </Link>
                  ) : (
                    label
                  )}{" "}
                  <span className="text-base">{new Date(n.createdAt).toLocaleString(i18n.language)}</span>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </>
  );
}
