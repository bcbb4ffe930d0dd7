import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CaseDetail } from "./api.ts";
import { CaseEditForm } from "./CaseEditForm.tsx";
import { CaseNotes } from "./CaseNotes.tsx";
import { CaseRouting } from "./CaseRouting.tsx";
import { CaseSummary } from "./CaseSummary.tsx";
import { CaseTasks } from "./CaseTasks.tsx";
import { CaseTimeline } from "./CaseTimeline.tsx";
import { caseworkApi, type TaskView, type TimelineEntry } from "./casework.api.ts";

/**
 * Working the case, below its people: the summary (close, reopen), routing, tasks, notes, the edit form
 * and the timeline. Every change reloads the case, its tasks and its timeline, so all three agree.
 */
export function CaseWork({ kase, reload }: { kase: CaseDetail; reload: () => void }) {
  const { t } = useTranslation("casework");
  const [tasks, setTasks] = useState<TaskView[]>();
  const [timeline, setTimeline] = useState<TimelineEntry[]>();
  const loadWork = useCallback(() => {
    caseworkApi.tasks(kase.id).then(
      (r) => setTasks(r.tasks),
      () => setTasks([]),
    );
    caseworkApi.timeline(kase.id).then(
      (r) => setTimeline(r.entries),
      () => setTimeline([]),
    );
  }, [kase.id]);
  useEffect(loadWork, [loadWork]);
  const changed = () => {
    reload();
    loadWork();
  };
  const canWork = kase.permissions.work;
  // The edit form opens on demand: the page stays short, and its fields never shadow the add-person form's.
  const [editing, setEditing] = useState(false);
  return (
    <>
      <CaseSummary kase={kase} onChanged={changed} />
      {canWork && <CaseRouting kase={kase} onRouted={loadWork} />}
      <CaseTasks caseId={kase.id} canWrite={canWork} tasks={tasks} reload={loadWork} />
      <CaseNotes caseId={kase.id} canWrite={canWork} onChanged={loadWork} />
      {kase.permissions.update && (
        <section aria-label={t("edit.heading")} className="margin-top-3">
          <button
            className="usa-button usa-button--outline"
            type="button"
            aria-expanded={editing}
            aria-controls="case-edit"
            onClick={() => setEditing(!editing)}
          >
            {editing ? t("edit.hide") : t("edit.open")}
          </button>
          <div id="case-edit" hidden={!editing}>
            {editing && <CaseEditForm key={kase.id} kase={kase} onSaved={changed} />}
          </div>
        </section>
      )}
      <CaseTimeline entries={timeline} />
    </>
  );
}
