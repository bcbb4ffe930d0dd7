import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** Sets the document title to "<page> | Harbor" (WCAG 2.4.2), in the current language. */
export function usePageTitle(title: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} | ${t("site.name")}`;
  }, [title, t]);
}
