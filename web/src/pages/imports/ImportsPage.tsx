import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../apiClient.ts";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { hasAnyRole, useSession } from "../../session.tsx";
import { ErrorAlert } from "../records/shared.tsx";
import {
  IMPORT_ROLES,
  type ImportAnswer,
  type ImportKind,
  MAX_IMPORT_BYTES,
  sendImport,
  templateUrl,
} from "./api.ts";
import { ImportResult } from "./ImportResult.tsx";

const LIMIT = "32 MB";

/** The server's refusal in the reader's language where Harbor knows it; otherwise its own words. */
function refusal(error: unknown, t: (k: string, o?: Record<string, unknown>) => string) {
  if (!(error instanceof ApiError)) return error;
  if (error.code === "file_too_large")
    return new ApiError(413, error.code, t("errors.tooLarge", { limit: LIMIT }));
  if (error.status === 403) return new ApiError(403, error.code, t("errors.forbidden"));
  if (error.status === 0) return new ApiError(0, error.code, t("errors.network"));
  return error;
}

/** Why a mapping cannot be sent, before it is: it must be JSON with `columns`. */
function mappingProblem(text: string): "json" | "columns" | undefined {
  if (!text.trim()) return undefined;
  try {
    const json = JSON.parse(text) as { columns?: unknown };
    return json && typeof json.columns === "object" && json.columns !== null ? undefined : "columns";
  } catch {
    return "json";
  }
}

/**
 * Imports cases from a CSV or HTCDS tables: the same checks and the same all-or-nothing transaction as
 * `harbor import`. A dry run first says what would be created (or every bad row); then the import.
 */
export function ImportsPage() {
  const { t } = useTranslation("imports");
  usePageTitle(t("title"));
  const session = useSession();
  const [kind, setKind] = useState<ImportKind>("csv");
  const [files, setFiles] = useState<File[]>([]);
  const [mapping, setMapping] = useState("");
  const [fileError, setFileError] = useState<string>();
  const [mappingError, setMappingError] = useState<string>();
  const [busy, setBusy] = useState<"check" | "import">();
  const [percent, setPercent] = useState(0);
  const [answer, setAnswer] = useState<ImportAnswer>();
  const [error, setError] = useState<unknown>();
  const fileInput = useRef<HTMLInputElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  if (session.status === "loading") return null;
  if (session.status === "signedOut")
    return (
      <>
        <h1>{t("title")}</h1>
        <ErrorAlert error={new ApiError(401, "unauthorized", "")} />
      </>
    );
  if (!hasAnyRole(session.user, IMPORT_ROLES))
    return (
      <>
        <h1>{t("title")}</h1>
        <div className="usa-alert usa-alert--info usa-alert--slim" data-not-allowed>
          <div className="usa-alert__body">
            <p className="usa-alert__text">{t("notAllowed")}</p>
          </div>
        </div>
      </>
    );

  function chooseKind(next: ImportKind) {
    setKind(next);
    setFiles([]);
    setAnswer(undefined);
    if (fileInput.current) fileInput.current.value = "";
  }

  async function readMappingFile(file: File | undefined) {
    if (!file) return;
    setMapping(await file.text());
    setMappingError(undefined);
  }

  async function run(dryRun: boolean) {
    setAnswer(undefined);
    setError(undefined);
    const size = files.reduce((n, f) => n + f.size, 0);
    const fileProblem = !files.length
      ? t("errors.noFile")
      : kind === "csv" && files.length > 1
        ? t("errors.oneCsv")
        : size > MAX_IMPORT_BYTES
          ? t("errors.tooLarge", { limit: LIMIT })
          : undefined;
    const problem = mappingProblem(mapping);
    setFileError(fileProblem);
    setMappingError(problem && t(`mapping.errors.${problem}`));
    if (fileProblem) return fileInput.current?.focus();
    if (problem) return document.getElementById("import-mapping")?.focus();
    setBusy(dryRun ? "check" : "import");
    setPercent(0);
    try {
      setAnswer(await sendImport({ kind, files, mapping, dryRun }, setPercent));
    } catch (e) {
      setError(refusal(e, t));
    } finally {
      setBusy(undefined);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(true);
  }

  const hintId = "import-file-hint";
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="usa-intro">{t("intro")}</p>
      <form className="usa-form usa-form--large" onSubmit={submit} noValidate>
        <fieldset className="usa-fieldset">
          <legend className="usa-legend">{t("kind.legend")}</legend>
          {(["csv", "htcds"] as const).map((k) => (
            <div className="usa-radio" key={k}>
              <input
                className="usa-radio__input"
                id={`import-kind-${k}`}
                type="radio"
                name="kind"
                value={k}
                checked={kind === k}
                onChange={() => chooseKind(k)}
              />
              <label className="usa-radio__label" htmlFor={`import-kind-${k}`}>
                {t(`kind.${k}`)}
              </label>
            </div>
          ))}
        </fieldset>
        <div className={`usa-form-group${fileError ? " usa-form-group--error" : ""}`}>
          <label className="usa-label" htmlFor="import-file">
            {kind === "csv" ? t("file.label") : t("file.labelMany")}
          </label>
          <span className="usa-hint" id={hintId}>
            {kind === "csv" ? t("file.hintCsv", { limit: LIMIT }) : t("file.hintHtcds", { limit: LIMIT })}
          </span>
          {fileError && (
            <span className="usa-error-message" id="import-file-error" role="alert">
              {fileError}
            </span>
          )}
          <input
            ref={fileInput}
            className={`usa-input${fileError ? " usa-input--error" : ""}`}
            id="import-file"
            name="file"
            type="file"
            multiple={kind === "htcds"}
            accept={kind === "csv" ? ".csv,text/csv" : ".csv,.json,text/csv,application/json"}
            aria-describedby={fileError ? `${hintId} import-file-error` : hintId}
            aria-invalid={fileError ? true : undefined}
            onChange={(e) => {
              setFiles([...(e.currentTarget.files ?? [])]);
              setFileError(undefined);
              setAnswer(undefined);
            }}
          />
        </div>
        <fieldset className="usa-fieldset margin-top-3">
          <legend className="usa-legend">{t("mapping.legend")}</legend>
          <p className="usa-hint">{t("mapping.intro")}</p>
          <p>
            <a href={templateUrl(kind)} download={`harbor-mapping-${kind}.json`}>
              {t("mapping.template", { kind: t(`kind.short.${kind}`) })}
            </a>
          </p>
          <label className="usa-label" htmlFor="import-mapping-file">
            {t("mapping.fileLabel")}
          </label>
          <input
            className="usa-input"
            id="import-mapping-file"
            type="file"
            accept=".json,application/json"
            onChange={(e) => void readMappingFile(e.currentTarget.files?.[0])}
          />
          <label className="usa-label" htmlFor="import-mapping">
            {t("mapping.textLabel")}
          </label>
          <span className="usa-hint" id="import-mapping-hint">
            {t("mapping.textHint")}
          </span>
          {mappingError && (
            <span className="usa-error-message" id="import-mapping-error" role="alert">
              {mappingError}
            </span>
          )}
          <textarea
            className={`usa-textarea${mappingError ? " usa-input--error" : ""}`}
            id="import-mapping"
            name="mapping"
            rows={5}
            spellCheck={false}
            value={mapping}
            aria-describedby={
              mappingError ? "import-mapping-hint import-mapping-error" : "import-mapping-hint"
            }
            aria-invalid={mappingError ? true : undefined}
            onChange={(e) => {
              setMapping(e.currentTarget.value);
              setMappingError(undefined);
            }}
          />
        </fieldset>
        <div className="margin-top-3">
          <button className="usa-button" type="submit" disabled={busy !== undefined}>
            {t("actions.check")}
          </button>
          <button
            className="usa-button usa-button--outline"
            type="button"
            disabled={busy !== undefined}
            onClick={() => void run(false)}
          >
            {t("actions.import")}
          </button>
        </div>
      </form>
      {busy && (
        <div className="margin-top-3" role="status" data-progress>
          <p className="margin-bottom-1">
            {percent < 100
              ? t("progress.uploading", { percent })
              : busy === "check"
                ? t("progress.checking")
                : t("progress.importing")}
          </p>
          <progress className="width-full" max={100} value={percent} aria-label={t("progress.label")} />
        </div>
      )}
      <div ref={errorRef} tabIndex={-1}>
        <ErrorAlert error={error} />
      </div>
      {answer && <ImportResult answer={answer} />}
    </>
  );
}
