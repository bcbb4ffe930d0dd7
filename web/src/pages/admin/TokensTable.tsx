import { useTranslation } from "react-i18next";
import type { TokenView } from "../auth/api.ts";

interface Props {
  tokens: TokenView[];
  emailOf(userId: string): string;
  date(iso: string): string;
  onRevoke(token: TokenView): void;
}

/** The tokens as a table; only a token still in force offers Revoke. */
export function TokensTable({ tokens, emailOf, date, onRevoke }: Props) {
  const { t } = useTranslation("auth");
  const now = Date.now();
  return (
    <div data-testid="tokens-table">
      <table className="usa-table usa-table--borderless width-full">
        <caption className="usa-sr-only">{t("tokens.listHeading")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("tokens.columns.label")}</th>
            <th scope="col">{t("tokens.columns.user")}</th>
            <th scope="col">{t("tokens.columns.created")}</th>
            <th scope="col">{t("tokens.columns.expires")}</th>
            <th scope="col">{t("tokens.columns.lastUsed")}</th>
            <th scope="col">{t("tokens.columns.status")}</th>
            <th scope="col">{t("tokens.columns.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => {
            const expired = Date.parse(token.expiresAt) <= now;
            const status = token.revokedAt
              ? t("tokens.status.revoked", { date: date(token.revokedAt) })
              : expired
                ? t("tokens.status.expired")
                : t("tokens.status.active");
            return (
              <tr key={token.id}>
                <th scope="row">{token.label}</th>
                <td>{emailOf(token.userId)}</td>
                <td>{date(token.createdAt)}</td>
                <td>{date(token.expiresAt)}</td>
                <td>{token.lastUsedAt ? date(token.lastUsedAt) : t("tokens.never")}</td>
                <td>{status}</td>
                <td>
                  {!token.revokedAt && !expired && (
                    <button
                      type="button"
                      className="usa-button usa-button--unstyled"
                      onClick={() => onRevoke(token)}
                    >
                      {t("tokens.revoke")}
                      <span className="usa-sr-only">
                        {" "}
                        {t("tokens.revokeWhich", { label: token.label, email: emailOf(token.userId) })}
                      </span>
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
