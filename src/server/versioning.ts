import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError, badRequest } from "./errors.ts";

/**
 * Optimistic concurrency for every editable record (FHIR R4 style, ASVS 2.3.4): each record has an
 * integer `version`, reads answer `ETag: W/"<version>"`, and an update must send `If-Match` with the
 * version it was made from. A stale version answers 412 with the current version, and changes nothing;
 * exactly one of several concurrent updates from the same version wins.
 */

/** The ETag of a record version. */
export const etagOf = (version: number) => `W/"${version}"`;

/** Sets the record's ETag on a response. */
export function sendVersion(reply: FastifyReply, version: number): void {
  reply.header("etag", etagOf(version));
}

const IF_MATCH = /^\s*(?:W\/)?"(\d{1,10})"\s*$/;

/** The version an update was made from, from `If-Match`; a 428 when missing, a 400 when malformed. */
export function expectedVersion(request: FastifyRequest): number {
  const header = request.headers["if-match"];
  if (header === undefined)
    throw new AppError(
      428,
      "precondition_required",
      'Send If-Match with the version you edited (the ETag of your last read, e.g. W/"3").',
    );
  const match = IF_MATCH.exec(Array.isArray(header) ? (header[0] ?? "") : header);
  if (!match) throw badRequest('headers.if-match: must be an ETag such as W/"3"', "invalid_if_match");
  return Number(match[1]);
}

/** 412: the record changed since the caller read it; the body names the current version. */
export function staleVersion(current: number): AppError {
  return new AppError(
    412,
    "version_conflict",
    `This record changed since you read it: it is at version ${current}. Read it again and reapply your change.`,
    { etag: etagOf(current) },
  );
}
