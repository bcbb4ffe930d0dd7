import { type FormEvent, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { useOrgs } from "../../components/OrgPicker.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { Crumbs, ErrorAlert, SuccessAlert, useSave } from "../records/shared.tsx";
import { Agencies } from "./Agencies.tsx";
import { planApi, type TeamView } from "./api.ts";
import { useAssignable, useDirectoryEntries } from "./hooks.ts";

/** Who leads a case, the team working on it, and the agencies involved. */
export function TeamPage() {
  const { t } = useTranslation("plan");
  usePageTitle(t("team.title"));
  const { id = "" } = useParams();
  const [team, setTeam] = useState<TeamView>();
  const [error, setError] = useState<unknown>();
  const [lead, setLead] = useState("");
  const [member, setMember] = useState("");
  const { users } = useAssignable();
  const { orgs } = useOrgs();
  const entries = useDirectoryEntries();
  const load = useCallback(() => {
    planApi.team(id).then((v) => {
      setTeam(v);
      setLead(v.lead?.userId ?? "");
    }, setError);
  }, [id]);
  useEffect(load, [load]);
  const { saveError, done, save } = useSave(load);
  const someone = t("team.someone");
  const onTeam = new Set(team?.members.map((m) => m.userId));

  async function submitLead(event: FormEvent) {
    event.preventDefault();
    if (team && lead) await save(() => planApi.setLead(id, team.caseVersion, lead), t("team.leadSet"));
  }
  async function submitMember(event: FormEvent) {
    event.preventDefault();
    if (member && (await save(() => planApi.addMember(id, member), t("team.memberAdded")))) setMember("");
  }

  return (
    <>
      <Crumbs caseId={id} current={t("team.title")} />
      <h1>{t("team.title")}</h1>
      <p className="usa-intro">{t("team.intro")}</p>
      <ErrorAlert error={error} />
      <div aria-live="polite">
        <ErrorAlert error={saveError} />
        <SuccessAlert text={done} />
      </div>
      {!team && !error && <p>{t("team.loading")}</p>}
      {team && (
        <>
          {!team.mayEdit && <p>{t("team.readOnly")}</p>}
          <section aria-labelledby="lead-heading">
            <h2 id="lead-heading">{t("team.leadHeading")}</h2>
            <p data-testid="case-lead">{team.lead ? (team.lead.email ?? someone) : t("team.noLead")}</p>
            {team.mayEdit && (
              <form className="usa-form" onSubmit={submitLead}>
                <label className="usa-label" htmlFor="team-lead">
                  {t("team.leadUser")}
                </label>
                <select
                  className="usa-select"
                  id="team-lead"
                  required
                  value={lead}
                  onChange={(e) => setLead(e.target.value)}
                >
                  <option value="">{t("team.choose")}</option>
                  {(users ?? []).map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.email}
                    </option>
                  ))}
                </select>
                <button className="usa-button margin-top-2" type="submit">
                  {t("team.setLead")}
                </button>
                {team.lead && (
                  <button
                    className="usa-button usa-button--outline margin-top-2"
                    type="button"
                    onClick={() =>
                      void save(() => planApi.setLead(id, team.caseVersion, null), t("team.leadCleared"))
                    }
                  >
                    {t("team.clearLead")}
                  </button>
                )}
              </form>
            )}
          </section>
          <section aria-labelledby="members-heading">
            <h2 id="members-heading">{t("team.membersHeading")}</h2>
            {team.members.length === 0 ? (
              <p>{t("team.noMembers")}</p>
            ) : (
              <ul className="usa-list">
                {team.members.map((m) => (
                  <li key={m.userId}>
                    {m.email ?? someone}{" "}
                    {team.mayEdit && (
                      <button
                        className="usa-button usa-button--unstyled margin-left-1"
                        type="button"
                        aria-label={t("team.removeMemberLabel", { name: m.email ?? someone })}
                        onClick={() =>
                          void save(() => planApi.removeMember(id, m.userId), t("team.memberRemoved"))
                        }
                      >
                        {t("team.remove")}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {team.mayEdit && (
              <form className="usa-form" onSubmit={submitMember}>
                <label className="usa-label" htmlFor="team-member">
                  {t("team.member")}
                </label>
                <select
                  className="usa-select"
                  id="team-member"
                  required
                  value={member}
                  onChange={(e) => setMember(e.target.value)}
                >
                  <option value="">{t("team.choose")}</option>
                  {(users ?? [])
                    .filter((u) => !onTeam.has(u.id))
                    .map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.email}
                      </option>
                    ))}
                </select>
                <button className="usa-button margin-top-2" type="submit">
                  {t("team.addMember")}
                </button>
              </form>
            )}
          </section>
          <Agencies
            agencies={team.agencies}
            orgs={orgs}
            entries={entries}
            mayEdit={team.mayEdit}
            onAdd={(body) => save(() => planApi.addAgency(id, body), t("agencies.added"))}
            onRemove={(agencyId) =>
              void save(() => planApi.removeAgency(id, agencyId), t("agencies.removed"))
            }
          />
        </>
      )}
    </>
  );
}
