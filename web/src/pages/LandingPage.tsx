import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { usePageTitle } from "../components/usePageTitle.ts";

/** What works today, with where to find it (a page, or the command line). */
const AVAILABLE = [
  { key: "directory", links: ["/directory", "/navigator"] },
  { key: "cases", links: ["/cases"] },
  { key: "linkage", links: [] },
] as const;
/** Planned and not built yet: said plainly, so nobody looks for them. */
const COMING = ["intake", "services", "informationCenter", "statistics"] as const;
const LINK_LABEL = { "/directory": "directory", "/navigator": "navigator", "/cases": "cases" } as const;

/** Says plainly what Harbor is, who it is for, what works today and what is still to come. */
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
      <section aria-labelledby="available-heading">
        <h2 id="available-heading">{t("landing.availableHeading")}</h2>
        <ul className="usa-card-group" data-testid="available">
          {AVAILABLE.map(({ key, links }) => (
            <li key={key} className="usa-card tablet:grid-col-4">
              <div className="usa-card__container">
                <div className="usa-card__header">
                  <h3 className="usa-card__heading">{t(`landing.available.${key}.title`)}</h3>
                </div>
                <div className="usa-card__body">
                  <p>{t(`landing.available.${key}.text`)}</p>
                </div>
                {links.length > 0 && (
                  <div className="usa-card__footer">
                    {links.map((to) => (
                      <p key={to}>
                        <Link to={to}>{t(`landing.links.${LINK_LABEL[to]}`)}</Link>
                      </p>
                    ))}
                  </div>
                )}
              </div>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="coming-heading" className="margin-bottom-4">
        <h2 id="coming-heading">{t("landing.comingHeading")}</h2>
        <p>{t("landing.comingIntro")}</p>
        <ul className="usa-card-group" data-testid="coming">
          {COMING.map((key) => (
            <li key={key} className="usa-card tablet:grid-col-3">
              <div className="usa-card__container">
                <div className="usa-card__header">
                  <h3 className="usa-card__heading">
                    {t(`landing.coming.${key}.title`)}{" "}
                    <span className="usa-tag">{t("landing.comingTag")}</span>
                  </h3>
                </div>
                <div className="usa-card__body">
                  <p>{t(`landing.coming.${key}.text`)}</p>
                </div>
              </div>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
