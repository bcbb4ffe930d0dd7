import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useSession } from "../../session.tsx";
import { authApi } from "./api.ts";
import { NewPasswordFields, passwordsDiffer } from "./NewPasswordFields.tsx";
import { ErrorAlert, StatusAlert } from "./shared.tsx";

/**
 * The signed-in user's account: who they are, the pages their capabilities open (as the server's
 * policy says, from `/auth/me`), a password change (the current password first), and sign-out.
 */
export function AccountPanel({ notice, onSignedOut }: { notice: string | undefined; onSignedOut(): void }) {
  const { t } = useTranslation("auth");
  const session = useSession();
  const [error, setError] = useState<unknown>();
  const [changed, setChanged] = useState<string>();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState({ password: "", repeat: "" });
  const [busy, setBusy] = useState(false);
  const user = session.user;
  const can = session.can;
  if (!user) return null;

  async function change(event: FormEvent) {
    event.preventDefault();
    if (passwordsDiffer(next)) return;
    setError(undefined);
    setChanged(undefined);
    setBusy(true);
    try {
      const r = await authApi.changePassword({ currentPassword: current, newPassword: next.password });
      setChanged(t("password.changed", { count: r.sessionsEnded }));
      setCurrent("");
      setNext({ password: "", repeat: "" });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function signOut() {
    setError(undefined);
    try {
      await session.signOut();
      onSignedOut();
    } catch (e) {
      setError(e);
    }
  }

  const links = [
    can?.manageUsers && { to: "/admin/users", label: t("users.title") },
    can?.manageUsers && { to: "/admin/orgs", label: t("orgs.title") },
    can?.manageUsers && { to: "/admin/tokens", label: t("tokens.title") },
    can?.readAudit && { to: "/audit", label: t("audit.title") },
  ].filter((l) => l !== false && l !== undefined);

  return (
    <>
      <h1>{t("account.title")}</h1>
      <StatusAlert text={notice} />
      <dl className="harbor-facts">
        <dt>{t("account.email")}</dt>
        <dd>{user.email}</dd>
        <dt>{t("account.org")}</dt>
        <dd>
          {user.orgId} ({t(`orgTypes.${user.orgType}`)})
        </dd>
        <dt>{t("account.roles")}</dt>
        <dd>{user.roles.map((r) => t(`roles.${r}`)).join(", ")}</dd>
      </dl>
      {links.length > 0 && (
        <ul className="usa-list">
          {links.map((l) => (
            <li key={l.to}>
              <Link to={l.to}>{l.label}</Link>
            </li>
          ))}
        </ul>
      )}
      <h2>{t("password.changeHeading")}</h2>
      <form className="usa-form usa-form--large" onSubmit={change}>
        <p>{t("password.changeIntro")}</p>
        <ErrorAlert error={error} />
        <StatusAlert text={changed} />
        <label className="usa-label" htmlFor="current-password">
          {t("password.current")}
        </label>
        <input
          className="usa-input"
          id="current-password"
          name="current-password"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
        <NewPasswordFields id="change-password" value={next} onChange={setNext} />
        <button className="usa-button" type="submit" disabled={busy}>
          {t("password.change")}
        </button>
      </form>
      <p className="margin-top-4">
        <button type="button" className="usa-button usa-button--outline" onClick={signOut}>
          {t("account.signOut")}
        </button>
      </p>
    </>
  );
}
