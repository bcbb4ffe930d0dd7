import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { NavLink, useLocation } from "react-router";
import { notificationsApi } from "./api.ts";

/** The header's notifications link with the unread count (refreshed on each page change and every minute). */
export function NotificationsBell() {
  const { t } = useTranslation("notifications");
  const { pathname } = useLocation();
  const [count, setCount] = useState(0);
  useEffect(() => {
    // Re-read on every page change: answering a referral elsewhere changes the count.
    void pathname;
    let live = true;
    const refresh = () =>
      notificationsApi.unreadCount().then(
        (r) => live && setCount(r.unreadCount),
        () => undefined,
      );
    void refresh();
    const timer = setInterval(refresh, 60_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [pathname]);
  return (
    <NavLink to="/notifications" className="usa-nav__link" data-testid="notifications-bell">
      {t("bell", { count })}
    </NavLink>
  );
}
