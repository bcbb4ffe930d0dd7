/**
 * Harbor's errors. Every failure a client sees is JSON `{ error: { code, message } }` with a stable
 * `code`. Messages never echo personal data, and a record the caller may not see is `not_found`,
 * exactly like one that does not exist.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string, code = "invalid_request") => new AppError(400, code, message);
export const unauthorized = (message = "Sign-in required.", code = "unauthorized") =>
  new AppError(401, code, message);
export const forbidden = (message = "You may not do this.", code = "forbidden") =>
  new AppError(403, code, message);
export const notFound = (message = "Not found.") => new AppError(404, "not_found", message);
export const conflict = (message: string, code = "conflict") => new AppError(409, code, message);
export const locked = (message: string, code = "account_locked") => new AppError(423, code, message);
export const tooManyRequests = (message = "Too many requests; try again later.", retryAfterSeconds = 60) =>
  new AppError(429, "rate_limited", message, { "retry-after": String(retryAfterSeconds) });
export const unavailable = (message: string, code = "unavailable") => new AppError(503, code, message);

/** The JSON body of an error response. */
export const errorBody = (code: string, message: string) => ({ error: { code, message } });
