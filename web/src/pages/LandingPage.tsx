import { useTranslation } from "react-i18next";
import { usePageTitle } from "../components/usePageTitle.ts";

const CAPABILITIES = ["directory", "intake", "cases", "services", "linkage", "statistics"] as const;

/** Says plainly what Harbor is, who it is for, and what works today. */
export function LandingPage() {
  const { t } = useTranslation();
  usePageTitle(t("landing.title"));
  return (
    <>
      <section className="usa-section">
        <h1>{t("landing.title")}</h1>
        <p className="usa-intro">{t("landing.intro")}</p>
        <div className="usa-alert usa-alert--emergency usa-alert--slim margin-y-3">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{t("landing.emergency")}</p>
          </div>
        </div>
      </section>
      <section aria-labelledby="capabilities-heading">
        <h2 id="capabilities-heading">{t("landing.capabilitiesHeading")}</h2>
        <ul className="usa-card-group">
          {CAPABILITIES.map((key) => (
            <li key={key} className="usa-card tablet:grid-col-4">
              <div className="usa-card__container">
                <div className="usa-card__header">
                  <h3 className="usa-card__heading">{t(`landing.capabilities.${key}.title`)}</h3>
                </div>
                <div className="usa-card__body">
                  <p>{t(`landing.capabilities.${key}.text`)}</p>
                </div>
              </div>
            </li>
          ))}
        </ul>
        <p>{t("landing.status")}</p>
      </section>
    </>
  );
}
