import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { useSession } from "../../session.tsx";
import { AccountPanel } from "./AccountPanel.tsx";
import { afterSignIn } from "./afterSignIn.ts";
import { ApiError, authApi, groupSecret, type LoginStep } from "./api.ts";
import { NewPasswordFields, passwordsDiffer } from "./NewPasswordFields.tsx";
import { ErrorAlert, StatusAlert } from "./shared.tsx";

type Step = { kind: "password" } | ({ kind: "mfa" } & LoginStep);

/**
 * Sign-in in two steps (password, then the authenticator code). At a first sign-in the page shows
 * the TOTP secret to add to an authenticator app (typed in, no QR code); after a one-time password
 * (a first sign-in or an admin reset) the second step also sets the user's own password. Signed
 * in, it shows the account (AccountPanel). Who is signed in comes from the shared session (session.tsx),
 * so the header changes with this page.
 */
export function SignInPage() {
  const { t } = useTranslation("auth");
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [step, setStep] = useState<Step>({ kind: "password" });
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [newPassword, setNewPassword] = useState({ password: "", repeat: "" });
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  // The header's sign-out lands here with this flag (also when already on this page), so the page
  // says what happened.
  const signedOutHere = (location.state as { signedOut?: boolean } | null)?.signedOut === true;
  const signedOutVisit = signedOutHere ? location.key : undefined;
  useEffect(() => {
    if (signedOutVisit) setNotice(t("account.signedOut"));
  }, [signedOutVisit, t]);
  const [busy, setBusy] = useState(false);
  const user = session.status === "signedIn" ? session.user : undefined;
  usePageTitle(user ? t("account.title") : t("signIn.title"));

  const [oidc, setOidc] = useState(false);
  useEffect(() => {
    const failed = new URLSearchParams(window.location.search).get("error");
    if (failed === "oidc_failed") setError(new ApiError(401, failed, ""));
    authApi.options().then(
      (o) => setOidc(o.oidc),
      () => setOidc(false),
    );
  }, []);

  async function submitPassword(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setBusy(true);
    try {
      const r = await authApi.login({ email, password });
      setPassword("");
      setStep({ kind: "mfa", ...r });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function submitCode(event: FormEvent) {
    event.preventDefault();
    if (step.kind !== "mfa" || passwordsDiffer(newPassword)) return;
    setError(undefined);
    setBusy(true);
    try {
      await authApi.mfa({
        challengeId: step.challengeId,
        code: code.replace(/\s/g, ""),
        ...(step.passwordChange ? { newPassword: newPassword.password } : {}),
      });
      setCode("");
      setNewPassword({ password: "", repeat: "" });
      setNotice(t("signIn.done"));
      setStep({ kind: "password" });
      // Ask the server who is signed in, so the header shows this user's links.
      await session.refresh();
      // Then their home page, or back to the page that sent them to sign in.
      await navigate(afterSignIn(location.state), { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (session.status === "loading") return <p>{t("loading")}</p>;
  if (user) return <AccountPanel notice={notice} onSignedOut={() => setNotice(t("account.signedOut"))} />;

  return (
    <>
      <h1>{t("signIn.title")}</h1>
      <StatusAlert text={notice} type="info" />
      {step.kind === "password" && (
        <form className="usa-form usa-form--large" onSubmit={submitPassword} aria-describedby="sign-in-intro">
          <p id="sign-in-intro">{t("signIn.intro")}</p>
          <ErrorAlert error={error} />
          <label className="usa-label" htmlFor="sign-in-email">
            {t("signIn.email")}
          </label>
          <input
            className="usa-input"
            id="sign-in-email"
            name="email"
            type="email"
            autoComplete="username"
            autoCapitalize="off"
            spellCheck={false}
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <label className="usa-label" htmlFor="sign-in-password">
            {t("signIn.password")}
          </label>
          <input
            className="usa-input"
            id="sign-in-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <button className="usa-button" type="submit" disabled={busy}>
            {t("signIn.continue")}
          </button>
          {oidc && (
            <p>
              <a className="usa-button usa-button--outline" href="/api/v1/auth/oidc/start">
                {t("signIn.sso")}
              </a>
            </p>
          )}
        </form>
      )}
      {step.kind === "mfa" && (
        <form className="usa-form usa-form--large" onSubmit={submitCode}>
          {step.enrolment && (
            <div className="usa-alert usa-alert--info margin-y-2">
              <div className="usa-alert__body">
                <h2 className="usa-alert__heading">{t("mfa.enrolHeading")}</h2>
                <p className="usa-alert__text">{t("mfa.enrolText")}</p>
                <p className="usa-alert__text">
                  {t("mfa.secretLabel")}{" "}
                  <code className="harbor-secret" data-testid="totp-secret">
                    {groupSecret(step.enrolment.secret)}
                  </code>
                </p>
                <p className="usa-alert__text">{t("mfa.enrolSettings")}</p>
              </div>
            </div>
          )}
          {step.passwordChange && (
            <fieldset className="usa-fieldset">
              <legend className="usa-legend usa-legend--large">{t("mfa.newPasswordHeading")}</legend>
              <p>{t("mfa.newPasswordText")}</p>
              <NewPasswordFields id="first-password" value={newPassword} onChange={setNewPassword} />
            </fieldset>
          )}
          <ErrorAlert error={error} />
          <label className="usa-label" htmlFor="mfa-code">
            {t("mfa.code")}
          </label>
          <span className="usa-hint" id="mfa-code-hint">
            {t("mfa.codeHint")}
          </span>
          <input
            className="usa-input usa-input--small"
            id="mfa-code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9 ]{6,7}"
            maxLength={7}
            required
            aria-describedby="mfa-code-hint"
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
          <button className="usa-button" type="submit" disabled={busy}>
            {t("mfa.verify")}
          </button>
        </form>
      )}
    </>
  );
}
