import { useTranslation } from "react-i18next";
import { useSession } from "../../session.tsx";
import type { TimelineEntry } from "./casework.api.ts";

/** Everything that happened on the case, newest first (kinds only: the timeline carries no free text). */
export function CaseTimeline({ entries }: { entries: TimelineEntry[] | undefined }) {
  const { t, i18n } = useTranslation("casework");
  const { user } = useSession();
  const when = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language, { dateStyle: "medium", timeStyle: "short" });
  return (
    <section aria-labelledby="case-timeline-heading" data-testid="case-timeline">
      <h2 id="case-timeline-heading">{t("timeline.heading")}</h2>
      {entries?.length === 0 && <p>{t("timeline.empty")}</p>}
      <ol className="usa-list usa-list--unstyled">
        {entries?.map((e) => (
          <li key={e.id} className="margin-bottom-1" data-kind={e.kind}>
            <time dateTime={e.at} className="text-base-dark">
              {when(e.at)}
            </time>{" "}
            — {t(`timeline.kinds.${e.kind}`, { defaultValue: t("timeline.other", { kind: e.kind }) })}
            {e.actorUserId && e.actorUserId === user?.id && ` (${t("timeline.byYou")})`}
            {e.actorUserId === null && e.actorOrgId === null && ` (${t("timeline.bySystem")})`}
          </li>
        ))}
      </ol>
    </section>
  );
}
