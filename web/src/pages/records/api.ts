import { api, type BodyOf, type ResponseOf, unwrap } from "../../apiClient.ts";

// Every shape comes from the API's contract (openapi.json, through the generated client).
export type CaseView = ResponseOf<"/api/v1/cases", "get">["cases"][number];
export type CaseDetail = ResponseOf<"/api/v1/cases/{id}", "get">;
export type PersonView = ResponseOf<"/api/v1/persons/{id}", "get">;
export type ShareView = ResponseOf<"/api/v1/cases/{id}/shares", "get">["shares"][number];
export type ConsentView = ResponseOf<"/api/v1/persons/{id}/consents", "get">["consents"][number];
export type AddPersonRequest = BodyOf<"/api/v1/cases/{id}/persons", "post">;
export type RecordConsentRequest = BodyOf<"/api/v1/persons/{id}/consents", "post">;
export type ShareAccess = BodyOf<"/api/v1/cases/{id}/shares", "post">["access"];

const byId = (id: string) => ({ params: { path: { id } } });

/** The records API (cases, persons, sharing, consents) as the signed-in user. */
export const recordsApi = {
  listCases: () => unwrap(api.GET("/api/v1/cases")),
  createCase: (title: string) => unwrap(api.POST("/api/v1/cases", { body: { title } })),
  getCase: (id: string) => unwrap(api.GET("/api/v1/cases/{id}", byId(id))),
  addPerson: (caseId: string, body: AddPersonRequest) =>
    unwrap(api.POST("/api/v1/cases/{id}/persons", { ...byId(caseId), body })),
  getPerson: (id: string) => unwrap(api.GET("/api/v1/persons/{id}", byId(id))),
  listShares: (caseId: string) => unwrap(api.GET("/api/v1/cases/{id}/shares", byId(caseId))),
  share: (caseId: string, orgId: string, access: ShareAccess) =>
    unwrap(api.POST("/api/v1/cases/{id}/shares", { ...byId(caseId), body: { orgId, access } })),
  listConsents: (personId: string) => unwrap(api.GET("/api/v1/persons/{id}/consents", byId(personId))),
  recordConsent: (personId: string, body: RecordConsentRequest) =>
    unwrap(api.POST("/api/v1/persons/{id}/consents", { ...byId(personId), body })),
  revokeConsent: (id: string) => unwrap(api.POST("/api/v1/consents/{id}/revoke", byId(id))),
};

export { ApiError } from "../../apiClient.ts";
