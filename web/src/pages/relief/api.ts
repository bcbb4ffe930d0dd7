import { api, type BodyOf, type ResponseOf, unwrap } from "../../apiClient.ts";

export type EligibilityView = ResponseOf<"/api/v1/persons/{id}/eligibility", "get">;
export type ApplicationView = ResponseOf<"/api/v1/persons/{id}/relief", "get">["applications"][number];
export type ApplicationInput = BodyOf<"/api/v1/persons/{id}/relief", "post">;
export type ApplicationPatch = BodyOf<"/api/v1/relief/{id}", "patch">;
export type DeadlineView = ResponseOf<"/api/v1/relief/deadlines", "get">["deadlines"][number];

const byId = (id: string) => ({ params: { path: { id } } });

/** Relief API: eligibility view, applications and letters, the organization's deadlines. */
export const reliefApi = {
  eligibility: (personId: string) => unwrap(api.GET("/api/v1/persons/{id}/eligibility", byId(personId))),
  list: (personId: string) => unwrap(api.GET("/api/v1/persons/{id}/relief", byId(personId))),
  create: (personId: string, body: ApplicationInput) =>
    unwrap(api.POST("/api/v1/persons/{id}/relief", { ...byId(personId), body })),
  update: (id: string, version: number, body: ApplicationPatch) =>
    unwrap(
      api.PATCH("/api/v1/relief/{id}", { ...byId(id), body, headers: { "if-match": `W/"${version}"` } }),
    ),
  deadlines: () => unwrap(api.GET("/api/v1/relief/deadlines")),
};
