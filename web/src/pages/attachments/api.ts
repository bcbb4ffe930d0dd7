import { api, type BodyOf, type QueryOf, type ResponseOf, unwrap } from "../../apiClient.ts";

// Every shape comes from the API's contract (openapi.json, through the generated client).
export type AttachmentList = ResponseOf<"/api/v1/cases/{id}/attachments", "get">;
export type AttachmentView = AttachmentList["attachments"][number];
export type AttachmentLimits = AttachmentList["limits"];
export type DeleteReason = QueryOf<"/api/v1/attachments/{id}", "delete">["reason"];
type UploadBody = BodyOf<"/api/v1/cases/{id}/attachments", "post">;

/** The attachments API as the signed-in user. */
export const attachmentsApi = {
  list: (caseId: string) =>
    unwrap(api.GET("/api/v1/cases/{id}/attachments", { params: { path: { id: caseId } } })),
  /** Sends the file as multipart/form-data (the browser sets the boundary). */
  upload: (caseId: string, file: File) => {
    const form = new FormData();
    form.append("file", file, file.name);
    return unwrap(
      api.POST("/api/v1/cases/{id}/attachments", {
        params: { path: { id: caseId } },
        // The contract types the part as a binary string; the body really sent is the form.
        body: form as unknown as UploadBody,
        bodySerializer: () => form,
      }),
    );
  },
  remove: (id: string, reason: DeleteReason) =>
    unwrap(api.DELETE("/api/v1/attachments/{id}", { params: { path: { id }, query: { reason } } })),
};
