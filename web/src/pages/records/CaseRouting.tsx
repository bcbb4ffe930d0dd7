import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CaseDetail } from "./api.ts";
import { caseworkApi, type RouteRun } from "./casework.api.ts";
import { routingFacts } from "./routingFacts.ts";
import { ErrorAlert } from "./shared.tsx";

/** "Run routing": who must be told or may help, the deadlines that start, and the tasks they became. */
export function CaseRouting({ kase, onRouted }: { kase: CaseDetail; onRouted: () => void }) {
  const { t } = useTranslation("casework");
  const [run, setRun] = useState<RouteRun>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  async function route() {
    setError(undefined);
    setBusy(true);
    try {
      setRun(await caseworkApi.route(kase.id, routingFacts(kase)));
      onRouted();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  const created = run?.tasks.filter((x) => x.created).length ?? 0;
  return (
    <section aria-labelledby="case-routing-heading" data-testid="case-routing">
      <h2 id="case-routing-heading">{t("routing.heading")}</h2>
      <p>{t("routing.intro")}</p>
      <ErrorAlert error={error} />
      <button className="usa-button" type="button" onClick={route} disabled={busy}>
        {t("routing.run")}
      </button>
      {run && (
        <div aria-live="polite" data-testid="routing-result">
          <h3>{t("routing.recommendations", { count: run.answer.recommendations.length })}</h3>
          <ul className="usa-list">
            {run.answer.recommendations.map((r) => (
              <li key={`${r.orgId}:${r.action}`}>
                <strong>{r.orgLocalName ?? r.orgName}</strong> — {t(`routing.priority.${r.priority}`)}:{" "}
                {t(`directory:function.${r.action}`, { defaultValue: r.action })}
                <br />
                <span className="text-base-dark">{r.reason}</span>
              </li>
            ))}
          </ul>
          <h3>{t("routing.tasks", { count: created })}</h3>
          {run.tasks.length === 0 ? (
            <p>{t("routing.noDeadlines")}</p>
          ) : (
            <ul className="usa-list" data-testid="routing-tasks">
              {run.tasks.map((task) => (
                <li key={task.id}>
                  {t(`work:codes.routing.${task.deadlineId}`, {
                    defaultValue:
                      run.answer.deadlines.find((d) => d.id === task.deadlineId)?.text ?? task.deadlineId,
                  })}{" "}
                  ({task.created ? t("routing.created") : t("routing.existing")})
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
