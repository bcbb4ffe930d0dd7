import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { TipSummary } from "./api.ts";

/** Hours and minutes left (or past) a due time, for reading aloud. */
function remaining(dueAt: string, now: number) {
  const ms = new Date(dueAt).getTime() - now;
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  return { late: ms < 0, hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}

/**
 * The 24-hour HHS notification clock, counting down each minute. Announced politely (aria-live) so a
 * screen reader hears it change without being interrupted every second.
 */
export function HhsClock({
  clock,
  prominent = false,
}: {
  clock: NonNullable<TipSummary["hhsClock"]>;
  prominent?: boolean;
}) {
  const { t } = useTranslation("tips");
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (clock.met) return;
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, [clock.met]);
  if (clock.met) {
    return (
      <span className={clock.overdue ? "text-secondary-dark" : "text-green"}>
        {t(clock.overdue ? "clock.metLate" : "clock.met", {
          at: new Date(clock.metAt ?? "").toLocaleString(),
        })}
      </span>
    );
  }
  const r = remaining(clock.dueAt, now);
  const text = r.late
    ? t("clock.overdue", { hours: r.hours, minutes: r.minutes })
    : t("clock.left", { hours: r.hours, minutes: r.minutes });
  if (!prominent)
    return <span className={r.late ? "text-secondary-dark text-bold" : "text-bold"}>{text}</span>;
  return (
    <div className={`usa-alert ${r.late ? "usa-alert--error" : "usa-alert--warning"} margin-y-2`}>
      <div className="usa-alert__body">
        <h2 className="usa-alert__heading">{t("clock.heading")}</h2>
        <p className="usa-alert__text" aria-live="polite">
          {text} · {t("clock.due", { at: new Date(clock.dueAt).toLocaleString() })}
        </p>
      </div>
    </div>
  );
}
