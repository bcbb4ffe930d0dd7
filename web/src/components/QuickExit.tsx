import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** Where quick exit goes: an ordinary page, opened over this one so Back does not return here. */
export const QUICK_EXIT_URL = "https://www.weather.gov/";

/**
 * "Quick exit" for a person at risk whose screen may be watched: replaces this page in history with
 * a neutral site. Pressing Escape twice quickly does the same.
 */
export function QuickExit() {
  const { t } = useTranslation();
  useEffect(() => {
    let last = 0;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      if (event.timeStamp - last < 800) quickExit();
      last = event.timeStamp;
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return (
    <button
      type="button"
      className="usa-button usa-button--secondary harbor-quick-exit"
      data-testid="quick-exit"
      onClick={quickExit}
    >
      {t("quickExit.label")}
      <span className="usa-sr-only"> {t("quickExit.hint")}</span>
    </button>
  );
}

export function quickExit(): void {
  document.title = "";
  document.body.innerHTML = "";
  window.location.replace(QUICK_EXIT_URL);
}
