import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { CaseParams, Created, ErrorBody } from "../cases/cases.schema.ts";
import { callerOf } from "../policy/caller.ts";
import { AddPersonBody, FindPersonsQuery, PersonParams, PersonView } from "./persons.schema.ts";
import { addPerson, findPersons, getPerson } from "./persons.service.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** Persons in cases: add, read, exact-match search by phone or email (blind index). */
export async function personsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    "/api/v1/cases/:id/persons",
    {
      schema: {
        tags: ["persons"],
        summary: "Add a person to a case",
        params: CaseParams,
        body: AddPersonBody,
        response: { 201: Created, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addPerson(app.store, callerOf(request), request.params.id, request.body)),
  );
  r.get(
    "/api/v1/persons/:id",
    {
      schema: {
        tags: ["persons"],
        summary: "A person, with the fields you may see",
        params: PersonParams,
        response: { 200: PersonView, ...errors },
      },
    },
    async (request) => getPerson(app.store, callerOf(request), request.params.id),
  );
  r.get(
    "/api/v1/persons",
    {
      schema: {
        tags: ["persons"],
        summary: "Find persons by exact phone or email",
        querystring: FindPersonsQuery,
        response: { 200: z.object({ persons: z.array(PersonView) }), ...errors },
      },
    },
    async (request) => ({ persons: await findPersons(app.store, callerOf(request), request.query) }),
  );
}
