import { api, type BodyOf, type ResponseOf, succeed, unwrap } from "../../apiClient.ts";

// Every shape comes from the API's contract (openapi.json, through the generated client).
export type PlanView = ResponseOf<"/api/v1/cases/{id}/plan", "get">;
export type ServiceView = PlanView["services"][number];
export type FollowUpView = PlanView["followUps"][number];
export type ServiceInput = BodyOf<"/api/v1/cases/{id}/plan/services", "post">;
export type ServicePatch = BodyOf<"/api/v1/plan/services/{id}", "patch">;
export type FollowUpInput = BodyOf<"/api/v1/cases/{id}/plan/followups", "post">;
export type FollowUpPatch = BodyOf<"/api/v1/plan/followups/{id}", "patch">;
export type TeamView = ResponseOf<"/api/v1/cases/{id}/team", "get">;
export type AgencyInput = BodyOf<"/api/v1/cases/{id}/agencies", "post">;
export type AssignableUser = ResponseOf<"/api/v1/users/assignable", "get">["users"][number];
export type DirectoryEntry = ResponseOf<"/api/v1/directory", "get">["entries"][number];

const byId = (id: string) => ({ params: { path: { id } } });
const ifMatch = (version: number) => ({ headers: { "if-match": `W/"${version}"` } });

/** The case plan, the case team and the agencies involved, as the signed-in user. */
export const planApi = {
  plan: (caseId: string) => unwrap(api.GET("/api/v1/cases/{id}/plan", byId(caseId))),
  addService: (caseId: string, body: ServiceInput) =>
    unwrap(api.POST("/api/v1/cases/{id}/plan/services", { ...byId(caseId), body })),
  updateService: (id: string, version: number, body: ServicePatch) =>
    unwrap(api.PATCH("/api/v1/plan/services/{id}", { ...byId(id), body, ...ifMatch(version) })),
  addFollowUp: (caseId: string, body: FollowUpInput) =>
    unwrap(api.POST("/api/v1/cases/{id}/plan/followups", { ...byId(caseId), body })),
  updateFollowUp: (id: string, version: number, body: FollowUpPatch) =>
    unwrap(api.PATCH("/api/v1/plan/followups/{id}", { ...byId(id), body, ...ifMatch(version) })),
  team: (caseId: string) => unwrap(api.GET("/api/v1/cases/{id}/team", byId(caseId))),
  setLead: (caseId: string, caseVersion: number, leadUserId: string | null) =>
    unwrap(
      api.PATCH("/api/v1/cases/{id}", { ...byId(caseId), body: { leadUserId }, ...ifMatch(caseVersion) }),
    ),
  addMember: (caseId: string, userId: string) =>
    unwrap(api.POST("/api/v1/cases/{id}/team", { ...byId(caseId), body: { userId } })),
  removeMember: (caseId: string, userId: string) =>
    succeed(api.DELETE("/api/v1/cases/{id}/team/{userId}", { params: { path: { id: caseId, userId } } })),
  addAgency: (caseId: string, body: AgencyInput) =>
    unwrap(api.POST("/api/v1/cases/{id}/agencies", { ...byId(caseId), body })),
  removeAgency: (caseId: string, agencyId: string) =>
    succeed(
      api.DELETE("/api/v1/cases/{id}/agencies/{agencyId}", { params: { path: { id: caseId, agencyId } } }),
    ),
  assignable: () => unwrap(api.GET("/api/v1/users/assignable")),
  directory: (lang: "en" | "es") => unwrap(api.GET("/api/v1/directory", { params: { query: { lang } } })),
};
