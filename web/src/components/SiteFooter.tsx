import { useTranslation } from "react-i18next";

/** A slim USWDS footer: what Harbor is, and the hotline a person in danger needs. */
export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="usa-footer usa-footer--slim">
      <div className="usa-footer__secondary-section">
        <div className="grid-container">
          <p className="margin-y-1">{t("footer.about")}</p>
          <p className="margin-y-1">
            <strong>{t("footer.hotlineLabel")}</strong> {t("footer.hotline")}
          </p>
        </div>
      </div>
    </footer>
  );
}
