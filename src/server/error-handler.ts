import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { AppError, errorBody } from "./errors.ts";

const fastifyCodes: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, "unsupported_media_type", "Send the body as application/json."],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, "body_too_large", "The request body is too large."],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, "invalid_json", "The JSON body is empty."],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, "invalid_json", "The body is not valid JSON."],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, "invalid_request", "The Content-Length header is wrong."],
};

function describeValidation(
  error: FastifyError & { validation: { instancePath: string; message?: string }[] },
) {
  const first = error.validation[0];
  const where = error.validationContext ?? "request";
  const field = first?.instancePath ? first.instancePath.replace(/^\//, "").replaceAll("/", ".") : "";
  return field
    ? `${where}.${field}: ${first?.message ?? "is invalid"}`
    : `${where}: ${first?.message ?? "is invalid"}`;
}

/**
 * One place turns every failure into `{ error: { code, message } }`. Client mistakes name the field;
 * anything unexpected is logged (without request data) and answered with a generic 500, never a stack.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return reply.code(error.statusCode).headers(error.headers).send(errorBody(error.code, error.message));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return reply.code(400).send(errorBody("invalid_request", describeValidation(error)));
    }
    if (error.validation) {
      return reply.code(400).send(errorBody("invalid_request", error.message));
    }
    const known = error.code ? fastifyCodes[error.code] : undefined;
    if (known) return reply.code(known[0]).send(errorBody(known[1], known[2]));
    if (error.statusCode === 429) {
      return reply.code(429).send(errorBody("rate_limited", "Too many requests; try again later."));
    }
    if (isResponseSerializationError(error)) {
      request.log.error(
        { path: request.routeOptions.url, issues: error.cause.issues.map((i) => i.path.join(".")) },
        "response did not match its schema",
      );
    } else if (error.statusCode && error.statusCode < 500) {
      return reply.code(error.statusCode).send(errorBody("invalid_request", error.message));
    } else {
      request.log.error(
        { err: { type: error.name, message: error.message, stack: error.stack } },
        "unhandled error",
      );
    }
    return reply
      .code(500)
      .send(errorBody("internal_error", "Something went wrong on our side. It has been logged."));
  });
}
