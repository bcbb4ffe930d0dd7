/**
 * Case search benchmark: N cases (default 100,000) with synthetic narratives, indexed through the same
 * functions the writers use (`indexTexts`: per-organization keys, folded words, prefixes), into a fresh
 * PostgreSQL database (TEST_DATABASE_URL) and into the embedded PGlite; then case searches through
 * HTTP (the app via inject: routing, validation, auth, policy, audit) — one-word, two-word, with filters.
 *
 *   npm run bench:search                       both stores
 *   npm run bench:search -- --store pglite --cases 20000 --queries 200
 *
 * Figures go to the README, never into timed tests.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { type Insertable, sql } from "kysely";
import pg from "pg";
import { loadConfig } from "../src/config.ts";
import { prepareHarbor } from "../src/main.ts";
import { fieldCryptoOf } from "../src/modules/crypto/crypto.service.ts";
import { type IndexTextInput, indexTexts } from "../src/modules/search/search.index.ts";
import { searchWords } from "../src/modules/search/search.text.ts";
import type { Database } from "../src/store/schema.ts";
import { openMemoryStore, openPostgres, type Store } from "../src/store/store.ts";
import { createOrgWithUser } from "../test/support/auth.ts";

const { values: args } = parseArgs({
  options: {
    store: { type: "string" },
    cases: { type: "string", default: "100000" },
    queries: { type: "string", default: "300" },
  },
});
const N = Number(args.cases);
const Q = Number(args.queries);

// A seeded generator, so both stores get the same data and queries.
let seed = 42;
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
// Zipf-like: low indexes far more often (natural text).
const zipf = <T>(xs: T[]) => xs[Math.floor(xs.length * rand() ** 3)]!;

const corpus = readFileSync("data/directory/federal-anti-trafficking-efforts.txt", "utf8")
  .split(/\s+/)
  .filter((w) => /^[A-Za-z]{3,}$/.test(w));
const cities = readFileSync("data/linkage/places.txt", "utf8")
  .split("\n")
  .filter((l) => l && !l.startsWith("#"))
  .map((l) => l.split(",")[0]!.toLowerCase());
const given = readFileSync("data/linkage/given-names-female.txt", "utf8").split("\n").filter(Boolean);
const TOPICS =
  `farm orchard restaurant kitchen hotel motel massage parlor nail salon construction site warehouse
factory cleaning crew domestic worker nanny housekeeper truck stop bar club escort online ad apartment trailer
ranch dairy vineyard landscaping carnival peddling begging debt passport visa recruiter smuggler boyfriend
employer uncle cousin threats beaten locked withheld wages documents phone moved motel shift`.split(/\s+/);
const VERBS =
  `reported said called described arrived left worked lived escaped met paid owed moved took kept`.split(
    /\s+/,
  );

function narrative(): string {
  const words: string[] = [];
  const n = 40 + Math.floor(rand() * 60);
  for (let i = 0; i < n; i++) {
    const r = rand();
    words.push(
      r < 0.45
        ? zipf(corpus)
        : r < 0.7
          ? zipf(TOPICS)
          : r < 0.8
            ? pick(VERBS)
            : r < 0.88
              ? pick(cities)
              : r < 0.94
                ? pick(given)
                : String(Math.floor(rand() * 10_000)).padStart(4, "0"),
    );
  }
  return words.join(" ");
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

async function freshPostgres(adminUrl: string): Promise<Store & { drop(): Promise<void> }> {
  const name = `harbor_bench_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const store = openPostgres(url.toString());
  return {
    ...store,
    async drop() {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

async function run(name: string, store: Store) {
  seed = 42;
  const app = await prepareHarbor(
    store,
    loadConfig({ LOG_LEVEL: "silent", HARBOR_MASTER_KEY: Buffer.alloc(32, 3).toString("base64") }, false),
  );
  await app.ready();
  const orgs = ["bench-pd", "bench-ngo", "bench-other"];
  const user = await createOrgWithUser(store, {
    orgId: "bench-pd",
    orgType: "law_enforcement",
    roles: ["investigator"],
  });
  await createOrgWithUser(store, { orgId: "bench-ngo", orgType: "service_provider", roles: ["advocate"] });
  await createOrgWithUser(store, {
    orgId: "bench-other",
    orgType: "law_enforcement",
    roles: ["investigator"],
  });
  const crypto = fieldCryptoOf(store);
  const t0 = performance.now();
  const BATCH = 1000;
  const start = Date.now() - 3 * 365 * 86_400_000;
  for (let b = 0; b < N; b += BATCH) {
    const rows: Insertable<Database["cases"]>[] = [];
    const texts: IndexTextInput[] = [];
    for (let i = b; i < Math.min(N, b + BATCH); i++) {
      const orgId = i % 10 < 6 ? orgs[0]! : i % 10 < 8 ? orgs[1]! : orgs[2]!;
      const id = `c${String(i).padStart(7, "0")}-${randomBytes(4).toString("hex")}`;
      rows.push({
        id,
        org_id: orgId,
        // The bench's cases carry no sealed title (title_enc null, no data key), so a hit's title is not
        // decrypted: the figures leave out one AES-GCM open per hit shown (a page is at most 100 hits).
        title_enc: null,
        status: rand() < 0.7 ? ("open" as const) : ("closed" as const),
        created_by: null,
        created_at: new Date(start + Math.floor(rand() * 3 * 365 * 86_400_000)),
      });
      texts.push({
        orgId,
        caseId: id,
        recordType: "case" as const,
        recordId: id,
        field: "title",
        text: `${pick(TOPICS)} ${pick(cities)}`,
      });
      texts.push({
        orgId,
        caseId: id,
        recordType: "case" as const,
        recordId: id,
        field: "narrative",
        text: narrative(),
      });
    }
    await store.db.transaction().execute(async (trx) => {
      await trx.insertInto("cases").values(rows).execute();
      await indexTexts(trx, texts, crypto);
    });
    // bench-pd shares 1 in 50 of its cases with the NGO.
    const shares = rows.filter((r, k) => r.org_id === "bench-pd" && k % 50 === 0);
    if (shares.length) {
      await store.db
        .insertInto("case_shares")
        .values(
          shares.map((r) => ({
            case_id: r.id,
            org_id: r.org_id,
            recipient_org_id: "bench-ngo",
            access: "read" as const,
            created_by: null,
          })),
        )
        .execute();
      await store.db
        .insertInto("case_shares_received")
        .values(
          shares.map((r) => ({
            org_id: "bench-ngo",
            owner_org_id: r.org_id,
            case_id: r.id,
            access: "read" as const,
          })),
        )
        .execute();
    }
    if ((b / BATCH) % 10 === 9) process.stderr.write(`  [${name}] ${b + BATCH} cases\r`);
  }
  await sql`analyze`.execute(store.db);
  const loadS = (performance.now() - t0) / 1000;
  const tokenRows = await store.db
    .selectFrom("search_tokens")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  console.log(
    `[${name}] loaded ${N} cases (${tokenRows.n} token rows) in ${loadS.toFixed(1)} s (${Math.round(N / loadS)} cases/s)`,
  );

  const anyWord = () =>
    rand() < 0.5 ? zipf(TOPICS) : rand() < 0.5 ? pick(cities).split(" ")[0]! : zipf(corpus);
  const word = (): string => {
    const w = anyWord();
    return searchWords(w).length ? w : word();
  };
  const prefix = (): string => {
    const p = zipf(TOPICS).slice(0, 4);
    return searchWords(p).length ? p : prefix();
  };
  const kinds: Record<string, () => string> = {
    "one word": () => `q=${encodeURIComponent(word())}`,
    "two words": () => `q=${encodeURIComponent(`${word()} ${word()}`)}`,
    prefix: () => `q=${encodeURIComponent(prefix())}`,
    "word + filters": () => `q=${encodeURIComponent(word())}&status=open&from=2025-01-01&to=2026-06-30`,
    "filters only": () => `status=closed&from=2024-06-01`,
  };
  const ngo = await createOrgWithUser(store, {
    orgId: "bench-ngo",
    orgType: "service_provider",
    roles: ["advocate"],
  });
  for (const [kind, make] of [
    ...Object.entries(kinds),
    ["shared (recipient)", kinds["one word"]!] as const,
  ]) {
    const as = kind.startsWith("shared") ? ngo : user;
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < Q; i++) {
      const url = `/api/v1/cases/search?${make()}`;
      const s = performance.now();
      const r = await app.inject({ method: "GET", url, headers: as.headers });
      times.push(performance.now() - s);
      if (r.statusCode !== 200) throw new Error(`${url} answered ${r.statusCode}: ${r.body}`);
      hits += r.json().cases.length;
    }
    times.sort((a, b) => a - b);
    console.log(
      `[${name}] ${kind.padEnd(20)} p50 ${percentile(times, 0.5).toFixed(1)} ms  p95 ${percentile(times, 0.95).toFixed(1)} ms  p99 ${percentile(times, 0.99).toFixed(1)} ms  (${Q} queries, avg ${(hits / Q).toFixed(1)} hits on page 1)`,
    );
  }
  await app.close();
}

console.log(
  `# case search benchmark: ${N} cases; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
if (args.store !== "pglite") {
  const url = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const store = await freshPostgres(url);
  try {
    await run("postgres", store);
  } finally {
    await store.close();
    await store.drop();
  }
}
if (args.store !== "postgres") {
  const store = await openMemoryStore();
  try {
    await run("pglite", store);
  } finally {
    await store.close();
  }
}
