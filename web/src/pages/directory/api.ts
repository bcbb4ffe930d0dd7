import { api, type BodyOf, type QueryOf, type ResponseOf, unwrap } from "../../apiClient.ts";
import { CRIME_TYPES, FUNCTIONS, oneOf, POPULATIONS } from "../../vocabulary.ts";

// Every shape comes from the API's contract (openapi.json, through the generated client).
export type EntryView = ResponseOf<"/api/v1/directory", "get">["entries"][number];
export type Answer = ResponseOf<"/api/v1/routing/evaluate", "post">;
export type Facts = BodyOf<"/api/v1/routing/evaluate", "post">;
type DirectoryFilters = QueryOf<"/api/v1/directory", "get">;

/** The languages the API writes answer texts in (source quotes are always the English original). */
export type AnswerLang = "en" | "es";

/** The answer language for an i18next language ("es", "es-US" → es; anything else → en). */
export const answerLang = (language: string | undefined): AnswerLang =>
  language?.toLowerCase().startsWith("es") ? "es" : "en";

/** A directory query as the form (and the address bar) holds it; empty strings are left out. */
export interface DirectoryQuery {
  q: string;
  function: string;
  population: string;
  crimeType: string;
}

/** `GET /api/v1/directory` with the given filters, entry texts in `lang`. */
export function fetchDirectory(query: DirectoryQuery, lang: AnswerLang, signal?: AbortSignal) {
  const filters: DirectoryFilters = { lang };
  const q = query.q.trim();
  const fn = oneOf(FUNCTIONS, query.function);
  const population = oneOf(POPULATIONS, query.population);
  const crimeType = oneOf(CRIME_TYPES, query.crimeType);
  if (q) filters.q = q;
  if (fn) filters.function = fn;
  if (population) filters.population = population;
  if (crimeType) filters.crimeType = crimeType;
  return unwrap(api.GET("/api/v1/directory", { params: { query: filters }, ...(signal ? { signal } : {}) }));
}

/** `POST /api/v1/routing/evaluate`, answer texts in `lang`: nothing is stored on the server. */
export function evaluate(facts: Facts, lang: AnswerLang, signal?: AbortSignal): Promise<Answer> {
  return unwrap(
    api.POST("/api/v1/routing/evaluate", {
      params: { query: { lang } },
      body: facts,
      ...(signal ? { signal } : {}),
    }),
  );
}
