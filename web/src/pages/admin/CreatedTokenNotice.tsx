import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CreatedTokenView } from "../auth/api.ts";

interface Props {
  created: CreatedTokenView;
  email: string;
  expires: string;
  onDone(): void;
}

/**
 * The new token's secret, shown this once: Harbor keeps only its hash, so the page says plainly
 * that it will not be shown again. A read-only field selects whole on focus and a button copies it.
 */
export function CreatedTokenNotice({ created, email, expires, onDone }: Props) {
  const { t } = useTranslation("auth");
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copy, setCopy] = useState<"copied" | "failed">();
  // Keyboard and screen-reader users land on the notice, not on the form they just submitted.
  useEffect(() => headingRef.current?.focus(), []);

  async function copyToken() {
    try {
      await navigator.clipboard.writeText(created.token);
      setCopy("copied");
    } catch {
      setCopy("failed");
    }
  }

  return (
    <div className="usa-alert usa-alert--warning margin-y-2" data-testid="created-token-notice">
      <div className="usa-alert__body">
        <h3 className="usa-alert__heading" ref={headingRef} tabIndex={-1}>
          {t("tokens.created.heading")}
        </h3>
        <p className="usa-alert__text">
          <strong>{t("tokens.created.once")}</strong> {t("tokens.created.text")}
        </p>
        <label className="usa-label" htmlFor="created-token">
          {t("tokens.created.tokenLabel", { email })}
        </label>
        <input
          className="usa-input harbor-token"
          id="created-token"
          data-testid="created-token"
          readOnly
          value={created.token}
          autoComplete="off"
          spellCheck={false}
          aria-describedby="created-token-use"
          onFocus={(e) => e.currentTarget.select()}
        />
        <p className="usa-alert__text" id="created-token-use">
          {t("tokens.created.use")} {t("tokens.created.expires", { date: expires })}
        </p>
        <div className="usa-button-group margin-top-1">
          <button type="button" className="usa-button" onClick={copyToken}>
            {t("tokens.created.copy")}
          </button>
          <button type="button" className="usa-button usa-button--outline" onClick={onDone}>
            {t("tokens.created.done")}
          </button>
        </div>
        <p className="usa-alert__text" role="status">
          {copy === "copied" && t("tokens.created.copied")}
          {copy === "failed" && t("tokens.created.copyFailed")}
        </p>
      </div>
    </div>
  );
}
