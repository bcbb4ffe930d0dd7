import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { expectedVersion, sendVersion } from "../../server/versioning.ts";
import { CaseParams, ErrorBody } from "../cases/cases.schema.ts";
import { callerOf } from "../policy/caller.ts";
import { adjudications, arrests, charges, sentences } from "./case-facts.court.ts";
import type { FactKind } from "./case-facts.kind.ts";
import { events, identifiers } from "./case-facts.kinds.ts";
import {
  AdjudicationBodies,
  AdjudicationView,
  ArrestBodies,
  ArrestView,
  ChargeBodies,
  ChargeView,
  EventBodies,
  EventView,
  FactParams,
  IdentifierBodies,
  IdentifierView,
  ListQuery,
  SentenceBodies,
  SentenceView,
  VoidBody,
} from "./case-facts.schema.ts";
import { createFact, listFacts, updateFact, voidFact } from "./case-facts.service.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const changeErrors = { 409: ErrorBody, 412: ErrorBody, 428: ErrorBody, ...errors };

interface Resource {
  // biome-ignore lint/suspicious/noExplicitAny: each entry pairs a kind with its own schemas (checked below)
  kind: FactKind<any, any>;
  bodies: { create: z.ZodType; update: z.ZodType };
  view: z.ZodType;
  what: string;
}

const RESOURCES: Resource[] = [
  {
    kind: events,
    bodies: EventBodies,
    view: EventView,
    what: "an event (recruitment, transit, exploitation)",
  },
  {
    kind: identifiers,
    bodies: IdentifierBodies,
    view: IdentifierView,
    what: "an identifier (phone, e-mail…)",
  },
  { kind: charges, bodies: ChargeBodies, view: ChargeView, what: "a charge against a suspect" },
  { kind: arrests, bodies: ArrestBodies, view: ArrestView, what: "an arrest of a suspect" },
  {
    kind: adjudications,
    bodies: AdjudicationBodies,
    view: AdjudicationView,
    what: "the adjudication of a charge",
  },
  { kind: sentences, bodies: SentenceBodies, view: SentenceView, what: "the sentence after a conviction" },
];

/**
 * A case's facts, one set of routes per kind: add and list under the case, edit (If-Match) and void
 * (with a reason code, If-Match) by id. Thin: the service applies the policy, seals and audits.
 */
export async function caseFactsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const { kind, bodies, view, what } of RESOURCES) {
    const tags = ["case facts"];
    r.post(
      `/api/v1/cases/:id/${kind.plural}`,
      {
        schema: {
          tags,
          summary: `Record ${what} on a case`,
          params: CaseParams,
          body: bodies.create,
          response: { 201: view, ...errors },
        },
      },
      async (request, reply) => {
        const fact = await createFact(app.store, callerOf(request), kind, request.params.id, request.body);
        sendVersion(reply, fact.version);
        return reply.code(201).send(fact);
      },
    );
    r.get(
      `/api/v1/cases/:id/${kind.plural}`,
      {
        schema: {
          tags,
          summary: `The ${kind.plural} of a case, oldest first (voided ones with includeVoided=true)`,
          params: CaseParams,
          querystring: ListQuery,
          response: { 200: z.object({ [kind.plural]: z.array(view) }), ...errors },
        },
      },
      async (request) => ({
        [kind.plural]: await listFacts(
          app.store,
          callerOf(request),
          kind,
          request.params.id,
          request.query.includeVoided === "true",
        ),
      }),
    );
    r.patch(
      `/api/v1/${kind.plural}/:id`,
      {
        schema: {
          tags,
          summary: `Edit ${what} (send If-Match with the version you edited)`,
          params: FactParams,
          body: bodies.update,
          response: { 200: view, ...changeErrors },
        },
      },
      async (request, reply) => {
        const fact = await updateFact(
          app.store,
          callerOf(request),
          kind,
          request.params.id,
          expectedVersion(request),
          request.body as object,
        );
        sendVersion(reply, fact.version);
        return fact;
      },
    );
    r.post(
      `/api/v1/${kind.plural}/:id/void`,
      {
        schema: {
          tags,
          summary: `Void ${what} with a reason (kept for the record; If-Match)`,
          params: FactParams,
          body: VoidBody,
          response: { 200: view, ...changeErrors },
        },
      },
      async (request, reply) => {
        const fact = await voidFact(
          app.store,
          callerOf(request),
          kind,
          request.params.id,
          expectedVersion(request),
          request.body.reason,
        );
        sendVersion(reply, fact.version);
        return fact;
      },
    );
  }
}
