import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../../session.tsx";
import type { AssignableUser } from "../plan/api.ts";
import { nameOf, useAssignable } from "../plan/hooks.ts";
import { caseworkApi, type NewTask, type TaskView } from "./casework.api.ts";
import { InputField } from "./FormFields.tsx";
import { ErrorAlert, SuccessAlert } from "./shared.tsx";
import { isStale } from "./VersionConflict.tsx";

/** A task's name: its own title, or the words for its code (a routing deadline, a rule's task). */
export function useTaskName() {
  const { t } = useTranslation("casework");
  return (task: Pick<TaskView, "title" | "titleCode">) =>
    task.title ?? (task.titleCode ? t(`work:codes.${task.titleCode}`, { defaultValue: task.titleCode }) : "");
}

function AddTaskForm({
  caseId,
  users,
  onAdded,
}: {
  caseId: string;
  users: AssignableUser[] | undefined;
  onAdded: () => void;
}) {
  const { t } = useTranslation("casework");
  const { user } = useSession();
  const [title, setTitle] = useState("");
  const [assignee, setAssignee] = useState("");
  const [due, setDue] = useState("");
  const [error, setError] = useState<unknown>();
  // Any signed-in user may list the colleagues work can be assigned to (enabled users of the organization).
  const others = (users ?? []).filter((u) => u.id !== user?.id);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    const body: NewTask = { title };
    if (assignee) body.assigneeUserId = assignee;
    if (due) body.dueAt = due;
    try {
      await caseworkApi.addTask(caseId, body);
      setTitle("");
      setAssignee("");
      setDue("");
      onAdded();
    } catch (e) {
      setError(e);
    }
  }
  return (
    <form className="usa-form usa-form--large" onSubmit={submit} aria-labelledby="task-add-heading">
      <h3 id="task-add-heading">{t("tasks.addHeading")}</h3>
      <ErrorAlert error={error} />
      <InputField id="task-title" label={t("tasks.title")} value={title} onChange={setTitle} required />
      <label className="usa-label" htmlFor="task-assignee">
        {t("tasks.assignee")}
      </label>
      <select
        className="usa-select"
        id="task-assignee"
        value={assignee}
        onChange={(e) => setAssignee(e.target.value)}
      >
        <option value="">{t("tasks.nobody")}</option>
        {user && <option value={user.id}>{t("tasks.me", { email: user.email })}</option>}
        {others.map((u) => (
          <option key={u.id} value={u.id}>
            {u.email}
          </option>
        ))}
      </select>
      <InputField id="task-due" type="date" label={t("tasks.due")} value={due} onChange={setDue} />
      <button className="usa-button margin-top-1" type="submit">
        {t("tasks.add")}
      </button>
    </form>
  );
}

/** The case's tasks, soonest due first: add one (assignee, due date), mark one done. */
export function CaseTasks({
  caseId,
  canWrite,
  tasks,
  reload,
}: {
  caseId: string;
  canWrite: boolean;
  tasks: TaskView[] | undefined;
  reload: () => void;
}) {
  const { t, i18n } = useTranslation("casework");
  const { user } = useSession();
  const name = useTaskName();
  const { users } = useAssignable();
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();
  async function complete(task: TaskView) {
    setError(undefined);
    setDone(undefined);
    try {
      await caseworkApi.completeTask(task.id, task.version);
      setDone(t("tasks.completed"));
    } catch (e) {
      setError(isStale(e) ? new Error(t("tasks.stale")) : e);
    }
    reload();
  }
  const when = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language, { dateStyle: "medium", timeStyle: "short" });
  return (
    <section aria-labelledby="case-tasks-heading" data-testid="case-tasks">
      <h2 id="case-tasks-heading">{t("tasks.heading")}</h2>
      <ErrorAlert error={error} />
      <SuccessAlert text={done} />
      {tasks?.length === 0 && <p>{t("tasks.empty")}</p>}
      {tasks && tasks.length > 0 && (
        <table className="usa-table usa-table--borderless width-full">
          <caption className="usa-sr-only">{t("tasks.heading")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("tasks.title")}</th>
              <th scope="col">{t("tasks.due")}</th>
              <th scope="col">{t("tasks.assignee")}</th>
              <th scope="col">{t("tasks.status")}</th>
            </tr>
          </thead>
          <tbody>
            {tasks.map((task) => (
              <tr key={task.id} data-task-code={task.titleCode ?? undefined}>
                <th scope="row">{name(task)}</th>
                <td>
                  {task.dueAt ? <time dateTime={task.dueAt}>{when(task.dueAt)}</time> : t("tasks.noDue")}
                  {task.overdue && (
                    <span className="usa-tag bg-secondary-dark margin-left-1">{t("tasks.overdue")}</span>
                  )}
                </td>
                <td>
                  {task.assigneeUserId === null
                    ? t("tasks.nobody")
                    : task.assigneeUserId === user?.id
                      ? t("tasks.you")
                      : nameOf(users, task.assigneeUserId, t("tasks.someone"))}
                </td>
                <td>
                  {task.status === "open" && canWrite ? (
                    <button
                      className="usa-button usa-button--outline usa-button--small"
                      type="button"
                      onClick={() => complete(task)}
                    >
                      {t("tasks.complete", { task: name(task) })}
                    </button>
                  ) : (
                    t(`tasks.statuses.${task.status}`)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canWrite && <AddTaskForm caseId={caseId} users={users} onAdded={reload} />}
    </section>
  );
}
