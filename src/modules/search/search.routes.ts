import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { expectedVersion, sendVersion } from "../../server/versioning.ts";
import { callerOf } from "../policy/caller.ts";
import {
  createSavedSearch,
  deleteSavedSearch,
  listSavedSearches,
  updateSavedSearch,
} from "./saved-searches.service.ts";
import {
  Created,
  ErrorBody,
  SavedSearchBody,
  SavedSearchParams,
  SavedSearchView,
  SearchCasesQuery,
  SearchCasesResult,
} from "./search.schema.ts";
import { searchCases } from "./search.service.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const versioned = { ...errors, 412: ErrorBody, 428: ErrorBody };

/** Case search over the encrypted token index, and saved searches. Thin: validate, call the service. */
export async function searchRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/v1/cases/search",
    {
      schema: {
        tags: ["search"],
        summary: "Search the cases you may see: every word of q (full text), filters, newest first",
        querystring: SearchCasesQuery,
        response: { 200: SearchCasesResult, ...errors },
      },
    },
    async (request) => searchCases(app.store, callerOf(request), request.query),
  );
  r.get(
    "/api/v1/saved-searches",
    {
      schema: {
        tags: ["search"],
        summary: "Your saved searches",
        response: { 200: z.object({ savedSearches: z.array(SavedSearchView) }), ...errors },
      },
    },
    async (request) => ({ savedSearches: await listSavedSearches(app.store, callerOf(request)) }),
  );
  r.post(
    "/api/v1/saved-searches",
    {
      schema: {
        tags: ["search"],
        summary: "Save a search (its filters as a URL query string)",
        body: SavedSearchBody,
        response: { 201: Created, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createSavedSearch(app.store, callerOf(request), request.body)),
  );
  r.put(
    "/api/v1/saved-searches/:id",
    {
      schema: {
        tags: ["search"],
        summary: "Rename or change a saved search (If-Match)",
        params: SavedSearchParams,
        body: SavedSearchBody,
        response: { 200: SavedSearchView, ...versioned },
      },
    },
    async (request, reply) => {
      const saved = await updateSavedSearch(
        app.store,
        callerOf(request),
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      sendVersion(reply, saved.version);
      return saved;
    },
  );
  r.delete(
    "/api/v1/saved-searches/:id",
    {
      schema: {
        tags: ["search"],
        summary: "Delete a saved search (If-Match)",
        params: SavedSearchParams,
        response: { 204: z.null(), ...versioned },
      },
    },
    async (request, reply) => {
      await deleteSavedSearch(app.store, callerOf(request), request.params.id, expectedVersion(request));
      return reply.code(204).send(null);
    },
  );
}
