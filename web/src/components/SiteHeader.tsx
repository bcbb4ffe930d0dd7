import { useState } from "react";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";
import { type Language, setLanguage } from "../i18n.ts";
import { NAV_ITEMS } from "../navigation.ts";

/** USWDS basic header: the site title, the primary navigation and the English/Spanish switch. */
export function SiteHeader() {
  const { t, i18n } = useTranslation();
  const [menuOpen, setMenuOpen] = useState(false);
  const other: Language = i18n.language === "es" ? "en" : "es";
  return (
    <header className="usa-header usa-header--basic">
      <div className="usa-nav-container">
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
          <button type="button" className="usa-nav__close" onClick={() => setMenuOpen(false)}>
            <span className="usa-sr-only">{t("nav.close")}</span>×
          </button>
          <ul className="usa-nav__primary usa-accordion">
            {NAV_ITEMS.map((item) => (
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
            <li className="usa-nav__primary-item">
              <button
                type="button"
                className="usa-button usa-button--outline margin-top-1"
                lang={other}
                data-testid="language-switch"
                onClick={() => setLanguage(other)}
              >
                {t("language.switchTo")}
              </button>
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}
