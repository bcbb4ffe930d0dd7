import { type FormEvent, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { OrgPicker, useOrgs } from "../../components/OrgPicker.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { useSession } from "../../session.tsx";
import { adminApi, type CreatedUserView, groupSecret, type Role, type UserView } from "../auth/api.ts";
import { ErrorAlert, StatusAlert } from "../auth/shared.tsx";
import { RoleBoxes } from "./RoleBoxes.tsx";
import { UserStatus, useDate } from "./UserStatus.tsx";

/**
 * An organization's users (the admin's own; the host organization's admins choose any): each
 * links to its page of actions; a form adds a user, whose credentials are shown once.
 */
export function UsersPage() {
  const { t } = useTranslation("auth");
  usePageTitle(t("users.title"));
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const orgId = params.get("org") ?? session.user?.orgId ?? "";
  const { orgs } = useOrgs();
  const [users, setUsers] = useState<UserView[]>();
  const [error, setError] = useState<unknown>();
  const [email, setEmail] = useState("");
  const [roles, setRoles] = useState<Role[]>([]);
  const [password, setPassword] = useState("");
  const [created, setCreated] = useState<CreatedUserView>();
  const [createError, setCreateError] = useState<unknown>();
  const date = useDate();

  const load = useCallback(() => {
    if (!orgId) return;
    setError(undefined);
    adminApi.listUsers(orgId).then((r) => setUsers(r.users), setError);
  }, [orgId]);
  useEffect(load, [load]);

  async function create(event: FormEvent) {
    event.preventDefault();
    setCreateError(undefined);
    setCreated(undefined);
    try {
      const r = await adminApi.createUser({ email, roles, orgId, ...(password ? { password } : {}) });
      setCreated(r);
      setEmail("");
      setRoles([]);
      setPassword("");
      load();
    } catch (e) {
      setCreateError(e);
    }
  }

  const locked = users?.filter((u) => u.locked && !u.disabled) ?? [];
  const orgName = orgs?.find((o) => o.id === orgId)?.name ?? orgId;
  return (
    <>
      <h1>{t("users.title")}</h1>
      <p className="usa-intro">{t("users.intro")}</p>
      <p>
        <Link to="/admin/orgs">{t("orgs.title")}</Link>
      </p>
      {session.can?.createOrgs && (
        <div className="usa-form usa-form--large margin-bottom-3">
          <OrgPicker
            id="users-org"
            label={t("users.org")}
            hint={t("users.orgHint")}
            orgs={orgs}
            value={orgId}
            onChange={(id) => setParams(id ? { org: id } : {})}
          />
        </div>
      )}
      <ErrorAlert error={error} />
      {locked.length > 0 && (
        <StatusAlert type="warning" text={t("users.lockedNotice", { count: locked.length })} />
      )}
      {users && (
        <table className="usa-table usa-table--borderless width-full">
          <caption className="usa-sr-only">{t("users.caption", { org: orgName })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("users.columns.email")}</th>
              <th scope="col">{t("users.columns.roles")}</th>
              <th scope="col">{t("users.columns.status")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <th scope="row">
                  <Link to={`/admin/users/${u.id}`}>{u.email}</Link>
                </th>
                <td>{u.roles.map((r) => t(`roles.${r}`)).join(", ")}</td>
                <td>
                  <UserStatus user={u} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t("users.newHeading", { org: orgName })}</h2>
      {created && (
        <div className="usa-alert usa-alert--warning margin-y-2" role="status">
          <div className="usa-alert__body">
            <h3 className="usa-alert__heading">{t("users.createdHeading", { email: created.user.email })}</h3>
            <p className="usa-alert__text">{t("users.createdText")}</p>
            <dl className="harbor-facts">
              <dt>{t("mfa.secretLabel")}</dt>
              <dd>
                <code data-testid="created-secret">{groupSecret(created.totpSecret)}</code>
              </dd>
              {created.initialPassword && (
                <>
                  <dt>{t("users.initialPassword")}</dt>
                  <dd>
                    <code data-testid="created-password">{created.initialPassword}</code>
                  </dd>
                </>
              )}
            </dl>
            {created.user.oneTimePasswordExpiresAt && (
              <p className="usa-alert__text">
                {t("users.oneTimeExpires", { date: date(created.user.oneTimePasswordExpiresAt) })}
              </p>
            )}
          </div>
        </div>
      )}
      <form className="usa-form usa-form--large" onSubmit={create}>
        <ErrorAlert error={createError} />
        <label className="usa-label" htmlFor="new-user-email">
          {t("users.email")}
        </label>
        <input
          className="usa-input"
          id="new-user-email"
          name="email"
          type="email"
          required
          autoComplete="off"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <RoleBoxes id="new-user-role" legend={t("users.roles")} value={roles} onChange={setRoles} />
        <label className="usa-label" htmlFor="new-user-password">
          {t("users.password")}
        </label>
        <span className="usa-hint" id="new-user-password-hint">
          {t("users.passwordHint")}
        </span>
        <input
          className="usa-input"
          id="new-user-password"
          name="password"
          type="password"
          autoComplete="new-password"
          aria-describedby="new-user-password-hint"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button className="usa-button" type="submit" disabled={roles.length === 0 || !orgId}>
          {t("users.create")}
        </button>
      </form>
    </>
  );
}
