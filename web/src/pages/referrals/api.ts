import { api, type BodyOf, type QueryOf, type ResponseOf, unwrap } from "../../apiClient.ts";

// Every shape comes from the API's contract (openapi.json, through the generated client).
export type ReferralView = ResponseOf<"/api/v1/referrals/{id}", "get">;
export type SendReferralRequest = BodyOf<"/api/v1/referrals", "post">;
export type ReferralPurpose = SendReferralRequest["purpose"];
export type DeclineReason = BodyOf<"/api/v1/referrals/{id}/decline", "post">["reason"];
export type ConsentCheck = ResponseOf<"/api/v1/referrals/consent-check", "get">;
export type Direction = QueryOf<"/api/v1/referrals", "get">["direction"];

export const PURPOSES: readonly ReferralPurpose[] = [
  "shelter",
  "legal",
  "medical",
  "mental_health",
  "case_management",
  "immigration_legal",
  "employment",
  "law_enforcement",
  "other",
];
export const DECLINE_REASONS: readonly DeclineReason[] = [
  "no_capacity",
  "not_eligible",
  "outside_service_area",
  "service_not_offered",
  "client_declined",
  "duplicate",
  "other",
];

const byId = (id: string) => ({ params: { path: { id } } });
const versioned = (id: string, version: number) => ({
  params: { path: { id }, header: { "if-match": `W/"${version}"` } },
});

/** The referrals API as the signed-in user. */
export const referralsApi = {
  list: (direction: Direction, caseId?: string) =>
    unwrap(api.GET("/api/v1/referrals", { params: { query: { direction, ...(caseId ? { caseId } : {}) } } })),
  get: (id: string) => unwrap(api.GET("/api/v1/referrals/{id}", byId(id))),
  send: (body: SendReferralRequest) => unwrap(api.POST("/api/v1/referrals", { body })),
  consentCheck: (caseId: string, recipientOrgId: string, purpose: ReferralPurpose) =>
    unwrap(
      api.GET("/api/v1/referrals/consent-check", { params: { query: { caseId, recipientOrgId, purpose } } }),
    ),
  accept: (id: string, version: number) =>
    unwrap(api.POST("/api/v1/referrals/{id}/accept", versioned(id, version))),
  complete: (id: string, version: number) =>
    unwrap(api.POST("/api/v1/referrals/{id}/complete", versioned(id, version))),
  revoke: (id: string, version: number) =>
    unwrap(api.POST("/api/v1/referrals/{id}/revoke", versioned(id, version))),
  decline: (id: string, version: number, reason: DeclineReason) =>
    unwrap(api.POST("/api/v1/referrals/{id}/decline", { ...versioned(id, version), body: { reason } })),
};
