import { useState } from "react";
import { useTranslation } from "react-i18next";
import { NavLink, useNavigate } from "react-router";
import { type Language, setLanguage } from "../i18n.ts";
import { NAV_ITEMS, type NavAccess } from "../navigation.ts";
import { NotificationsBell } from "../pages/notifications/NotificationsBell.tsx";
import { hasAnyRole, type Session, useSession } from "../session.tsx";

/** Whether a link shows for this session; while the session loads, only public links show. */
function visible(access: NavAccess, session: Session): boolean {
  if (access === "public") return true;
  if (access === "signedOut") return session.status === "signedOut";
  if (session.status !== "signedIn") return false;
  return "can" in access ? session.can?.[access.can] === true : hasAnyRole(session.user, access.roles);
}

/**
 * USWDS extended header: the site title, the primary navigation (the work links of the signed-in
 * user's roles), who is signed in with a sign-out button, and the English/Spanish switch.
 */
export function SiteHeader() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const [menuOpen, setMenuOpen] = useState(false);
  const other: Language = i18n.language === "es" ? "en" : "es";

  async function signOut() {
    setMenuOpen(false);
    // A failed request still leaves the session state as the server sees it (see session.tsx).
    await session.signOut().catch(() => undefined);
    await navigate("/sign-in", { state: { signedOut: true } });
    // The pressed button is gone: put keyboard and screen-reader focus on the page that follows.
    document.getElementById("main-content")?.focus();
  }

  return (
    <header className="usa-header usa-header--extended">
      <div className="usa-navbar">
        <div className="usa-logo">
          <em className="usa-logo__text">
            <NavLink to="/" title={t("site.name")}>
              {t("site.name")}
            </NavLink>
          </em>
        </div>
        <button type="button" className="usa-menu-btn" onClick={() => setMenuOpen(true)}>
          {t("nav.menu")}
        </button>
      </div>
      <nav aria-label={t("nav.label")} className={`usa-nav${menuOpen ? " is-visible" : ""}`}>
        <div className="usa-nav__inner">
          <button type="button" className="usa-nav__close" onClick={() => setMenuOpen(false)}>
            <span className="usa-sr-only">{t("nav.close")}</span>×
          </button>
          <ul className="usa-nav__primary usa-accordion">
            {NAV_ITEMS.filter((item) => visible(item.access, session)).map((item) => (
              <li className="usa-nav__primary-item" key={item.to}>
                <NavLink
                  to={item.to}
                  end={item.to === "/"}
                  className={({ isActive }) => `usa-nav-link${isActive ? " usa-current" : ""}`}
                  onClick={() => setMenuOpen(false)}
                >
                  <span>{t(item.labelKey)}</span>
                </NavLink>
              </li>
            ))}
          </ul>
          {/* Who is signed in, sign-out and the language switch sit apart from the work links. */}
          <div className="usa-nav__secondary">
            <ul className="usa-nav__secondary-links">
              {session.status === "signedIn" && session.user && (
                <>
                  <li className="usa-nav__secondary-item harbor-nav-user" data-testid="signed-in-as">
                    <span className="usa-sr-only">{t("auth:header.signedInAs")} </span>
                    {session.user.email}
                  </li>
                  <li className="usa-nav__secondary-item">
                    <NotificationsBell />
                  </li>
                  <li className="usa-nav__secondary-item">
                    <button type="button" className="usa-button usa-button--unstyled" onClick={signOut}>
                      {t("auth:header.signOut")}
                    </button>
                  </li>
                </>
              )}
              <li className="usa-nav__secondary-item">
                <button
                  type="button"
                  className="usa-button usa-button--unstyled"
                  lang={other}
                  data-testid="language-switch"
                  onClick={() => setLanguage(other)}
                >
                  {t("language.switchTo")}
                </button>
              </li>
            </ul>
          </div>
        </div>
      </nav>
    </header>
  );
}
