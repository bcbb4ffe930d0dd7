import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import {
  adminApi,
  type CreatedTokenView,
  type CreateTokenRequest,
  type TokenView,
  tokensApi,
  type UserView,
} from "../auth/api.ts";
import { ErrorAlert, StatusAlert } from "../auth/shared.tsx";
import { CreatedTokenNotice } from "./CreatedTokenNotice.tsx";
import { TokenCreateForm } from "./TokenCreateForm.tsx";
import { TokensTable } from "./TokensTable.tsx";

/**
 * The organization's API tokens (admins): list them without their secrets, create one for a user
 * (its secret shown once), revoke one after a confirmation. The server enforces the admin role.
 */
export function TokensPage() {
  const { t, i18n } = useTranslation("auth");
  usePageTitle(t("tokens.title"));
  const [tokens, setTokens] = useState<TokenView[]>();
  const [users, setUsers] = useState<UserView[]>([]);
  const [error, setError] = useState<unknown>();
  const [createError, setCreateError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const [created, setCreated] = useState<CreatedTokenView>();
  const [confirming, setConfirming] = useState<TokenView>();
  const trigger = useRef<HTMLElement | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);
  const formHeading = useRef<HTMLHeadingElement>(null);

  // Resolves once both lists are in, so a notice is announced only when the table already shows it.
  const load = useCallback(
    () =>
      Promise.all([
        tokensApi.list().then((r) => setTokens(r.tokens), setError),
        adminApi.listUsers().then((r) => setUsers(r.users), setError),
      ]),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const date = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
  const emailOf = (userId: string) => users.find((u) => u.id === userId)?.email ?? userId;

  async function create(body: CreateTokenRequest): Promise<boolean> {
    setCreateError(undefined);
    setCreated(undefined);
    setNotice(undefined);
    try {
      const token = await tokensApi.create(body);
      await load();
      setCreated(token);
      return true;
    } catch (e) {
      setCreateError(e);
      return false;
    }
  }

  function askRevoke(token: TokenView) {
    trigger.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setConfirming(token);
  }

  function cancelRevoke() {
    setConfirming(undefined);
    trigger.current?.focus();
  }

  async function revoke() {
    const token = confirming;
    setConfirming(undefined);
    if (!token) return;
    setError(undefined);
    try {
      await tokensApi.revoke(token.id);
      await load();
      setNotice(t("tokens.revoked", { label: token.label, email: emailOf(token.userId) }));
    } catch (e) {
      setError(e);
    }
    // The Revoke button is gone with the active token: continue from the list's heading.
    listHeading.current?.focus();
  }

  function done() {
    // Forget the secret: once dismissed it is gone from the page for good.
    setCreated(undefined);
    formHeading.current?.focus();
  }

  return (
    <>
      <h1>{t("tokens.title")}</h1>
      <p className="usa-intro">{t("tokens.intro")}</p>
      <p>
        <Link to="/admin/users">{t("users.title")}</Link>
      </p>
      <h2 ref={listHeading} tabIndex={-1}>
        {t("tokens.listHeading")}
      </h2>
      <StatusAlert text={notice} />
      <ErrorAlert error={error} />
      {tokens && tokens.length === 0 && <p>{t("tokens.empty")}</p>}
      {tokens && tokens.length > 0 && (
        <TokensTable tokens={tokens} emailOf={emailOf} date={date} onRevoke={askRevoke} />
      )}
      <h2 ref={formHeading} tabIndex={-1}>
        {t("tokens.newHeading")}
      </h2>
      {created && (
        <CreatedTokenNotice
          created={created}
          email={emailOf(created.userId)}
          expires={date(created.expiresAt)}
          onDone={done}
        />
      )}
      <TokenCreateForm users={users} error={createError} onCreate={create} />
      {confirming && (
        <ConfirmDialog
          heading={t("tokens.confirm.heading")}
          text={t("tokens.confirm.text", { label: confirming.label, email: emailOf(confirming.userId) })}
          confirmLabel={t("tokens.confirm.yes")}
          cancelLabel={t("tokens.confirm.cancel")}
          onConfirm={revoke}
          onCancel={cancelRevoke}
        />
      )}
    </>
  );
}
