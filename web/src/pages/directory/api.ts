import type { EntryView } from "../../../../src/modules/directory/directory.presenter.ts";
import type { Answer, Facts } from "../../../../src/modules/routing/routing.schema.ts";

// Type-only imports: the web app and the API share one definition of these shapes.
export type { Answer, EntryView, Facts };

/** The languages the API writes answer texts in (source quotes are always the English original). */
export type AnswerLang = "en" | "es";

/** The answer language for an i18next language ("es", "es-US" → es; anything else → en). */
export const answerLang = (language: string | undefined): AnswerLang =>
  language?.toLowerCase().startsWith("es") ? "es" : "en";

/** A directory query; empty strings are left out of the URL. */
export interface DirectoryQuery {
  q: string;
  function: string;
  population: string;
  crimeType: string;
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** `GET /api/v1/directory` with the given filters, entry texts in `lang`. */
export async function fetchDirectory(query: DirectoryQuery, lang: AnswerLang, signal?: AbortSignal) {
  const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v.trim() !== ""));
  params.set("lang", lang);
  const response = await fetch(`/api/v1/directory?${params}`, { signal });
  return json<{ count: number; entries: EntryView[] }>(response);
}

/** `POST /api/v1/routing/evaluate`, answer texts in `lang`: nothing is stored on the server. */
export async function evaluate(facts: Facts, lang: AnswerLang, signal?: AbortSignal): Promise<Answer> {
  const response = await fetch(`/api/v1/routing/evaluate?lang=${lang}`, {
    signal,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(facts),
  });
  return json<Answer>(response);
}
