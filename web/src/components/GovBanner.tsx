import dotGov from "@uswds/uswds/img/icon-dot-gov.svg";
import https from "@uswds/uswds/img/icon-https.svg";
import flag from "@uswds/uswds/img/us_flag_small.png";
import { useState } from "react";
import { useTranslation } from "react-i18next";

/** The USWDS official-site banner; the toggle is React state instead of USWDS's script. */
export function GovBanner() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <section className="usa-banner" aria-label={t("banner.label")}>
      <div className="usa-accordion">
        <header className="usa-banner__header">
          <div className="usa-banner__inner">
            <div className="grid-col-auto">
              <img aria-hidden="true" className="usa-banner__header-flag" src={flag} alt="" />
            </div>
            <div className="grid-col-fill tablet:grid-col-auto" aria-hidden="true">
              <p className="usa-banner__header-text">{t("banner.official")}</p>
              <p className="usa-banner__header-action">{t("banner.howYouKnow")}</p>
            </div>
            <button
              type="button"
              className="usa-accordion__button usa-banner__button"
              aria-expanded={open}
              aria-controls="gov-banner"
              onClick={() => setOpen(!open)}
            >
              <span className="usa-banner__button-text">{t("banner.howYouKnow")}</span>
            </button>
          </div>
        </header>
        <div className="usa-banner__content usa-accordion__content" id="gov-banner" hidden={!open}>
          <div className="grid-row grid-gap-lg">
            <div className="usa-banner__guidance tablet:grid-col-6">
              <img
                className="usa-banner__icon usa-media-block__img"
                src={dotGov}
                role="img"
                alt=""
                aria-hidden="true"
              />
              <div className="usa-media-block__body">
                <p>
                  <strong>{t("banner.govTitle")}</strong>
                  <br />
                  {t("banner.govText")}
                </p>
              </div>
            </div>
            <div className="usa-banner__guidance tablet:grid-col-6">
              <img
                className="usa-banner__icon usa-media-block__img"
                src={https}
                role="img"
                alt=""
                aria-hidden="true"
              />
              <div className="usa-media-block__body">
                <p>
                  <strong>{t("banner.httpsTitle")}</strong>
                  <br />
                  {t("banner.httpsText")}
                </p>
              </div>
            </div>
          </div>
        </div>
      </div>
    </section>
  );
}
