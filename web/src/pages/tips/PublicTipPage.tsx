import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { ErrorAlert } from "../records/shared.tsx";
import { tipsApi } from "./api.ts";
import { TipForm } from "./TipForm.tsx";

/** The public tip form (anonymous). After sending, the receipt to quote later. */
export function PublicTipPage() {
  const { t } = useTranslation("tips");
  usePageTitle(t("public.title"));
  const [receipt, setReceipt] = useState<string | undefined>();
  return (
    <>
      <h1>{t("public.title")}</h1>
      <p className="usa-intro">{t("public.intro")}</p>
      <div className="usa-alert usa-alert--warning usa-alert--slim">
        <div className="usa-alert__body">
          <p className="usa-alert__text">{t("public.emergency")}</p>
        </div>
      </div>
      {receipt ? (
        <div className="usa-alert usa-alert--success margin-y-3" role="status">
          <div className="usa-alert__body">
            <h2 className="usa-alert__heading">{t("public.thanks")}</h2>
            <p className="usa-alert__text">
              {t("public.receiptIs")} <strong className="font-mono-lg">{receipt}</strong>
            </p>
            <p className="usa-alert__text">
              <Link to="/tip/status">{t("public.checkStatus")}</Link>
            </p>
          </div>
        </div>
      ) : (
        <TipForm operator={false} onDone={(r) => setReceipt(r.receipt)} />
      )}
    </>
  );
}

/** The status of a tip behind its receipt: received, under review or closed. Nothing else. */
export function ReceiptStatusPage() {
  const { t } = useTranslation("tips");
  usePageTitle(t("status.title"));
  const [receipt, setReceipt] = useState("");
  const [status, setStatus] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  async function look(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setStatus(undefined);
    try {
      setStatus((await tipsApi.receipt(receipt.trim())).status);
    } catch (e) {
      setError(e);
    }
  }
  return (
    <>
      <h1>{t("status.title")}</h1>
      <form className="usa-form" onSubmit={look}>
        <ErrorAlert error={error} />
        <label className="usa-label" htmlFor="receipt">
          {t("status.receipt")}
        </label>
        <span className="usa-hint" id="receipt-hint">
          {t("status.receiptHint")}
        </span>
        <input
          className="usa-input"
          id="receipt"
          required
          maxLength={11}
          autoComplete="off"
          aria-describedby="receipt-hint"
          value={receipt}
          onChange={(e) => setReceipt(e.target.value)}
        />
        <button className="usa-button margin-top-2" type="submit">
          {t("status.check")}
        </button>
      </form>
      <div aria-live="polite">{status && <p className="margin-top-3">{t(`statuses.${status}`)}</p>}</div>
    </>
  );
}
