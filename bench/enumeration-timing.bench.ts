/**
 * Timing of the answers an attacker could compare to learn what exists (run with `npm run bench:timing`):
 * - sign-in: an unknown email against a known one with a wrong password (both run one argon2id
 *   verification, so both should take about as long);
 * - a case out of the caller's scope against one that does not exist (both run one policy-filtered
 *   query and one denial audit), on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 * Interleaved samples, medians, and their ratio (1.00 means indistinguishable). Bounded: 40 sign-ins
 * and 400 case reads per store. The tests check the same paths without a clock (test/auth-login.test.ts,
 * test/records-api.test.ts); a ratio is a measurement, so it lives here.
 */
import { loadavg } from "node:os";
import type { FastifyInstance, InjectOptions } from "fastify";
import { startTestApp } from "../test/support/app.ts";
import { createOrgWithUser } from "../test/support/auth.ts";
import { recordsEnv } from "../test/support/records.ts";
import { storeBackends } from "../test/support/stores.ts";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Median milliseconds of each request kind, sampled alternately `rounds` times. */
async function interleaved(
  app: FastifyInstance,
  rounds: number,
  kinds: Record<string, (i: number) => InjectOptions>,
): Promise<Record<string, number>> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
  for (let i = 0; i < rounds; i++) {
    for (const [kind, request] of Object.entries(kinds)) {
      const start = process.hrtime.bigint();
      await app.inject(request(i));
      times[kind]!.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, median(xs)]));
}

const show = (what: string, m: Record<string, number>, a: string, b: string) =>
  console.log(
    `${what}: ${a} ${m[a]!.toFixed(2)} ms, ${b} ${m[b]!.toFixed(2)} ms (medians), ratio ${(m[a]! / m[b]!).toFixed(2)}`,
  );

console.log(
  `enumeration timing: Node ${process.version}, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
for (const backend of storeBackends()) {
  const harbor = await startTestApp(backend, { ...recordsEnv(), HARBOR_LOGIN_RATE_LIMIT: "1000" });
  try {
    const known = await createOrgWithUser(harbor.store, {
      orgId: "bench-pd",
      orgType: "law_enforcement",
      roles: ["investigator"],
    });
    const shelter = await createOrgWithUser(harbor.store, {
      orgId: "bench-shelter",
      orgType: "service_provider",
      roles: ["advocate"],
    });
    const login = (email: string) => (i: number) => ({
      method: "POST" as const,
      url: "/api/v1/auth/login",
      payload: { email, password: `not the password ${i}` },
    });
    const signIns = { "wrong password": login(known.email), "unknown email": login("nobody@nowhere.test") };
    await interleaved(harbor.app, 2, signIns); // warm-up: the dummy hash is computed on first use
    show(
      `[${backend.name}] sign-in`,
      await interleaved(harbor.app, 20, signIns),
      "wrong password",
      "unknown email",
    );
    const created = await harbor.app.inject({
      method: "POST",
      url: "/api/v1/cases",
      headers: shelter.headers,
      payload: { title: "Out of scope for the police" },
    });
    const read = (id: string) => () => ({ url: `/api/v1/cases/${id}`, headers: known.headers });
    const cases = {
      "out of scope": read(created.json().id),
      missing: read("00000000-0000-4000-8000-000000000001"),
    };
    await interleaved(harbor.app, 20, cases);
    show(`[${backend.name}] case 404`, await interleaved(harbor.app, 200, cases), "out of scope", "missing");
  } finally {
    await harbor.close();
  }
}
