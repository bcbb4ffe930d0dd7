import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError, badRequest } from "../../server/errors.ts";
import { canonicalJson } from "../audit/audit.chain.ts";
import { clock } from "../auth/clock.ts";
import { idempotencyRepository } from "./idempotency.repository.ts";

/** Keys are kept this long; a retry after that runs as a new request. */
const KEEP_MS = 24 * 3_600_000;
/** A retry that arrives while the first request still runs waits up to this long for its answer. */
const WAIT_MS = 10_000;
const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** The scope of keys sent by anonymous callers (the public tip form). */
export const PUBLIC_SCOPE = "_public";
const KEY = /^[\x21-\x7e]{8,255}$/;

declare module "fastify" {
  interface FastifyRequest {
    /** The idempotency key this request holds until its response is stored. */
    idempotency?: { orgId: string; key: string };
  }
}

/**
 * The body as hashed: bytes (a multipart upload's file, read before this hook) stand for their SHA-256,
 * so a retry with other bytes under the same key is refused without serialising a file as JSON. A JSON
 * body holds no bytes and hashes exactly as before.
 */
function hashable(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return { sha256: createHash("sha256").update(value).digest("hex") };
  if (Array.isArray(value)) return value.map(hashable);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hashable(v)]));
  return value;
}

function requestHash(request: FastifyRequest): string {
  return createHash("sha256")
    .update(
      canonicalJson({
        method: request.method,
        url: request.url,
        caller: request.auth?.userId ?? null,
        body: hashable(request.body ?? null),
      }),
    )
    .digest("hex");
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function replay(
  reply: FastifyReply,
  stored: { status_code: number | null; response_body: string | null; response_type: string | null },
) {
  reply.code(stored.status_code ?? 200).header("idempotent-replayed", "true");
  if (stored.response_type) reply.header("content-type", stored.response_type);
  return reply.send(stored.response_body ?? "");
}

/**
 * `Idempotency-Key` on every write of the API (security.md §7). The first request with a key claims
 * it; its response (2xx or 4xx) is stored and replayed, byte for byte, to every retry with the same
 * key, method, path, caller and body, so a retry creates nothing new. A retry that arrives while the
 * first still runs waits for its answer. The same key with another request answers 422. A 5xx frees
 * the key: the failed request changed nothing (each write is one transaction), so a retry runs anew.
 * Keys are scoped to the caller's organization (anonymous callers share `_public`; their keys must
 * be unguessable, such as UUIDs) and kept 24 hours. Registered at the root, after authentication.
 */
export async function idempotencyHook(app: FastifyInstance): Promise<void> {
  const db = app.store.db;

  app.addHook("preHandler", async (request, reply) => {
    const given = request.headers["idempotency-key"];
    if (given === undefined || !WRITES.has(request.method) || !request.url.startsWith("/api/")) return;
    if (typeof given !== "string" || !KEY.test(given))
      throw badRequest(
        "headers.idempotency-key: must be 8–255 visible ASCII characters (a UUID is best)",
        "invalid_idempotency_key",
      );
    const k = { orgId: request.auth?.orgId ?? PUBLIC_SCOPE, key: given };
    const hash = requestHash(request);
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      if (await idempotencyRepository.claim(db, k, hash, clock.now())) {
        request.idempotency = k;
        return;
      }
      const stored = await idempotencyRepository.get(db, k);
      if (!stored) continue; // released by a failed first attempt: claim it again
      if (stored.request_hash !== hash)
        throw new AppError(
          422,
          "idempotency_key_reused",
          "This Idempotency-Key was used for a different request; use a new key for a new request.",
        );
      if (stored.state === "completed") return replay(reply, stored);
      if (Date.now() >= deadline)
        throw new AppError(
          409,
          "idempotency_key_in_progress",
          "A request with this Idempotency-Key is still being processed; retry later with the same key.",
          { "retry-after": "5" },
        );
      await pause(25);
    }
  });

  app.addHook("onSend", async (request, reply, payload) => {
    const held = request.idempotency;
    if (!held) return payload;
    request.idempotency = undefined;
    const body =
      typeof payload === "string" ? payload : Buffer.isBuffer(payload) ? payload.toString("utf8") : undefined;
    if (reply.statusCode >= 500 || body === undefined) {
      await idempotencyRepository.release(db, held);
    } else {
      const type = reply.getHeader("content-type");
      await idempotencyRepository.complete(
        db,
        held,
        { statusCode: reply.statusCode, body, contentType: typeof type === "string" ? type : null },
        clock.now(),
      );
    }
    return payload;
  });

  const pruner = setInterval(
    () => void idempotencyRepository.prune(db, new Date(clock.now().getTime() - KEEP_MS)).catch(() => {}),
    10 * 60_000,
  );
  pruner.unref();
  app.addHook("onClose", async () => clearInterval(pruner));
}
Object.assign(idempotencyHook, { [Symbol.for("skip-override")]: true });
