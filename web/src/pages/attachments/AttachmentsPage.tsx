import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { ApiError, type CaseDetail, recordsApi } from "../records/api.ts";
import { Crumbs, ErrorAlert, SuccessAlert, useSave } from "../records/shared.tsx";
import { type AttachmentLimits, type AttachmentView, attachmentsApi } from "./api.ts";
import { DeleteAttachment } from "./DeleteAttachment.tsx";

/** "2.4 MB", "830 KB", "120 bytes", in the reader's language. */
export function useSize() {
  const { t, i18n } = useTranslation("attachments");
  return (bytes: number) => {
    const n = (v: number) => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(v);
    if (bytes >= 1024 * 1024) return t("size.mb", { n: n(bytes / (1024 * 1024)) });
    if (bytes >= 1024) return t("size.kb", { n: n(bytes / 1024) });
    return t("size.bytes", { count: bytes });
  };
}

/** The upload's refusal in the reader's language; the server's detail (what was detected) kept. */
function uploadError(error: unknown, t: (k: string, o?: Record<string, unknown>) => string, limit: string) {
  if (!(error instanceof ApiError)) return error;
  if (error.code === "file_too_large") return new ApiError(413, error.code, t("errors.tooLarge", { limit }));
  if (error.code === "unsupported_file_type")
    return new ApiError(415, error.code, `${t("errors.unsupported")} ${error.message}`);
  if (error.status === 400 && /empty/.test(error.message))
    return new ApiError(400, error.code, t("errors.empty"));
  return error;
}

/** A case's attachments: the list with download links, and (for those who work on the case) an upload. */
export function AttachmentsPage() {
  const { t, i18n } = useTranslation("attachments");
  usePageTitle(t("title"));
  const { id = "" } = useParams();
  const size = useSize();
  const [kase, setKase] = useState<CaseDetail | undefined>();
  const [items, setItems] = useState<AttachmentView[] | undefined>();
  const [limits, setLimits] = useState<AttachmentLimits | undefined>();
  const [error, setError] = useState<unknown>();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const load = useCallback(() => {
    recordsApi.getCase(id).then(setKase, setError);
    attachmentsApi.list(id).then((r) => {
      setItems(r.attachments);
      setLimits(r.limits);
    }, setError);
  }, [id]);
  useEffect(load, [load]);
  const { saveError, done, save } = useSave(load);
  const limit = limits ? size(limits.maxBytes) : "";
  const extensions = limits ? [...new Set(limits.allowedTypes.flatMap((x) => x.extensions))] : [];
  const date = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return void save(() => Promise.reject(new ApiError(400, "no_file", t("errors.noFile"))), "");
    if (limits && file.size > limits.maxBytes)
      return void save(
        () => Promise.reject(new ApiError(413, "file_too_large", t("errors.tooLarge", { limit }))),
        "",
      );
    setBusy(true);
    const ok = await save(
      () => attachmentsApi.upload(id, file).catch((e: unknown) => Promise.reject(uploadError(e, t, limit))),
      t("uploaded", { name: file.name }),
    );
    setBusy(false);
    if (ok) {
      setFile(null);
      if (input.current) input.current.value = "";
    }
  }

  return (
    <>
      <Crumbs caseId={id} current={t("title")} />
      <h1>{t("title")}</h1>
      <p className="usa-intro">{t("intro")}</p>
      <ErrorAlert error={error} />
      {items && items.length === 0 && <p>{t("none")}</p>}
      {items && items.length > 0 && (
        <table className="usa-table usa-table--borderless width-full">
          <caption className="usa-sr-only">{t("listCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("columns.name")}</th>
              <th scope="col">{t("columns.type")}</th>
              <th scope="col">{t("columns.size")}</th>
              <th scope="col">{t("columns.uploaded")}</th>
              {kase?.permissions.work && <th scope="col">{t("columns.actions")}</th>}
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.id}>
                <th scope="row">
                  <a href={a.contentUrl} download={a.filename}>
                    {a.filename}
                  </a>
                  <span className="usa-sr-only"> ({t("download")})</span>
                </th>
                <td>{a.contentType}</td>
                <td>{size(a.sizeBytes)}</td>
                <td>{date(a.uploadedAt)}</td>
                {kase?.permissions.work && (
                  <td>
                    <DeleteAttachment
                      attachment={a}
                      onDelete={(reason) => save(() => attachmentsApi.remove(a.id, reason), t("deleted"))}
                    />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {kase?.permissions.work && limits && (
        <>
          <h2>{t("uploadHeading")}</h2>
          <form className="usa-form" onSubmit={submit} noValidate>
            <ErrorAlert error={saveError} />
            <SuccessAlert text={done} />
            <div className="usa-form-group">
              <label className="usa-label" htmlFor="attachment-file">
                {t("fileLabel")}
              </label>
              <span className="usa-hint" id="attachment-file-hint">
                {t("fileHint", { limit, types: extensions.map((e) => e.toUpperCase()).join(", ") })}
              </span>
              <input
                ref={input}
                className="usa-file-input"
                id="attachment-file"
                name="file"
                type="file"
                aria-describedby="attachment-file-hint"
                accept={extensions.map((e) => `.${e}`).join(",")}
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
            </div>
            <button className="usa-button margin-top-2" type="submit" disabled={busy}>
              {busy ? t("uploading") : t("submit")}
            </button>
          </form>
        </>
      )}
    </>
  );
}
