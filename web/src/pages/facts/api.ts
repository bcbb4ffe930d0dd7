import { api, type BodyOf, type ResponseOf, unwrap } from "../../apiClient.ts";

// Every shape comes from the API's contract (openapi.json, through the generated client).
export type EventView = ResponseOf<"/api/v1/cases/{id}/events", "get">["events"][number];
export type IdentifierView = ResponseOf<"/api/v1/cases/{id}/identifiers", "get">["identifiers"][number];
export type ChargeView = ResponseOf<"/api/v1/cases/{id}/charges", "get">["charges"][number];
export type ArrestView = ResponseOf<"/api/v1/cases/{id}/arrests", "get">["arrests"][number];
export type AdjudicationView = ResponseOf<"/api/v1/cases/{id}/adjudications", "get">["adjudications"][number];
export type SentenceView = ResponseOf<"/api/v1/cases/{id}/sentences", "get">["sentences"][number];
export type EventInput = BodyOf<"/api/v1/cases/{id}/events", "post">;
export type IdentifierInput = BodyOf<"/api/v1/cases/{id}/identifiers", "post">;
export type ChargeInput = BodyOf<"/api/v1/cases/{id}/charges", "post">;
export type ArrestInput = BodyOf<"/api/v1/cases/{id}/arrests", "post">;
export type AdjudicationInput = BodyOf<"/api/v1/cases/{id}/adjudications", "post">;
export type SentenceInput = BodyOf<"/api/v1/cases/{id}/sentences", "post">;
export type VoidReason = BodyOf<"/api/v1/events/{id}/void", "post">["reason"];

/** What every fact has: its id and version (If-Match), and whether and why it was voided. */
export interface FactCommon {
  id: string;
  version: number;
  voidedAt: string | null;
  voidReason: VoidReason | null;
}

/** One kind's calls: its list (voided ones included; the page filters), add, edit and void. */
export interface KindApi<V extends FactCommon, I> {
  list(caseId: string): Promise<V[]>;
  add(caseId: string, body: I): Promise<V>;
  update(id: string, version: number, body: Partial<I>): Promise<V>;
  void(id: string, version: number, reason: VoidReason): Promise<V>;
}

const onCase = (id: string) => ({ params: { path: { id }, query: { includeVoided: "true" as const } } });
const byId = (id: string) => ({ params: { path: { id } } });
/** Every change names the version it was made from; a stale one answers 412 and changes nothing. */
const at = (id: string, version: number) => ({ ...byId(id), headers: { "if-match": `W/"${version}"` } });

const events: KindApi<EventView, EventInput> = {
  list: async (c) => (await unwrap(api.GET("/api/v1/cases/{id}/events", onCase(c)))).events,
  add: (c, body) => unwrap(api.POST("/api/v1/cases/{id}/events", { ...byId(c), body })),
  update: (id, v, body) => unwrap(api.PATCH("/api/v1/events/{id}", { ...at(id, v), body })),
  void: (id, v, reason) => unwrap(api.POST("/api/v1/events/{id}/void", { ...at(id, v), body: { reason } })),
};
const identifiers: KindApi<IdentifierView, IdentifierInput> = {
  list: async (c) => (await unwrap(api.GET("/api/v1/cases/{id}/identifiers", onCase(c)))).identifiers,
  add: (c, body) => unwrap(api.POST("/api/v1/cases/{id}/identifiers", { ...byId(c), body })),
  update: (id, v, body) => unwrap(api.PATCH("/api/v1/identifiers/{id}", { ...at(id, v), body })),
  void: (id, v, reason) =>
    unwrap(api.POST("/api/v1/identifiers/{id}/void", { ...at(id, v), body: { reason } })),
};
const charges: KindApi<ChargeView, ChargeInput> = {
  list: async (c) => (await unwrap(api.GET("/api/v1/cases/{id}/charges", onCase(c)))).charges,
  add: (c, body) => unwrap(api.POST("/api/v1/cases/{id}/charges", { ...byId(c), body })),
  update: (id, v, body) => unwrap(api.PATCH("/api/v1/charges/{id}", { ...at(id, v), body })),
  void: (id, v, reason) => unwrap(api.POST("/api/v1/charges/{id}/void", { ...at(id, v), body: { reason } })),
};
const arrests: KindApi<ArrestView, ArrestInput> = {
  list: async (c) => (await unwrap(api.GET("/api/v1/cases/{id}/arrests", onCase(c)))).arrests,
  add: (c, body) => unwrap(api.POST("/api/v1/cases/{id}/arrests", { ...byId(c), body })),
  update: (id, v, body) => unwrap(api.PATCH("/api/v1/arrests/{id}", { ...at(id, v), body })),
  void: (id, v, reason) => unwrap(api.POST("/api/v1/arrests/{id}/void", { ...at(id, v), body: { reason } })),
};
const adjudications: KindApi<AdjudicationView, AdjudicationInput> = {
  list: async (c) => (await unwrap(api.GET("/api/v1/cases/{id}/adjudications", onCase(c)))).adjudications,
  add: (c, body) => unwrap(api.POST("/api/v1/cases/{id}/adjudications", { ...byId(c), body })),
  update: (id, v, body) => unwrap(api.PATCH("/api/v1/adjudications/{id}", { ...at(id, v), body })),
  void: (id, v, reason) =>
    unwrap(api.POST("/api/v1/adjudications/{id}/void", { ...at(id, v), body: { reason } })),
};
const sentences: KindApi<SentenceView, SentenceInput> = {
  list: async (c) => (await unwrap(api.GET("/api/v1/cases/{id}/sentences", onCase(c)))).sentences,
  add: (c, body) => unwrap(api.POST("/api/v1/cases/{id}/sentences", { ...byId(c), body })),
  update: (id, v, body) => unwrap(api.PATCH("/api/v1/sentences/{id}", { ...at(id, v), body })),
  void: (id, v, reason) =>
    unwrap(api.POST("/api/v1/sentences/{id}/void", { ...at(id, v), body: { reason } })),
};

/** The case facts API, one entry per kind, as the signed-in user. */
export const factsApi = { events, identifiers, charges, arrests, adjudications, sentences };
export type FactKindName = keyof typeof factsApi;

export { ApiError } from "../../apiClient.ts";
