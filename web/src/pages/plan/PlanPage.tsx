import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { useOrgName, useOrgs } from "../../components/OrgPicker.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { recordsApi } from "../records/api.ts";
import { Crumbs, ErrorAlert, SuccessAlert, useSave } from "../records/shared.tsx";
import { type FollowUpView, type PlanView, planApi, type ServiceView } from "./api.ts";
import { FollowUps } from "./FollowUps.tsx";
import { useAssignable, useDirectoryEntries } from "./hooks.ts";
import { DATE_FIELDS, ServiceForm } from "./ServiceForm.tsx";

/** A case's plan (Primero): the services, with an add/edit form, and the follow-ups with their due dates. */
export function PlanPage() {
  const { t } = useTranslation("plan");
  usePageTitle(t("plan.title"));
  const { id = "" } = useParams();
  const [plan, setPlan] = useState<PlanView>();
  const [mayWork, setMayWork] = useState(false);
  const [error, setError] = useState<unknown>();
  const [editing, setEditing] = useState<ServiceView>();
  const { orgs } = useOrgs();
  const orgName = useOrgName();
  const entries = useDirectoryEntries();
  const { users } = useAssignable();
  const load = useCallback(() => {
    planApi.plan(id).then(setPlan, setError);
  }, [id]);
  useEffect(load, [load]);
  useEffect(() => {
    recordsApi.getCase(id).then((c) => setMayWork(c.permissions.work), setError);
  }, [id]);
  const { saveError, done, save } = useSave(load);

  const providerOf = (s: ServiceView) =>
    s.providerOrgId
      ? orgName(orgs, s.providerOrgId)
      : s.directoryEntryId
        ? (entries?.find((e) => e.id === s.directoryEntryId)?.name ?? s.directoryEntryId)
        : t("services.noProvider");
  const datesOf = (s: ServiceView) =>
    DATE_FIELDS.filter((f) => s[f])
      .map((f) => t(`services.dateLabel.${f}`, { date: s[f] }))
      .join(", ");
  const markDone = (f: FollowUpView, isDone: boolean) =>
    void save(
      () => planApi.updateFollowUp(f.id, f.version, { done: isDone }),
      isDone ? t("followUps.markedDone") : t("followUps.reopened"),
    );

  return (
    <>
      <Crumbs caseId={id} current={t("plan.title")} />
      <h1>{t("plan.title")}</h1>
      <p className="usa-intro">{t("plan.intro")}</p>
      <ErrorAlert error={error} />
      <div aria-live="polite">
        <ErrorAlert error={saveError} />
        <SuccessAlert text={done} />
      </div>
      {!plan && !error && <p>{t("plan.loading")}</p>}
      {plan && (
        <>
          {!mayWork && <p>{t("plan.readOnly")}</p>}
          <section aria-labelledby="services-heading">
            <h2 id="services-heading">{t("services.heading")}</h2>
            {plan.services.length === 0 ? (
              <p>{t("services.none")}</p>
            ) : (
              <table className="usa-table usa-table--borderless width-full">
                <caption className="usa-sr-only">{t("services.caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("services.type")}</th>
                    <th scope="col">{t("services.provider")}</th>
                    <th scope="col">{t("services.status")}</th>
                    <th scope="col">{t("services.dates")}</th>
                    {mayWork && <th scope="col">{t("services.actions")}</th>}
                  </tr>
                </thead>
                <tbody>
                  {plan.services.map((s) => (
                    <tr key={s.id} data-service={s.id}>
                      <th scope="row">{t(`serviceTypes.${s.serviceType}`)}</th>
                      <td>{providerOf(s)}</td>
                      <td>{t(`statuses.${s.status}`)}</td>
                      <td>{datesOf(s)}</td>
                      {mayWork && (
                        <td>
                          <button
                            className="usa-button usa-button--unstyled"
                            type="button"
                            aria-label={t("services.editLabel", {
                              service: t(`serviceTypes.${s.serviceType}`),
                            })}
                            onClick={() => setEditing(s)}
                          >
                            {t("services.edit")}
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {mayWork && (
              <ServiceForm
                key={editing ? `${editing.id}-${editing.version}` : "new"}
                editing={editing}
                orgs={orgs}
                entries={entries}
                onCreate={(body) => save(() => planApi.addService(id, body), t("services.added"))}
                onUpdate={async (s, body) => {
                  const ok = await save(
                    () => planApi.updateService(s.id, s.version, body),
                    t("services.saved"),
                  );
                  if (ok) setEditing(undefined);
                  return ok;
                }}
                onCancel={() => setEditing(undefined)}
              />
            )}
          </section>
          <FollowUps
            followUps={plan.followUps}
            services={plan.services}
            users={users}
            mayWork={mayWork}
            onAdd={(body) => save(() => planApi.addFollowUp(id, body), t("followUps.added"))}
            onDone={markDone}
          />
        </>
      )}
    </>
  );
}
