import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { type Kysely, sql } from "kysely";
import pg from "pg";
import { recordAudit, verifyChain } from "../src/modules/audit/audit.service.ts";
import { EMBEDDED_SOCKET_PORT, startEmbeddedPostgres } from "../src/store/embedded.ts";
import { migrateToLatest } from "../src/store/migrator.ts";
import type { Database } from "../src/store/schema.ts";
import { openMemoryStore, type Store } from "../src/store/store.ts";
import { describeEachStore, openMigrated } from "./support/stores.ts";

const CLIENTS = 64;
const ROUNDS = 4;

// biome-ignore lint/suspicious/noExplicitAny: a scratch table outside Harbor's schema
const untyped = (db: Kysely<Database>) => db as unknown as Kysely<any>;

async function createProbeTable(db: Kysely<Database>) {
  await sql`create table concurrency_probe (
    client int not null, round int not null, value text not null, primary key (client, round))`.execute(db);
}

/**
 * One client's work: echo reads with its own parameters, a multi-statement transaction that writes
 * and reads back, a transaction that fails and must leave nothing, and an audited write.
 * Returns the problems it saw (none, if every answer was its own).
 */
async function clientWork(db: Kysely<Database>, client: number): Promise<string[]> {
  const problems: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const tag = `c${client}-r${round}-${"x".repeat(client % 7)}`;
    const echo = await sql<{ n: number; t: string }>`select ${client}::int as n, ${tag}::text as t`.execute(
      db,
    );
    if (echo.rows.length !== 1 || echo.rows[0]?.n !== client || echo.rows[0]?.t !== tag)
      problems.push(`echo ${tag}: ${JSON.stringify(echo.rows)}`);

    const inside = await db.transaction().execute(async (trx) => {
      await sql`insert into concurrency_probe values (${client}, ${round}, ${`draft-${tag}`})`.execute(trx);
      await sql`update concurrency_probe set value = ${tag} where client = ${client} and round = ${round}`.execute(
        trx,
      );
      const mine = await sql<{ round: number; value: string }>`
        select round, value from concurrency_probe where client = ${client} order by round`.execute(trx);
      return mine.rows;
    });
    if (inside.length !== round + 1 || inside[round]?.value !== tag)
      problems.push(`transaction ${tag} read ${JSON.stringify(inside)}`);

    const failed = await db
      .transaction()
      .execute(async (trx) => {
        await sql`insert into concurrency_probe values (${client}, ${1000 + round}, 'rolled-back')`.execute(
          trx,
        );
        await sql`insert into concurrency_probe values (${client}, ${round}, 'duplicate key')`.execute(trx);
      })
      .then(
        () => "committed",
        (error: { code?: string }) => error.code,
      );
    if (failed !== "23505") problems.push(`failing transaction ${tag} ended with ${failed}`);

    await recordAudit(db, {
      action: "probe.write",
      outcome: "success",
      targetType: "probe",
      targetIds: [tag],
    });
  }
  const rows = await untyped(db)
    .selectFrom("concurrency_probe")
    .select(["round", "value"])
    .where("client", "=", client)
    .orderBy("round")
    .execute();
  const expected = Array.from({ length: ROUNDS }, (_, round) => ({
    round,
    value: `c${client}-r${round}-${"x".repeat(client % 7)}`,
  }));
  if (JSON.stringify(rows) !== JSON.stringify(expected)) problems.push(`read back ${JSON.stringify(rows)}`);
  return problems;
}

describeEachStore("64 concurrent clients each get exactly their own results", (backend) => {
  let store: Store;
  before(async () => {
    store = await openMigrated(backend);
    await createProbeTable(store.db);
  });
  after(() => store.close());

  test("mixed reads, writes and transactions: 0 errors, every client reads back what it wrote", async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: CLIENTS }, (_, client) => clientWork(store.db, client)),
    );
    const errors = outcomes.filter((o) => o.status === "rejected").map((o) => String(o.reason));
    const problems = outcomes.flatMap((o) => (o.status === "fulfilled" ? o.value : []));
    assert.deepEqual(errors, [], "no client got an error");
    assert.deepEqual(problems, [], "no client got another's answer");

    const leftovers = await sql<{ n: number }>`
      select count(*)::int as n from concurrency_probe where value in ('rolled-back', 'duplicate key')`.execute(
      store.db,
    );
    assert.equal(leftovers.rows[0]?.n, 0, "failed transactions left nothing behind");

    const chain = await verifyChain(store.db);
    assert.ok(chain.ok, JSON.stringify(chain));
    assert.equal(chain.records, CLIENTS * ROUNDS, "one audit record per audited write, none lost");
  });
});

test("[pglite] a connection idle in its transaction while others wait is ended, not left to hang", async () => {
  const store = await openMemoryStore({ idleInTransactionMs: 200 });
  try {
    await createProbeTable(store.db);
    const stuck = store.db.transaction().execute(async (trx) => {
      await sql`insert into concurrency_probe values (1, 1, 'held')`.execute(trx);
      // Waiting on a second connection inside a transaction: on one backend this can never finish.
      await sql`select 1`.execute(store.db);
      await sql`select 1`.execute(trx);
    });
    await assert.rejects(stuck, "the transaction that held the backend fails");
    const rows = await sql<{ n: number }>`select count(*)::int as n from concurrency_probe`.execute(store.db);
    assert.equal(rows.rows[0]?.n, 0, "its insert was rolled back");
    const echo = await sql<{ v: string }>`select 'still serving' as v`.execute(store.db);
    assert.equal(echo.rows[0]?.v, "still serving");
  } finally {
    await store.close();
  }
});

test("[pglite] a second process's connections through the socket and the server's own never mix", async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "harbor-concurrency-"));
  const embedded = await startEmbeddedPostgres(dataDir);
  const own = new pg.Pool({ stream: () => embedded.connect(), user: "postgres", max: 8 });
  const beside = new pg.Pool({
    host: embedded.socketDir,
    port: EMBEDDED_SOCKET_PORT,
    user: "postgres",
    max: 8,
  });
  try {
    await own.query("create table side_probe (side text, n int, primary key (side, n))");
    const work = (pool: pg.Pool, side: string) =>
      Array.from({ length: CLIENTS / 2 }, async (_, n) => {
        const client = await pool.connect();
        try {
          await client.query("begin");
          await client.query("insert into side_probe values ($1, $2)", [side, n]);
          const seen = await client.query("select side, n from side_probe where side = $1 and n = $2", [
            side,
            n,
          ]);
          await client.query("commit");
          return seen.rows.length === 1 && seen.rows[0].side === side && seen.rows[0].n === n;
        } finally {
          client.release();
        }
      });
    const results = await Promise.all([...work(own, "server"), ...work(beside, "cli")]);
    assert.equal(results.filter(Boolean).length, CLIENTS, "every connection read its own row");
    const total = await own.query(
      "select side, count(*)::int as n from side_probe group by side order by side",
    );
    assert.deepEqual(total.rows, [
      { side: "cli", n: CLIENTS / 2 },
      { side: "server", n: CLIENTS / 2 },
    ]);
  } finally {
    await beside.end();
    await own.end();
    await embedded.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("[pglite] migrations and audited writes from many connections leave one verified chain", async () => {
  const store = await openMemoryStore();
  try {
    await Promise.all([migrateToLatest(store.db), migrateToLatest(store.db)]);
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        recordAudit(store.db, { action: "probe.write", outcome: "success", targetIds: [String(i)] }),
      ),
    );
    const chain = await verifyChain(store.db);
    assert.ok(chain.ok && chain.records === 200, JSON.stringify(chain));
  } finally {
    await store.close();
  }
});
