import fastifyRateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { tooManyRequests } from "../../server/errors.ts";
import { expectedVersion, sendVersion } from "../../server/versioning.ts";
import { ErrorBody } from "../cases/cases.schema.ts";
import { callerOf } from "../policy/caller.ts";
import { receiptStatus, submitTip } from "./tips.intake.ts";
import {
  AssignBody,
  CloseBody,
  ConvertBody,
  HhsNotifiedBody,
  ListTipsQuery,
  MergeBody,
  ReceiptParams,
  ReceiptStatus,
  SubmitTipBody,
  TipCreated,
  TipParams,
  TipSummary,
  TipView,
} from "./tips.schema.ts";
import {
  assignTip,
  closeTip,
  convertTip,
  getTip,
  listTips,
  mergeTip,
  recordHhsNotified,
} from "./tips.service.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const writeErrors = { ...errors, 409: ErrorBody, 412: ErrorBody, 428: ErrorBody };
const Versioned = z.object({ version: z.number() });
const tags = ["tips"];

/**
 * Tips: one intake endpoint for the public form (anonymous, rate-limited per address), hotline staff
 * and partner tokens; the receipt status look-up; and the intake staff's triage queue.
 */
export async function tipsRoutes(app: FastifyInstance): Promise<void> {
  // Only anonymous callers are limited: signed-in staff and partner tokens are accountable by account.
  await app.register(fastifyRateLimit, {
    global: false,
    keyGenerator: (request) => request.ip,
    allowList: (request) => request.auth !== undefined,
    errorResponseBuilder: (_request, context) => tooManyRequests(undefined, Math.ceil(context.ttl / 1000)),
  });
  const rateLimit = { max: app.config.HARBOR_TIP_RATE_LIMIT, timeWindow: 60_000 };
  const r = app.withTypeProvider<ZodTypeProvider>();
  const meta = (request: FastifyRequest) => ({ clientAddress: request.ip, requestId: request.id });

  r.post(
    "/api/v1/tips",
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: "Send a tip (anonymous allowed): answers its id and a receipt to quote later",
        body: SubmitTipBody,
        response: { 201: TipCreated, ...errors, 429: ErrorBody },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await submitTip(app.store, app.config, { auth: request.auth, meta: meta(request) }, request.body),
        ),
  );
  r.get(
    "/api/v1/tips/receipts/:receipt",
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: "The status of the tip behind a receipt (nothing else)",
        params: ReceiptParams,
        response: { 200: ReceiptStatus, 400: ErrorBody, 404: ErrorBody, 429: ErrorBody },
      },
    },
    async (request) => receiptStatus(app.store, request.params.receipt),
  );
  r.get(
    "/api/v1/tips",
    {
      schema: {
        tags,
        summary: "The triage queue: your organization's tips (unmet 24-hour clocks first)",
        querystring: ListTipsQuery,
        response: { 200: z.object({ tips: z.array(TipSummary) }), ...errors },
      },
    },
    async (request) => ({ tips: await listTips(app.store, callerOf(request), request.query) }),
  );
  r.get(
    "/api/v1/tips/:id",
    {
      schema: {
        tags,
        summary: "A tip, its narrative and screening",
        params: TipParams,
        response: { 200: TipView, ...errors },
      },
    },
    async (request, reply) => {
      const tip = await getTip(app.store, callerOf(request), request.params.id);
      sendVersion(reply, tip.version);
      return tip;
    },
  );

  const action = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    run: (
      request: FastifyRequest,
      id: string,
      version: number,
      body: z.infer<B>,
    ) => Promise<{ version: number }>,
    response: z.ZodType = Versioned,
  ) =>
    r.post(
      `/api/v1/tips/:id/${path}`,
      { schema: { tags, summary, params: TipParams, body, response: { 200: response, ...writeErrors } } },
      async (request, reply) => {
        const version = expectedVersion(request);
        const result = await run(request, request.params.id, version, request.body as z.infer<B>);
        sendVersion(reply, result.version);
        return result;
      },
    );
  action("assign", "Assign the tip (or unassign with null)", AssignBody, (q, id, v, b) =>
    assignTip(app.store, callerOf(q), id, v, b.userId),
  );
  action("close", "Close the tip with a reason", CloseBody, (q, id, v, b) =>
    closeTip(app.store, callerOf(q), id, v, b.reason),
  );
  action(
    "merge",
    "Close the tip as a duplicate of another (its narrative stays attached there)",
    MergeBody,
    (q, id, v, b) => mergeTip(app.store, callerOf(q), id, v, b.into),
  );
  action(
    "convert",
    "Open a case from the tip",
    ConvertBody,
    (q, id, v, b) => convertTip(app.store, callerOf(q), id, v, b.title),
    Versioned.extend({ caseId: z.string() }),
  );
  action(
    "hhs-notified",
    "Record that HHS was notified (meets the 24-hour clock)",
    HhsNotifiedBody,
    (q, id, v, b) => recordHhsNotified(app.store, callerOf(q), id, v, b),
  );
}
