import { api, type BodyOf, type ResponseOf, unwrap } from "../../apiClient.ts";

// Working a case: edit, close/reopen, persons' attributes, notes, tasks, timeline, routing.
export type CaseRecord = ResponseOf<"/api/v1/cases/{id}", "patch">;
export type CaseEdit = BodyOf<"/api/v1/cases/{id}", "patch">;
export type CaseFacts = NonNullable<CaseEdit["facts"]>;
export type CloseReason = BodyOf<"/api/v1/cases/{id}/close", "post">["reason"];
export type PersonEdit = BodyOf<"/api/v1/persons/{id}", "patch">;
export type NoteView = ResponseOf<"/api/v1/cases/{id}/notes", "get">["notes"][number];
export type TaskView = ResponseOf<"/api/v1/cases/{id}/tasks", "get">["tasks"][number];
export type NewTask = BodyOf<"/api/v1/cases/{id}/tasks", "post">;
export type TimelineEntry = ResponseOf<"/api/v1/cases/{id}/timeline", "get">["entries"][number];
export type RouteRun = ResponseOf<"/api/v1/cases/{id}/route", "post">;

const byId = (id: string) => ({ params: { path: { id } } });
/** Every edit names the version it was made from; a stale one answers 412 and changes nothing. */
const at = (id: string, version: number) => ({ ...byId(id), headers: { "if-match": `W/"${version}"` } });

export const caseworkApi = {
  updateCase: (id: string, version: number, body: CaseEdit) =>
    unwrap(api.PATCH("/api/v1/cases/{id}", { ...at(id, version), body })),
  closeCase: (id: string, version: number, reason: CloseReason) =>
    unwrap(api.POST("/api/v1/cases/{id}/close", { ...at(id, version), body: { reason } })),
  reopenCase: (id: string, version: number) => unwrap(api.POST("/api/v1/cases/{id}/reopen", at(id, version))),
  updatePerson: (id: string, version: number, body: PersonEdit) =>
    unwrap(api.PATCH("/api/v1/persons/{id}", { ...at(id, version), body })),
  notes: (caseId: string) => unwrap(api.GET("/api/v1/cases/{id}/notes", byId(caseId))),
  addNote: (caseId: string, body: string) =>
    unwrap(api.POST("/api/v1/cases/{id}/notes", { ...byId(caseId), body: { body } })),
  editNote: (id: string, version: number, body: string) =>
    unwrap(api.PATCH("/api/v1/notes/{id}", { ...at(id, version), body: { body } })),
  tasks: (caseId: string) => unwrap(api.GET("/api/v1/cases/{id}/tasks", byId(caseId))),
  addTask: (caseId: string, body: NewTask) =>
    unwrap(api.POST("/api/v1/cases/{id}/tasks", { ...byId(caseId), body })),
  completeTask: (id: string, version: number) =>
    unwrap(api.PATCH("/api/v1/tasks/{id}", { ...at(id, version), body: { status: "done" } })),
  timeline: (caseId: string) =>
    unwrap(
      api.GET("/api/v1/cases/{id}/timeline", { params: { path: { id: caseId }, query: { limit: 50 } } }),
    ),
  route: (caseId: string, facts: CaseFacts) =>
    unwrap(api.POST("/api/v1/cases/{id}/route", { ...byId(caseId), body: { facts } })),
};
