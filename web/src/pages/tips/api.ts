import { api, type BodyOf, type QueryOf, type ResponseOf, unwrap } from "../../apiClient.ts";

// Every shape comes from the API's contract (openapi.json, through the generated client).
export type SubmitTipRequest = BodyOf<"/api/v1/tips", "post">;
export type TipSummary = ResponseOf<"/api/v1/tips", "get">["tips"][number];
export type TipView = ResponseOf<"/api/v1/tips/{id}", "get">;
export type TipQuery = QueryOf<"/api/v1/tips", "get">;
export type CloseReason = BodyOf<"/api/v1/tips/{id}/close", "post">["reason"];
export type HhsMethod = BodyOf<"/api/v1/tips/{id}/hhs-notified", "post">["method"];

const byId = (id: string) => ({ params: { path: { id } } });
const ifMatch = (version: number) => ({ headers: { "if-match": `W/"${version}"` } });
/** One key per user action: a retried click or a flaky network never sends the tip twice. */
const once = () => ({ "idempotency-key": crypto.randomUUID() });

/** The tips API: intake (anonymous or signed in), receipt status, and the triage actions. */
export const tipsApi = {
  submit: (body: SubmitTipRequest) => unwrap(api.POST("/api/v1/tips", { body, headers: once() })),
  receipt: (receipt: string) =>
    unwrap(api.GET("/api/v1/tips/receipts/{receipt}", { params: { path: { receipt } } })),
  list: (query: TipQuery) => unwrap(api.GET("/api/v1/tips", { params: { query } })),
  get: (id: string) => unwrap(api.GET("/api/v1/tips/{id}", byId(id))),
  assign: (id: string, version: number, userId: string | null) =>
    unwrap(api.POST("/api/v1/tips/{id}/assign", { ...byId(id), ...ifMatch(version), body: { userId } })),
  close: (id: string, version: number, reason: CloseReason) =>
    unwrap(api.POST("/api/v1/tips/{id}/close", { ...byId(id), ...ifMatch(version), body: { reason } })),
  merge: (id: string, version: number, into: string) =>
    unwrap(api.POST("/api/v1/tips/{id}/merge", { ...byId(id), ...ifMatch(version), body: { into } })),
  convert: (id: string, version: number, title: string) =>
    unwrap(api.POST("/api/v1/tips/{id}/convert", { ...byId(id), ...ifMatch(version), body: { title } })),
  hhsNotified: (id: string, version: number, method: HhsMethod) =>
    unwrap(
      api.POST("/api/v1/tips/{id}/hhs-notified", { ...byId(id), ...ifMatch(version), body: { method } }),
    ),
};
