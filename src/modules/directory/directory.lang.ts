import { z } from "zod";
import { LANGS } from "./directory.vocabulary.ts";

export { LANGS };

export const LangSchema = z.enum(LANGS);
export type Lang = z.infer<typeof LangSchema>;

/** The `lang` query parameter, as OpenAPI documents it. */
export const LangParam = LangSchema.optional().describe(
  "Language of the answer texts: en (default) or es. When absent, the Accept-Language header decides. " +
    "Source quotes are always the English original.",
);

/**
 * The language to answer in: `lang` when given, else the best supported language of an Accept-Language
 * header (highest q first, ties in header order), else English. `es-US`, `es-MX` and the like count as `es`.
 */
export function negotiateLang(lang: Lang | undefined, acceptLanguage: string | string[] | undefined): Lang {
  if (lang) return lang;
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(",") : acceptLanguage;
  if (!header) return "en";
  let best: { lang: Lang; q: number } | undefined;
  for (const part of header.split(",")) {
    const [tag = "", ...params] = part.trim().toLowerCase().split(";");
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!(q > 0)) continue; // q=0 means "not this one"; a malformed q is ignored rather than trusted
    const primary = tag.split("-")[0];
    const match = LANGS.find((l) => l === primary);
    if (match && (!best || q > best.q)) best = { lang: match, q };
  }
  return best?.lang ?? "en";
}
