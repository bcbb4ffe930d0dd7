import { type FormEvent, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { adminApi, type CreatedUserView, groupSecret, type UserView } from "../auth/api.ts";
import { ErrorAlert, StatusAlert } from "../auth/shared.tsx";

const ROLES = ["admin", "intake", "investigator", "prosecutor", "advocate", "analyst", "auditor"] as const;

/** The admin's organization's users: list, create (credentials shown once), disable, unlock. */
export function UsersPage() {
  const { t } = useTranslation("auth");
  usePageTitle(t("users.title"));
  const [users, setUsers] = useState<UserView[]>();
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const [email, setEmail] = useState("");
  const [roles, setRoles] = useState<string[]>([]);
  const [password, setPassword] = useState("");
  const [created, setCreated] = useState<CreatedUserView>();
  const [createError, setCreateError] = useState<unknown>();

  const load = useCallback(() => {
    adminApi.listUsers().then((r) => setUsers(r.users), setError);
  }, []);
  useEffect(load, [load]);

  async function act(user: UserView, action: "disable" | "unlock") {
    setError(undefined);
    try {
      await adminApi[action](user.id);
      setNotice(t(`users.${action}d`, { email: user.email }));
      load();
    } catch (e) {
      setError(e);
    }
  }

  async function create(event: FormEvent) {
    event.preventDefault();
    setCreateError(undefined);
    setCreated(undefined);
    try {
      const r = await adminApi.createUser({ email, roles, ...(password ? { password } : {}) });
      setCreated(r);
      setEmail("");
      setRoles([]);
      setPassword("");
      load();
    } catch (e) {
      setCreateError(e);
    }
  }

  const toggle = (role: string) =>
    setRoles((rs) => (rs.includes(role) ? rs.filter((r) => r !== role) : [...rs, role]));

  return (
    <>
      <h1>{t("users.title")}</h1>
      <p className="usa-intro">{t("users.intro")}</p>
      <p>
        <Link to="/admin/orgs">{t("orgs.title")}</Link>
      </p>
      <StatusAlert text={notice} />
      <ErrorAlert error={error} />
      {users && (
        <table className="usa-table usa-table--borderless width-full">
          <caption className="usa-sr-only">{t("users.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("users.columns.email")}</th>
              <th scope="col">{t("users.columns.roles")}</th>
              <th scope="col">{t("users.columns.status")}</th>
              <th scope="col">{t("users.columns.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <th scope="row">{u.email}</th>
                <td>{u.roles.map((r) => t(`roles.${r}`)).join(", ")}</td>
                <td>
                  {[
                    u.disabled
                      ? t("users.status.disabled")
                      : u.locked
                        ? t("users.status.locked")
                        : t("users.status.active"),
                    u.mfaEnrolled ? t("users.status.enrolled") : t("users.status.notEnrolled"),
                  ].join(" · ")}
                </td>
                <td>
                  {u.locked && !u.disabled && (
                    <button
                      type="button"
                      className="usa-button usa-button--unstyled"
                      onClick={() => act(u, "unlock")}
                    >
                      {t("users.unlock", { email: u.email })}
                    </button>
                  )}{" "}
                  {!u.disabled && (
                    <button
                      type="button"
                      className="usa-button usa-button--unstyled"
                      onClick={() => act(u, "disable")}
                    >
                      {t("users.disable", { email: u.email })}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t("users.newHeading")}</h2>
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
        <fieldset className="usa-fieldset margin-top-3">
          <legend className="usa-legend">{t("users.roles")}</legend>
          {ROLES.map((role) => (
            <div className="usa-checkbox" key={role}>
              <input
                className="usa-checkbox__input"
                id={`new-user-role-${role}`}
                type="checkbox"
                name="roles"
                value={role}
                checked={roles.includes(role)}
                onChange={() => toggle(role)}
              />
              <label className="usa-checkbox__label" htmlFor={`new-user-role-${role}`}>
                {t(`roles.${role}`)}
              </label>
            </div>
          ))}
        </fieldset>
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
        <button className="usa-button" type="submit" disabled={roles.length === 0}>
          {t("users.create")}
        </button>
      </form>
    </>
  );
}
