import { useTranslation } from "react-i18next";
import { Outlet } from "react-router";
import { GovBanner } from "./GovBanner.tsx";
import { QuickExit } from "./QuickExit.tsx";
import { SiteFooter } from "./SiteFooter.tsx";
import { SiteHeader } from "./SiteHeader.tsx";

/**
 * Every page's frame: skip link, official banner, header, the page, footer. Public pages (the default)
 * carry the quick-exit button; signed-in work pages may turn it off.
 */
export function Layout({ quickExit = true }: { quickExit?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <a className="usa-skipnav" href="#main-content">
        {t("skipToContent")}
      </a>
      <GovBanner />
      <SiteHeader />
      <main id="main-content" className="harbor-main" tabIndex={-1}>
        <div className="grid-container">
          <Outlet />
        </div>
      </main>
      <SiteFooter />
      {quickExit && <QuickExit />}
    </>
  );
}
