import type { FastifyServerOptions } from "fastify";

/**
 * Field names that may hold a person's data or a secret. Any request-body or log field with one of
 * these names is censored wherever it appears (pino's redact paths, at several depths).
 */
export const SENSITIVE_FIELDS = [
  "password",
  "newPassword",
  "code",
  "token",
  "secret",
  "totpSecret",
  "otpauthUrl",
  "initialPassword",
  "csrfToken",
  "givenName",
  "familyName",
  "fullName",
  "name",
  "firstName",
  "lastName",
  "dateOfBirth",
  "dob",
  "phone",
  "email",
  "address",
  "street",
  "ssn",
  "nationalId",
  "documentNumber",
  "passport",
  "narrative",
  "description",
  "immigrationStatus",
  "signedBy",
];

const redactPaths = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  ...SENSITIVE_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`, `*.*.*.${f}`]),
];

/** Pino options for Fastify: JSON lines with the request id, and the redaction list above. */
export function loggerOptions(level: string): FastifyServerOptions["logger"] {
  return {
    level,
    redact: { paths: redactPaths, censor: "[redacted]" },
    // Only method and path (no query string: a search term can be a name).
    serializers: {
      req: (req: { method?: string; url?: string; id?: string }) => ({
        method: req.method,
        path: typeof req.url === "string" ? req.url.split("?")[0] : undefined,
        reqId: req.id,
      }),
    },
  };
}
