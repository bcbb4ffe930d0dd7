import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { ErrorAlert, SuccessAlert, useSave } from "../records/shared.tsx";
import { DECLINE_REASONS, type DeclineReason, type ReferralView, referralsApi } from "./api.ts";
import { StatusTag } from "./shared.tsx";

/** One referral: what the caller's side may see, and the answers it may give (accept, decline, …). */
export function ReferralPage() {
  const { t, i18n } = useTranslation("referrals");
  usePageTitle(t("detail.title"));
  const { id = "" } = useParams();
  const [r, setR] = useState<ReferralView | undefined>();
  const [error, setError] = useState<unknown>();
  const [reason, setReason] = useState<DeclineReason | "">("");
  const load = useCallback(() => {
    referralsApi.get(id).then(setR, setError);
  }, [id]);
  useEffect(load, [load]);
  const { saveError, done, save } = useSave(load);
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(i18n.language) : "—");

  return (
    <>
      <nav className="usa-breadcrumb" aria-label={t("breadcrumb")}>
        <ol className="usa-breadcrumb__list">
          <li className="usa-breadcrumb__list-item">
            <Link className="usa-breadcrumb__link" to="/referrals">
              <span>{t("list.title")}</span>
            </Link>
          </li>
          <li className="usa-breadcrumb__list-item usa-current" aria-current="page">
            <span>{t("detail.title")}</span>
          </li>
        </ol>
      </nav>
      <h1>{t("detail.title")}</h1>
      <ErrorAlert error={error} />
      {r && (
        <>
          {!r.identified && (
            <div className="usa-alert usa-alert--info usa-alert--slim margin-y-2">
              <div className="usa-alert__body">
                <p className="usa-alert__text">{t("detail.deidentified")}</p>
              </div>
            </div>
          )}
          <dl className="harbor-facts">
            <dt>{t("fields.purpose")}</dt>
            <dd>{t(`purposes.${r.purpose}`)}</dd>
            <dt>{t("fields.status")}</dt>
            <dd>
              <StatusTag referral={r} />
              {r.declineReason && ` — ${t(`reasons.${r.declineReason}`)}`}
            </dd>
            <dt>{t("fields.sender")}</dt>
            <dd>{r.sender.name}</dd>
            <dt>{t("fields.recipient")}</dt>
            <dd>{r.recipient.name ?? `${t("fields.directoryEntry")}: ${r.recipient.directoryEntryId}`}</dd>
            <dt>{t("fields.sentAt")}</dt>
            <dd>{when(r.sentAt)}</dd>
            <dt>{t("fields.respondBy")}</dt>
            <dd>{when(r.respondBy)}</dd>
            <dt>{t("fields.answeredAt")}</dt>
            <dd>{when(r.answeredAt)}</dd>
            {r.caseId && (
              <>
                <dt>{t("fields.case")}</dt>
                <dd>
                  <Link to={`/cases/${r.caseId}`}>{t("detail.openCase")}</Link>
                </dd>
              </>
            )}
          </dl>
          <ErrorAlert error={saveError} />
          <SuccessAlert text={done} />
          <div className="usa-button-group">
            {r.actions.includes("accept") && (
              <button
                type="button"
                className="usa-button"
                onClick={() => save(() => referralsApi.accept(r.id, r.version), t("done.accepted"))}
              >
                {t("actions.accept")}
              </button>
            )}
            {r.actions.includes("complete") && (
              <button
                type="button"
                className="usa-button"
                onClick={() => save(() => referralsApi.complete(r.id, r.version), t("done.completed"))}
              >
                {t("actions.complete")}
              </button>
            )}
            {r.actions.includes("revoke") && (
              <button
                type="button"
                className="usa-button usa-button--secondary"
                onClick={() => save(() => referralsApi.revoke(r.id, r.version), t("done.revoked"))}
              >
                {t("actions.revoke")}
              </button>
            )}
          </div>
          {r.actions.includes("decline") && (
            <form
              className="usa-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (reason)
                  void save(() => referralsApi.decline(r.id, r.version, reason), t("done.declined"));
              }}
            >
              <label className="usa-label" htmlFor="decline-reason">
                {t("fields.declineReason")}
              </label>
              <select
                className="usa-select"
                id="decline-reason"
                required
                value={reason}
                onChange={(e) => setReason(e.target.value as DeclineReason)}
              >
                <option value="">{t("choose")}</option>
                {DECLINE_REASONS.map((d) => (
                  <option key={d} value={d}>
                    {t(`reasons.${d}`)}
                  </option>
                ))}
              </select>
              <button type="submit" className="usa-button usa-button--outline margin-top-2">
                {t("actions.decline")}
              </button>
            </form>
          )}
        </>
      )}
    </>
  );
}
