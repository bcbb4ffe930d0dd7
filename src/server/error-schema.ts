import { z } from "zod";

/** The one error shape, for route schemas: `{ error: { code, message } }` (see errors.ts). */
export const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** Response schemas for the given error statuses, so the OpenAPI contract (and its client) knows them. */
export function errorResponses<S extends number>(...statuses: S[]): Record<S, typeof ErrorBody> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorBody])) as Record<S, typeof ErrorBody>;
}
