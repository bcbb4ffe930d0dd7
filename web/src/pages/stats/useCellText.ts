import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import type { PublishedCell } from "./api.ts";
import { readable } from "./layout.ts";

/** Words for cells and labels: a suppressed cell says why, never a number; "total" in the reader's language. */
export function useCellText(threshold: number) {
  const { t } = useTranslation("stats");
  const label = useCallback((code: string) => (code === "total" ? t("total") : readable(code)), [t]);
  return {
    cell: (cell: PublishedCell | undefined) =>
      !cell
        ? ""
        : cell.suppressed
          ? t(`suppressed.${cell.suppressed}`, { n: threshold })
          : String(cell.value ?? ""),
    label,
    unit: (unit: string) => t(`units.${unit}`, { defaultValue: readable(unit) }),
  };
}
