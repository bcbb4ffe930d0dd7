import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
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

/** Errors the router raises before any hook or handler runs (so before the security headers are set). */
const routerErrors: Record<string, [number, string, string]> = {
  FST_ERR_MAX_PARAM_LENGTH: [414, "uri_too_long", "A path segment is longer than 100 characters."],
  FST_ERR_BAD_URL: [400, "invalid_request", "The URL is not valid: a path segment is badly percent-encoded."],
};

/** Fastify's `frameworkErrors`: the router's errors in the house shape, with the security headers. */
export function frameworkErrorHandler(headers: Record<string, string>) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const [status, code, message] = routerErrors[error.code] ?? [
      500,
      "internal_error",
      "Something went wrong on our side. It has been logged.",
    ];
    if (status === 500) request.log.error({ err: { type: error.name, code: error.code } }, "router error");
    return reply
      .code(status)
      .headers({ ...headers, "x-request-id": request.id })
      .send(errorBody(code, message));
  };
}

/**
 * Fastify's `clientErrorHandler`: requests Node's HTTP parser rejects (malformed, headers too large,
 * too slow) get the house shape and the security headers too, then the connection closes.
 */
export function clientErrorHandler(headers: Record<string, string>) {
  return (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === "ECONNRESET" || socket.destroyed) return;
    const [status, code, message] =
      error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, "request_timeout", "The request took too long to arrive."]
        : error.code === "HPE_HEADER_OVERFLOW"
          ? [431, "headers_too_large", "The request headers are too large."]
          : [400, "invalid_request", "The request is not valid HTTP."];
    const body = JSON.stringify(errorBody(code, message));
    const lines = Object.entries({
      ...headers,
      "content-type": "application/json; charset=utf-8",
      "content-length": String(Buffer.byteLength(body)),
      connection: "close",
    }).map(([k, v]) => `${k}: ${v}`);
    if (socket.writable)
      socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${lines.join("\r\n")}\r\n\r\n${body}`);
    socket.destroy(error);
  };
}
