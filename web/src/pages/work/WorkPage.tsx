import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, type ResponseOf, unwrap } from "../../apiClient.ts";
import { usePageTitle } from "../../components/usePageTitle.ts";

type MyWork = ResponseOf<"/api/v1/me/work", "get">;
type Item = MyWork["sections"]["queue"][number];
const SECTIONS = ["queue", "tasks", "deadlines", "referrals", "clocks"] as const;

/** "Due in 3 h" / "2 d overdue": whole hours under two days, whole days beyond. */
function remaining(dueAt: string, now: number): { key: string; count: number } {
  const ms = Date.parse(dueAt) - now;
  const hours = Math.abs(ms) / 3_600_000;
  const [unit, count] =
    hours < 48 ? ["Hours", Math.max(1, Math.round(hours))] : ["Days", Math.round(hours / 24)];
  return { key: ms < 0 ? `work:due.overdue${unit}` : `work:due.in${unit}`, count };
}

function ItemRow({ item, now }: { item: Item; now: number }) {
  const { t } = useTranslation("work");
  const label = t(item.labelKey, { ...item.labelArgs, defaultValue: t("work:item.task") });
  const code = item.labelArgs?.code;
  const named = typeof code === "string" ? t(`work:codes.${code}`, { defaultValue: code }) : undefined;
  const due = item.dueAt ? remaining(item.dueAt, now) : undefined;
  return (
    <li className={`margin-bottom-1${item.overdue ? " text-bold" : ""}`} data-overdue={item.overdue}>
      {item.caseId ? <Link to={`/cases/${item.caseId}`}>{named ?? label}</Link> : (named ?? label)}
      {due && item.dueAt && (
        <>
          {" — "}
          {item.overdue && <span className="usa-tag bg-secondary-dark margin-right-05">{t("overdue")}</span>}
          <time dateTime={item.dueAt}>{t(due.key, { count: due.count })}</time>
        </>
      )}
    </li>
  );
}

/** The home page after sign-in: the user's queue, tasks due, deadlines, and what other modules add. */
export function WorkPage() {
  const { t } = useTranslation("work");
  usePageTitle(t("title"));
  const [work, setWork] = useState<MyWork | undefined>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    unwrap(api.GET("/api/v1/me/work")).then(setWork, () => setFailed(true));
  }, []);
  const now = Date.now();
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="usa-intro">{t("intro")}</p>
      {failed && (
        <div className="usa-alert usa-alert--error usa-alert--slim" role="alert">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{t("loadError")}</p>
          </div>
        </div>
      )}
      {!work && !failed && <p aria-live="polite">{t("loading")}</p>}
      {work &&
        SECTIONS.map((s) => (
          <section
            key={s}
            aria-labelledby={`work-${s}`}
            className="margin-bottom-3"
            data-testid={`work-${s}`}
          >
            <h2 id={`work-${s}`}>{t(`sections.${s}`)}</h2>
            {work.sections[s].length === 0 ? (
              <p>{t(`empty.${s}`)}</p>
            ) : (
              <ul className="usa-list">
                {work.sections[s].map((item) => (
                  <ItemRow key={`${item.refType}:${item.refId}`} item={item} now={now} />
                ))}
              </ul>
            )}
          </section>
        ))}
    </>
  );
}
