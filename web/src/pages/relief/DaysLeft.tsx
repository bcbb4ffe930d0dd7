import { useTranslation } from "react-i18next";

/** A deadline's date with the days remaining, worded for screen readers too. */
export function DaysLeft({ date, days }: { date: string; days: number }) {
  const { t } = useTranslation("relief");
  const text =
    days > 0
      ? t("daysLeft", { date, count: days })
      : days === 0
        ? t("today", { date })
        : t("overdue", { date, count: -days });
  return <span className={days <= 7 ? "text-bold text-secondary-dark" : undefined}>{text}</span>;
}
