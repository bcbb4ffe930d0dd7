import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { paths } from "./schema.gen.ts";

/**
 * Harbor's typed API client, generated from the committed openapi.json (`npm run openapi`), for
 * the web app and for any program that talks to a running Harbor (the CLI, integrations). It
 * depends on nothing in src/: the contract is the OpenAPI document, not the server's code.
 */
export type HarborPaths = paths;
export type HarborClient = Client<paths>;

type Method = "get" | "post" | "put" | "patch" | "delete";
type JsonOf<R> = R extends { content: { "application/json": infer J } } ? J : never;
type Operation<P extends keyof paths, M extends Method> = paths[P][M] extends infer O
  ? O extends { responses: unknown }
    ? O
    : never
  : never;

/** The JSON answer of an operation for a status (200 unless given). */
export type ResponseOf<
  P extends keyof paths,
  M extends Method,
  S extends keyof Operation<P, M>["responses"] = 200 & keyof Operation<P, M>["responses"],
> = JsonOf<Operation<P, M>["responses"][S]>;

/** The JSON body an operation takes. */
export type BodyOf<P extends keyof paths, M extends Method> =
  Operation<P, M> extends {
    requestBody?: infer B;
  }
    ? JsonOf<NonNullable<B>>
    : never;

/** The query parameters an operation takes. */
export type QueryOf<P extends keyof paths, M extends Method> =
  Operation<P, M> extends {
    parameters: { query?: infer Q };
  }
    ? NonNullable<Q>
    : never;

/** A refusal from the API, with its stable code (`invalid_credentials`, `not_found`, …) and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface HarborClientOptions {
  /** Where Harbor runs, e.g. `http://127.0.0.1:8080`; omitted in the browser (same origin). */
  baseUrl?: string;
  /** An API token (`hbr_…`), sent as `Authorization: Bearer`: for programs, never the browser. */
  token?: string;
  /** The session's CSRF token for cookie-authenticated writes (the browser). */
  csrfToken?: () => Promise<string | undefined>;
  fetch?: typeof fetch;
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/** A client for one Harbor: bearer token or browser session (with its CSRF token on writes). */
export function createHarborClient(options: HarborClientOptions = {}): HarborClient {
  const client = createClient<paths>({
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    credentials: "same-origin",
  });
  const auth: Middleware = {
    async onRequest({ request }) {
      if (options.token) request.headers.set("authorization", `Bearer ${options.token}`);
      if (!SAFE.has(request.method) && options.csrfToken) {
        const csrf = await options.csrfToken();
        if (csrf) request.headers.set("x-csrf-token", csrf);
      }
      return request;
    },
  };
  client.use(auth);
  return client;
}

type Result<D, E> =
  | { data: D; error?: never; response: Response }
  | { data?: never; error: E; response: Response };

/**
 * The answer of a call, or an ApiError carrying the server's `{ error: { code, message } }`.
 * `await unwrap(client.GET("/api/v1/auth/me"))` is typed by the contract, with no cast.
 */
export async function unwrap<D, E>(pending: Promise<Result<D, E>>): Promise<Exclude<D, undefined>> {
  const result = await pending;
  const data = result.data;
  // A generic `D` is not narrowed by `!== undefined`; openapi-fetch leaves data undefined only on errors and 204.
  if (data !== undefined && result.response.ok) return data as Exclude<D, undefined>;
  throw toApiError(result.response, result.error);
}

/** For an operation that answers 204 (no content): resolves, or throws the ApiError. */
export async function succeed(pending: Promise<{ response: Response; error?: unknown }>): Promise<void> {
  const result = await pending;
  if (!result.response.ok) throw toApiError(result.response, result.error);
}

function toApiError(response: Response, error: unknown): ApiError {
  const body = typeof error === "object" && error !== null && "error" in error ? error.error : undefined;
  const fields = typeof body === "object" && body !== null ? body : {};
  const code = "code" in fields && typeof fields.code === "string" ? fields.code : "error";
  const message =
    "message" in fields && typeof fields.message === "string" ? fields.message : `HTTP ${response.status}`;
  return new ApiError(response.status, code, message);
}
