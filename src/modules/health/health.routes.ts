import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { sql } from "kysely";
import { z } from "zod";
import { migrationStatus } from "../../store/migrator.ts";
import { version } from "../../version.ts";

const Health = z.object({ status: z.literal("ok"), version: z.string() });
const Ready = z.object({
  status: z.enum(["ready", "not_ready"]),
  store: z.string(),
  reason: z.string().optional(),
  pendingMigrations: z.array(z.string()).optional(),
});

/** Liveness and readiness probes, for operators and load balancers. */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/healthz",
    { schema: { tags: ["operations"], summary: "Process is up", response: { 200: Health } } },
    async () => ({ status: "ok" as const, version }),
  );
  r.get(
    "/readyz",
    {
      schema: {
        tags: ["operations"],
        summary: "Database answers and every migration is applied",
        response: { 200: Ready, 503: Ready },
      },
    },
    async (_request, reply) => {
      const store = app.store.kind;
      try {
        await sql`select 1`.execute(app.store.db);
        const pending = (await migrationStatus(app.store.db)).filter((m) => !m.executedAt).map((m) => m.name);
        if (pending.length) {
          return reply
            .code(503)
            .send({ status: "not_ready", store, reason: "migrations pending", pendingMigrations: pending });
        }
        return { status: "ready" as const, store };
      } catch {
        return reply.code(503).send({ status: "not_ready", store, reason: "database does not answer" });
      }
    },
  );
}
