import assert from "node:assert/strict";
import { test } from "node:test";
import { sql } from "kysely";
import pg from "pg";
import { startMemoryPostgres } from "../src/store/embedded.ts";
import { PREPARE } from "../src/store/prepared.ts";
import { openMigrated, storeBackends } from "./support/stores.ts";

// Hot statements are prepared once per connection (src/store/prepared.ts). The embedded store serves
// every connection from one backend session, where named statements of all connections live together.

for (const backend of storeBackends()) {
  test(`[${backend.name}] marked statements answer like unmarked ones, from many connections at once`, async () => {
    const store = await openMigrated(backend);
    try {
      const runs = Array.from({ length: 64 }, (_, i) =>
        store.db.transaction().execute(async (trx) => {
          const marked = await sql<{ n: number }>`${sql.raw(PREPARE)}select ${i}::int + 1 as n`.execute(trx);
          const plain = await sql<{ n: number }>`select ${i}::int + 1 as n`.execute(trx);
          return [marked.rows[0]!.n, plain.rows[0]!.n];
        }),
      );
      for (const [i, [marked, plain]] of (await Promise.all(runs)).entries()) {
        assert.equal(marked, i + 1);
        assert.equal(plain, i + 1);
      }
    } finally {
      await store.close();
    }
  });
}

test("embedded: a connection's named statements go with it; another may then use the same name", async () => {
  const embedded = await startMemoryPostgres();
  const client = () =>
    new pg.Client({ stream: () => embedded.connect(), user: "postgres", database: "postgres" });
  try {
    const a = client();
    await a.connect();
    assert.equal((await a.query({ name: "shared_name", text: "select 1 as n" })).rows[0].n, 1);
    const seen = await a.query(
      "select count(*)::int as n from pg_prepared_statements where name = 'shared_name'",
    );
    assert.equal(seen.rows[0].n, 1);
    await a.end();

    const b = client();
    await b.connect();
    try {
      assert.equal((await b.query({ name: "shared_name", text: "select 2 as n" })).rows[0].n, 2);
      const left = await b.query("select count(*)::int as n from pg_prepared_statements");
      assert.equal(left.rows[0].n, 1, "only b's statement is left in the session");
    } finally {
      await b.end();
    }
  } finally {
    await embedded.stop();
  }
});
