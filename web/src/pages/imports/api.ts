import { ApiError, csrfTokenForWrite, type ResponseOf } from "../../apiClient.ts";

// Every shape comes from the API's contract (openapi.json, through the generated client).
export type DryRunView = ResponseOf<"/api/v1/imports", "post", 200>;
export type ImportedView = ResponseOf<"/api/v1/imports", "post", 201>;
export type ImportInvalid = Extract<ResponseOf<"/api/v1/imports", "post", 422>["error"], { rows: unknown }>;
export type RowError = ImportInvalid["rows"][number];
export type ImportCounts = DryRunView["wouldCreate"];
export type ImportKind = "csv" | "htcds";

/** The roles that may open cases (ROLE_GRANTS in src/modules/policy/policy.rules.ts), so may import. */
export const IMPORT_ROLES = ["intake", "investigator", "prosecutor", "advocate"] as const;
/** The server's limit on one upload (MAX_IMPORT_BYTES): checked here too, before a byte is sent. */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

export const templateUrl = (kind: ImportKind) => `/api/v1/imports/template?kind=${kind}`;

/** What an import answered: the counts, or the problems by row (422), anything else thrown as ApiError. */
export type ImportAnswer =
  | { outcome: "checked"; view: DryRunView }
  | { outcome: "imported"; view: ImportedView }
  | { outcome: "invalid"; error: ImportInvalid };

export interface ImportRequest {
  kind: ImportKind;
  files: File[];
  mapping: string;
  dryRun: boolean;
}

/**
 * Sends an import as multipart/form-data. Through XMLHttpRequest rather than the fetch client, because
 * only it reports upload progress; the session's CSRF token and an Idempotency-Key go with it as the
 * client would send them.
 */
export async function sendImport(request: ImportRequest, onProgress: (percent: number) => void) {
  const form = new FormData();
  form.append("kind", request.kind);
  form.append("dryRun", String(request.dryRun));
  if (request.mapping.trim()) form.append("mapping", request.mapping);
  for (const file of request.files) form.append("file", file, file.name);
  const csrf = await csrfTokenForWrite();
  return new Promise<ImportAnswer>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/imports");
    if (csrf) xhr.setRequestHeader("x-csrf-token", csrf);
    xhr.setRequestHeader("idempotency-key", crypto.randomUUID());
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, "network", "The upload did not reach Harbor."));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status === 200) return resolve({ outcome: "checked", view: body as DryRunView });
      if (xhr.status === 201) return resolve({ outcome: "imported", view: body as ImportedView });
      const error = (body as { error?: { code?: unknown; message?: unknown; rows?: unknown } } | undefined)
        ?.error;
      if (xhr.status === 422 && error?.code === "import_invalid")
        return resolve({ outcome: "invalid", error: error as ImportInvalid });
      reject(
        new ApiError(
          xhr.status,
          typeof error?.code === "string" ? error.code : "error",
          typeof error?.message === "string" ? error.message : `HTTP ${xhr.status}`,
        ),
      );
    };
    xhr.send(form);
  });
}
