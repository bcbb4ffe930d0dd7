import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { sql } from "kysely";
import pg from "pg";
import { EMBEDDED_SOCKET_PORT, startEmbeddedPostgres, startMemoryPostgres } from "../src/store/embedded.ts";
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

test("embedded: two processes beside each other (server and CLI over its socket) prepare without a clash", async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "harbor-prepared-"));
  const embedded = await startEmbeddedPostgres(dataDir);
  // A fresh process, as the CLI is: its first connection's first marked statement, kept prepared until
  // its stdin closes. Two such processes would pick the same name if names were unique per process only.
  const script = `
    import pg from "pg";
    import { PREPARE, prepareMarkedStatements } from ${JSON.stringify(pathToFileURL(path.resolve("src/store/prepared.ts")).href)};
    const client = new pg.Client({ host: ${JSON.stringify(embedded.socketDir)}, port: ${EMBEDDED_SOCKET_PORT}, user: "postgres" });
    prepareMarkedStatements(client);
    await client.connect();
    const { rows } = await client.query(PREPARE + "select $1::int as n", [Number(process.argv[1])]);
    process.stdout.write(String(rows[0].n) + "\\n");
    process.stdin.resume();
    process.stdin.on("end", async () => { await client.end(); });`;
  const start = (n: number) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script, String(n)],
      {
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const answered = new Promise<string>((resolve) => {
      child.stdout.on("data", () => out.includes("\n") && resolve(out.trim()));
      child.on("exit", () => resolve(out.trim() || `failed: ${err}`));
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    return { child, answered, exited };
  };
  try {
    const first = start(1);
    assert.equal(await first.answered, "1");
    const second = start(2);
    assert.equal(
      await second.answered,
      "2",
      "the second process prepared while the first holds its statement",
    );
    first.child.stdin.end();
    second.child.stdin.end();
    assert.deepEqual(await Promise.all([first.exited, second.exited]), [0, 0]);
  } finally {
    await embedded.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
