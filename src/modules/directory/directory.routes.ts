import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { LangParam, negotiateLang } from "./directory.lang.ts";
import { DirectoryListView, EntryView, presentEntry, presentList } from "./directory.presenter.ts";
import { CrimeTypeSchema, FunctionSchema, PopulationSchema } from "./directory.schema.ts";
import { getDirectoryEntry, listDirectory } from "./directory.service.ts";

/** Query of `GET /api/v1/directory`: every filter optional, all must hold. */
export const DirectoryQuery = z.strictObject({
  function: FunctionSchema.optional(),
  population: PopulationSchema.optional(),
  crimeType: CrimeTypeSchema.optional(),
  q: z.string().trim().max(200).optional(),
  lang: LangParam,
});
const IdParams = z.object({ id: z.string().max(100) });
const EntryQuery = z.strictObject({ lang: LangParam });
const LANG_NOTE =
  "Function details, notes and contact labels are in the language of `lang` (or Accept-Language); source quotes stay in English.";
const SEARCH_NOTE =
  " Text search (`q`) matches the texts in that language, ignoring case and accents (`linea` finds `Línea`).";
const ErrorView = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** The federal directory: public, no sign-in (reference data about public bodies, no personal data). */
export async function directoryRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["directory"];
  r.get(
    "/api/v1/directory",
    {
      schema: {
        tags,
        summary: "List the federal directory, filtered by function, population, crime type or text",
        description: LANG_NOTE + SEARCH_NOTE,
        querystring: DirectoryQuery,
        response: { 200: DirectoryListView },
      },
    },
    async (request, reply) => {
      const { lang: asked, ...filter } = request.query;
      const lang = negotiateLang(asked, request.headers["accept-language"]);
      reply.header("content-language", lang).header("vary", "accept-language");
      return presentList(await listDirectory(app.store.db, filter, lang), lang);
    },
  );
  r.get(
    "/api/v1/directory/:id",
    {
      schema: {
        tags,
        summary: "One directory entry with the source of every fact",
        description: LANG_NOTE,
        params: IdParams,
        querystring: EntryQuery,
        response: { 200: EntryView, 404: ErrorView },
      },
    },
    async (request, reply) => {
      const lang = negotiateLang(request.query.lang, request.headers["accept-language"]);
      reply.header("content-language", lang).header("vary", "accept-language");
      const { entry, children } = await getDirectoryEntry(app.store.db, request.params.id);
      return presentEntry(entry, children, lang);
    },
  );
}
