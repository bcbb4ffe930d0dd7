import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { expectedVersion, sendVersion } from "../../server/versioning.ts";
import { CaseParams, Created, ErrorBody } from "../cases/cases.schema.ts";
import { callerOf } from "../policy/caller.ts";
import {
  AddPersonBody,
  FindPersonsQuery,
  PersonParams,
  PersonView,
  UpdatePersonBody,
} from "./persons.schema.ts";
import { addPerson, findPersons, getPerson, updatePerson } from "./persons.service.ts";

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
    async (request, reply) => {
      const person = await getPerson(app.store, callerOf(request), request.params.id);
      sendVersion(reply, person.version);
      return person;
    },
  );
  r.patch(
    "/api/v1/persons/:id",
    {
      schema: {
        tags: ["persons"],
        summary: "Edit a person (send If-Match with the version you read)",
        params: PersonParams,
        body: UpdatePersonBody,
        response: { 200: PersonView, ...errors, 412: ErrorBody, 428: ErrorBody },
      },
    },
    async (request, reply) => {
      const v = expectedVersion(request);
      const person = await updatePerson(app.store, callerOf(request), request.params.id, v, request.body);
      sendVersion(reply, person.version);
      return person;
    },
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
