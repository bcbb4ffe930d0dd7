import { type FormEvent, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { MFA_RESET_REASONS, oneOf } from "../../vocabulary.ts";
import { adminApi, type ResetPasswordView, type Role, type UserView } from "../auth/api.ts";
import { ErrorAlert, StatusAlert } from "../auth/shared.tsx";
import { RoleBoxes } from "./RoleBoxes.tsx";
import { UserStatus, useDate } from "./UserStatus.tsx";

type Pending = "disable" | "resetPassword" | "resetMfa";

/**
 * One account, for its admin: roles, unlock, disable or enable, a new one-time password, a new
 * authenticator (with a reason). The last active admin is offered neither Disable nor the removal
 * of its admin role; the server refuses both anyway. Every action is audited by the server.
 */
export function UserPage() {
  const { t } = useTranslation("auth");
  const { id = "" } = useParams();
  const [user, setUser] = useState<UserView>();
  const [roles, setRoles] = useState<Role[]>([]);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const [reset, setReset] = useState<ResetPasswordView>();
  const [pending, setPending] = useState<Pending>();
  const date = useDate();
  usePageTitle(user ? t("user.title", { email: user.email }) : t("users.title"));

  const show = useCallback((u: UserView) => {
    setUser(u);
    setRoles(u.roles);
  }, []);
  useEffect(() => {
    adminApi.getUser(id).then((r) => show(r.user), setError);
  }, [id, show]);

  async function run(action: () => Promise<{ user: UserView }>, done: string) {
    setError(undefined);
    setNotice(undefined);
    setPending(undefined);
    try {
      show((await action()).user);
      setNotice(done);
    } catch (e) {
      setError(e);
    }
  }

  if (!user) return <ErrorAlert error={error} />;
  const email = user.email;
  const mfaReason = oneOf(MFA_RESET_REASONS, reason);

  async function saveRoles(event: FormEvent) {
    event.preventDefault();
    await run(() => adminApi.setRoles(id, roles), t("user.rolesSaved", { email }));
  }

  async function resetPassword() {
    setReset(undefined);
    await run(
      async () => {
        const r = await adminApi.resetPassword(id);
        setReset(r);
        return r;
      },
      t("user.passwordReset", { email }),
    );
  }

  const confirmations: Record<Pending, { heading: string; text: string; yes: string; go(): Promise<void> }> =
    {
      disable: {
        heading: t("user.confirmDisable.heading"),
        text: t("user.confirmDisable.text", { email }),
        yes: t("user.confirmDisable.yes"),
        go: () => run(() => adminApi.disable(id), t("users.disabled", { email })),
      },
      resetPassword: {
        heading: t("user.confirmReset.heading"),
        text: t("user.confirmReset.text", { email }),
        yes: t("user.confirmReset.yes"),
        go: resetPassword,
      },
      resetMfa: {
        heading: t("user.confirmMfa.heading"),
        text: t("user.confirmMfa.text", { email }),
        yes: t("user.confirmMfa.yes"),
        go: () => run(() => adminApi.resetMfa(id, mfaReason ?? "other"), t("user.mfaReset", { email })),
      },
    };
  const confirming = pending ? confirmations[pending] : undefined;

  return (
    <>
      <nav className="usa-breadcrumb" aria-label={t("user.breadcrumb")}>
        <ol className="usa-breadcrumb__list">
          <li className="usa-breadcrumb__list-item">
            <Link className="usa-breadcrumb__link" to={`/admin/users?org=${encodeURIComponent(user.orgId)}`}>
              <span>{t("users.title")}</span>
            </Link>
          </li>
          <li className="usa-breadcrumb__list-item usa-current" aria-current="page">
            <span>{email}</span>
          </li>
        </ol>
      </nav>
      <h1>{t("user.title", { email })}</h1>
      <StatusAlert text={notice} />
      <ErrorAlert error={error} />
      {reset && (
        <div className="usa-alert usa-alert--warning margin-y-2" role="status">
          <div className="usa-alert__body">
            <h2 className="usa-alert__heading">{t("user.resetHeading")}</h2>
            <p className="usa-alert__text">
              {t("users.initialPassword")} <code data-testid="reset-password">{reset.oneTimePassword}</code>
            </p>
            <p className="usa-alert__text">{t("users.oneTimeExpires", { date: date(reset.expiresAt) })}</p>
          </div>
        </div>
      )}
      <dl className="harbor-facts">
        <dt>{t("account.org")}</dt>
        <dd>
          {user.orgId} ({t(`orgTypes.${user.orgType}`)})
        </dd>
        <dt>{t("users.columns.status")}</dt>
        <dd data-testid="user-status">
          <UserStatus user={user} />
        </dd>
      </dl>

      <h2>{t("user.rolesHeading")}</h2>
      <form className="usa-form usa-form--large" onSubmit={saveRoles}>
        <RoleBoxes
          id="user-role"
          legend={t("users.roles")}
          value={roles}
          onChange={setRoles}
          {...(user.lastActiveAdmin
            ? { locked: { role: "admin" as const, reason: t("user.lastAdmin") } }
            : {})}
        />
        <button className="usa-button" type="submit" disabled={roles.length === 0}>
          {t("user.saveRoles")}
        </button>
      </form>

      <h2>{t("user.accountHeading")}</h2>
      {user.lastActiveAdmin && !user.disabled && <p>{t("user.lastAdmin")}</p>}
      <ul className="usa-button-group">
        {user.locked && !user.disabled && (
          <li className="usa-button-group__item">
            <button
              type="button"
              className="usa-button"
              onClick={() => run(() => adminApi.unlock(id), t("users.unlocked", { email }))}
            >
              {t("users.unlock", { email })}
            </button>
          </li>
        )}
        {!user.disabled && !user.lastActiveAdmin && (
          <li className="usa-button-group__item">
            <button
              type="button"
              className="usa-button usa-button--secondary"
              onClick={() => setPending("disable")}
            >
              {t("users.disable", { email })}
            </button>
          </li>
        )}
        {user.disabled && (
          <li className="usa-button-group__item">
            <button
              type="button"
              className="usa-button"
              onClick={() => run(() => adminApi.enable(id), t("user.enabled", { email }))}
            >
              {t("user.enable", { email })}
            </button>
          </li>
        )}
        <li className="usa-button-group__item">
          <button
            type="button"
            className="usa-button usa-button--outline"
            onClick={() => setPending("resetPassword")}
          >
            {t("user.resetPassword")}
          </button>
        </li>
      </ul>

      <h2>{t("user.mfaHeading")}</h2>
      <form
        className="usa-form usa-form--large"
        onSubmit={(event) => {
          event.preventDefault();
          if (mfaReason) setPending("resetMfa");
        }}
      >
        <p>{t("user.mfaIntro")}</p>
        <label className="usa-label" htmlFor="mfa-reason">
          {t("user.mfaReason")}
        </label>
        <select
          className="usa-select"
          id="mfa-reason"
          required
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        >
          <option value="">{t("user.chooseReason")}</option>
          {MFA_RESET_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`user.reasons.${r}`)}
            </option>
          ))}
        </select>
        <button className="usa-button usa-button--outline" type="submit">
          {t("user.resetMfa")}
        </button>
      </form>

      {confirming && (
        <ConfirmDialog
          heading={confirming.heading}
          text={confirming.text}
          confirmLabel={confirming.yes}
          cancelLabel={t("tokens.confirm.cancel")}
          onConfirm={() => void confirming.go()}
          onCancel={() => setPending(undefined)}
        />
      )}
    </>
  );
}
