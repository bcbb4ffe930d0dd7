import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { ErrorAlert } from "../records/shared.tsx";
import { type Direction, type ReferralView, referralsApi } from "./api.ts";
import { StatusTag } from "./shared.tsx";

/** The organization's referrals: incoming (to answer) and outgoing (sent), overdue ones flagged. */
export function ReferralsPage() {
  const { t, i18n } = useTranslation("referrals");
  const [params, setParams] = useSearchParams();
  // A case's referrals (linked from a case as /referrals?caseId=…) are the ones it sent.
  const caseId = params.get("caseId") ?? undefined;
  const direction: Direction = caseId || params.get("direction") === "outgoing" ? "outgoing" : "incoming";
  usePageTitle(t(`list.${direction}`));
  const [rows, setRows] = useState<ReferralView[] | undefined>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    setRows(undefined);
    referralsApi.list(direction, caseId).then((r) => setRows(r.referrals), setError);
  }, [direction, caseId]);
  const date = (iso: string) => new Date(iso).toLocaleDateString(i18n.language);

  return (
    <>
      <h1>{t("list.title")}</h1>
      <p className="usa-intro">{t("list.intro")}</p>
      <nav className="usa-button-group margin-bottom-2" aria-label={t("list.direction")}>
        {(["incoming", "outgoing"] as const).map((d) => (
          <button
            key={d}
            type="button"
            className={`usa-button${d === direction ? "" : " usa-button--outline"}`}
            aria-pressed={d === direction}
            onClick={() => setParams({ direction: d })}
          >
            {t(`list.${d}`)}
          </button>
        ))}
        <Link
          className="usa-button usa-button--secondary"
          to={caseId ? `/referrals/new?caseId=${encodeURIComponent(caseId)}` : "/referrals/new"}
        >
          {t("list.send")}
        </Link>
      </nav>
      <ErrorAlert error={error} />
      {rows && rows.length === 0 && <p>{t("list.none")}</p>}
      {rows && rows.length > 0 && (
        <table className="usa-table usa-table--borderless width-full">
          <caption className="usa-sr-only">{t(`list.${direction}`)}</caption>
          <thead>
            <tr>
              <th scope="col">{t("fields.purpose")}</th>
              <th scope="col">{direction === "incoming" ? t("fields.sender") : t("fields.recipient")}</th>
              <th scope="col">{t("fields.status")}</th>
              <th scope="col">{t("fields.sentAt")}</th>
              <th scope="col">{t("fields.respondBy")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <Link to={`/referrals/${r.id}`}>{t(`purposes.${r.purpose}`)}</Link>
                </th>
                <td>
                  {direction === "incoming"
                    ? r.sender.name
                    : (r.recipient.name ?? `${t("fields.directoryEntry")}: ${r.recipient.directoryEntryId}`)}
                </td>
                <td>
                  <StatusTag referral={r} />
                </td>
                <td>{date(r.sentAt)}</td>
                <td>{date(r.respondBy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
