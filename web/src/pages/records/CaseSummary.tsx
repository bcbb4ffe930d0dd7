import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { CLOSE_REASONS, oneOf } from "../../vocabulary.ts";
import type { CaseDetail } from "./api.ts";
import { caseworkApi } from "./casework.api.ts";
import { SelectField } from "./FormFields.tsx";
import { ErrorAlert, SuccessAlert } from "./shared.tsx";
import { isStale, VersionConflict } from "./VersionConflict.tsx";

/** The case at a glance (status, the incident), and closing it with a reason or reopening it. */
export function CaseSummary({ kase, onChanged }: { kase: CaseDetail; onChanged: () => void }) {
  const { t } = useTranslation("casework");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();
  const [stale, setStale] = useState(false);
  const closed = kase.status === "closed";

  async function act(action: () => Promise<unknown>, doneText: string) {
    setError(undefined);
    setDone(undefined);
    setStale(false);
    try {
      await action();
      setDone(doneText);
    } catch (e) {
      if (isStale(e)) setStale(true);
      else setError(e);
    }
    // Either way the page shows the case as it is now (after a 412, its current version).
    onChanged();
  }
  function close(event: FormEvent) {
    event.preventDefault();
    const why = oneOf(CLOSE_REASONS, reason);
    if (why) void act(() => caseworkApi.closeCase(kase.id, kase.version, why), t("status.closedDone"));
  }

  const rows: [string, string][] = [
    [
      t("summary.status"),
      closed
        ? t("status.closed", { reason: t(`closeReason.${kase.closeReason ?? "other"}`) })
        : t("status.open"),
    ],
    [t("edit.fields.traffickingType"), t(`traffickingType.${kase.traffickingType}`)],
    [t("edit.fields.confirmation"), t(`confirmation.${kase.confirmation}`)],
    [
      t("edit.fields.leadAgencyType"),
      kase.leadAgencyType ? t(`leadAgencyType.${kase.leadAgencyType}`) : t("notRecorded"),
    ],
    [t("edit.fields.investigationStartedOn"), kase.investigationStartedOn?.slice(0, 10) ?? t("notRecorded")],
    [t("edit.fields.incidentState"), kase.incidentState ?? t("notRecorded")],
  ];
  return (
    <section aria-labelledby="case-summary-heading" data-testid="case-summary">
      <h2 id="case-summary-heading">{t("summary.heading")}</h2>
      <dl className="harbor-summary">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt className="text-bold">{label}</dt>
            <dd className="margin-left-0 margin-bottom-1">{value}</dd>
          </div>
        ))}
      </dl>
      {kase.narrative && (
        <>
          <h3>{t("edit.fields.narrative")}</h3>
          <p className="harbor-narrative">{kase.narrative}</p>
        </>
      )}
      <ErrorAlert error={error} />
      <SuccessAlert text={done} />
      {stale && <VersionConflict version={kase.version} fields={[]} />}
      {kase.permissions.update &&
        (closed ? (
          <button
            className="usa-button usa-button--outline"
            type="button"
            onClick={() => act(() => caseworkApi.reopenCase(kase.id, kase.version), t("status.reopenedDone"))}
          >
            {t("status.reopen")}
          </button>
        ) : (
          <form className="usa-form" onSubmit={close}>
            <SelectField
              id="case-close-reason"
              label={t("status.reason")}
              value={reason}
              codes={CLOSE_REASONS}
              labelOf={(c) => t(`closeReason.${c}`)}
              empty={t("status.chooseReason")}
              onChange={setReason}
            />
            <button
              className="usa-button usa-button--secondary margin-top-1"
              type="submit"
              disabled={!reason}
            >
              {t("status.close")}
            </button>
          </form>
        ))}
    </section>
  );
}
