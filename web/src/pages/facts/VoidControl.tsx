import { useState } from "react";
import { useTranslation } from "react-i18next";
import { VOID_REASONS } from "../../vocabulary.ts";
import type { VoidReason } from "./api.ts";

/** Void, in two steps: a reason code is chosen (kept with the record), then the void is confirmed. */
export function VoidControl({
  id,
  what,
  onVoid,
}: {
  id: string;
  /** The row's name, for the buttons' accessible names. */
  what: string;
  onVoid(reason: VoidReason): Promise<boolean>;
}) {
  const { t } = useTranslation("facts");
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<VoidReason>("entered_in_error");
  const selectId = `void-reason-${id}`;
  if (!open)
    return (
      <button className="usa-button usa-button--unstyled" type="button" onClick={() => setOpen(true)}>
        {t("void.open")}
        <span className="usa-sr-only"> {what}</span>
      </button>
    );
  return (
    <div>
      <label className="usa-label margin-top-0" htmlFor={selectId}>
        {t("void.reason")}
        <span className="usa-sr-only"> {what}</span>
      </label>
      <select
        className="usa-select"
        id={selectId}
        value={reason}
        onChange={(e) => setReason(e.target.value as VoidReason)}
      >
        {VOID_REASONS.map((r) => (
          <option key={r} value={r}>
            {t(`voidReasons.${r}`)}
          </option>
        ))}
      </select>
      <div className="margin-top-1">
        <button
          className="usa-button usa-button--secondary usa-button--small"
          type="button"
          onClick={async () => {
            if (await onVoid(reason)) setOpen(false);
          }}
        >
          {t("void.confirm")}
          <span className="usa-sr-only"> {what}</span>
        </button>
        <button className="usa-button usa-button--unstyled" type="button" onClick={() => setOpen(false)}>
          {t("void.cancel")}
        </button>
      </div>
    </div>
  );
}
