import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { LangParam, negotiateLang } from "../directory/directory.lang.ts";
import { AnswerSchema, FactsSchema } from "./routing.schema.ts";
import { evaluateFacts } from "./routing.service.ts";

const EvaluateQuery = z.strictObject({ lang: LangParam });

/** Routing: public, no sign-in, nothing stored (the facts are evaluated in memory and forgotten). */
export async function routingRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    "/api/v1/routing/evaluate",
    {
      schema: {
        tags: ["routing"],
        summary:
          "Who must be told, who investigates and prosecutes, which services and relief apply, and why",
        description:
          "Every fact is optional; unknown is never treated as no. Nothing is stored. Questions list the unknown facts that would change the answer, most decisive first. Reasons, near misses, deadlines and questions are in the language of `lang` (or Accept-Language; English by default); source quotes stay in English.",
        querystring: EvaluateQuery,
        body: FactsSchema,
        response: { 200: AnswerSchema },
      },
    },
    async (request, reply) => {
      const lang = negotiateLang(request.query.lang, request.headers["accept-language"]);
      reply.header("content-language", lang).header("vary", "accept-language");
      return evaluateFacts(request.body, lang);
    },
  );
}
