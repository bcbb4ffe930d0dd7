import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AttachmentView, DeleteReason } from "./api.ts";

const REASONS: DeleteReason[] = ["uploaded_in_error", "wrong_case", "duplicate", "retention"];

/** Delete, in two steps: a reason is chosen (the audit keeps it), then the deletion is confirmed. */
export function DeleteAttachment({
  attachment,
  onDelete,
}: {
  attachment: AttachmentView;
  onDelete: (reason: DeleteReason) => Promise<unknown>;
}) {
  const { t } = useTranslation("attachments");
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<DeleteReason>("uploaded_in_error");
  const id = `delete-reason-${attachment.id}`;
  if (!open)
    return (
      <button className="usa-button usa-button--unstyled" type="button" onClick={() => setOpen(true)}>
        {t("delete.open")}
        <span className="usa-sr-only"> {attachment.filename}</span>
      </button>
    );
  return (
    <div>
      <label className="usa-label margin-top-0" htmlFor={id}>
        {t("delete.reason")}
      </label>
      <select
        className="usa-select"
        id={id}
        value={reason}
        onChange={(e) => setReason(e.target.value as DeleteReason)}
      >
        {REASONS.map((r) => (
          <option key={r} value={r}>
            {t(`delete.reasons.${r}`)}
          </option>
        ))}
      </select>
      <div className="margin-top-1">
        <button
          className="usa-button usa-button--secondary"
          type="button"
          onClick={() => void onDelete(reason)}
        >
          {t("delete.confirm")}
          <span className="usa-sr-only"> {attachment.filename}</span>
        </button>
        <button className="usa-button usa-button--unstyled" type="button" onClick={() => setOpen(false)}>
          {t("delete.cancel")}
        </button>
      </div>
    </div>
  );
}
