import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { PLAN_FOLLOW_UP_KINDS } from "../../vocabulary.ts";
import type { AssignableUser, FollowUpInput, FollowUpView, ServiceView } from "./api.ts";
import { nameOf } from "./hooks.ts";

interface Props {
  followUps: FollowUpView[];
  services: ServiceView[];
  users: AssignableUser[] | undefined;
  mayWork: boolean;
  onAdd(body: FollowUpInput): Promise<boolean>;
  onDone(followUp: FollowUpView, done: boolean): void;
}

/** The plan's follow-ups (open first, soonest due first), mark done or reopen, and a form to add one. */
export function FollowUps({ followUps, services, users, mayWork, onAdd, onDone }: Props) {
  const { t } = useTranslation("plan");
  const [kind, setKind] = useState<FollowUpInput["kind"]>("visit");
  const [dueOn, setDueOn] = useState("");
  const [serviceId, setServiceId] = useState("");
  const [assigneeUserId, setAssignee] = useState("");
  const lead = t("followUps.nobody");

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body: FollowUpInput = {
      kind,
      dueOn,
      ...(serviceId ? { serviceId } : {}),
      ...(assigneeUserId ? { assigneeUserId } : {}),
    };
    if (await onAdd(body)) setDueOn("");
  }

  return (
    <section aria-labelledby="followups-heading">
      <h2 id="followups-heading">{t("followUps.heading")}</h2>
      {followUps.length === 0 ? (
        <p>{t("followUps.none")}</p>
      ) : (
        <table className="usa-table usa-table--borderless width-full">
          <caption className="usa-sr-only">{t("followUps.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("followUps.kind")}</th>
              <th scope="col">{t("followUps.dueOn")}</th>
              <th scope="col">{t("followUps.assignee")}</th>
              <th scope="col">{t("followUps.status")}</th>
              {mayWork && <th scope="col">{t("services.actions")}</th>}
            </tr>
          </thead>
          <tbody>
            {followUps.map((f) => {
              const label = { kind: t(`kinds.${f.kind}`), date: f.dueOn };
              return (
                <tr key={f.id} data-followup={f.id}>
                  <th scope="row">{t(`kinds.${f.kind}`)}</th>
                  <td>
                    <time dateTime={f.dueOn}>{f.dueOn}</time>
                  </td>
                  <td>{nameOf(users, f.assigneeUserId, f.assigneeUserId ? "—" : lead)}</td>
                  <td>
                    {f.done ? (
                      t("followUps.done", { date: f.doneAt?.slice(0, 10) ?? "" })
                    ) : f.overdue ? (
                      <span className="usa-tag bg-secondary-dark">{t("followUps.overdue")}</span>
                    ) : (
                      t("followUps.open")
                    )}
                  </td>
                  {mayWork && (
                    <td>
                      <button
                        className="usa-button usa-button--outline usa-button--small"
                        type="button"
                        aria-label={t(f.done ? "followUps.reopenLabel" : "followUps.markDoneLabel", label)}
                        onClick={() => onDone(f, !f.done)}
                      >
                        {f.done ? t("followUps.reopen") : t("followUps.markDone")}
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {mayWork && (
        <form className="usa-form" onSubmit={submit} aria-labelledby="followup-form-heading">
          <h3 id="followup-form-heading">{t("followUps.addHeading")}</h3>
          <label className="usa-label" htmlFor="followup-kind">
            {t("followUps.kind")}
          </label>
          <select
            className="usa-select"
            id="followup-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as FollowUpInput["kind"])}
          >
            {PLAN_FOLLOW_UP_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
          <label className="usa-label" htmlFor="followup-due">
            {t("followUps.dueOn")}
          </label>
          <input
            className="usa-input usa-input--md"
            id="followup-due"
            type="date"
            required
            value={dueOn}
            onChange={(e) => setDueOn(e.target.value)}
          />
          <label className="usa-label" htmlFor="followup-service">
            {t("followUps.service")}
          </label>
          <select
            className="usa-select"
            id="followup-service"
            value={serviceId}
            onChange={(e) => setServiceId(e.target.value)}
          >
            <option value="">{t("followUps.noService")}</option>
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {t(`serviceTypes.${s.serviceType}`)} ({t(`statuses.${s.status}`)})
              </option>
            ))}
          </select>
          <label className="usa-label" htmlFor="followup-assignee">
            {t("followUps.assignee")}
          </label>
          <span className="usa-hint" id="followup-assignee-hint">
            {t("followUps.assigneeHint")}
          </span>
          <select
            className="usa-select"
            id="followup-assignee"
            aria-describedby="followup-assignee-hint"
            value={assigneeUserId}
            onChange={(e) => setAssignee(e.target.value)}
          >
            <option value="">{lead}</option>
            {(users ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.email}
              </option>
            ))}
          </select>
          <button className="usa-button margin-top-2" type="submit">
            {t("followUps.add")}
          </button>
        </form>
      )}
    </section>
  );
}
