import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { sql } from "kysely";
import { prepareHarbor } from "../src/main.ts";
import { openStore, type Store } from "../src/store/store.ts";
import { testConfig } from "./support/app.ts";
import { createOrgWithUser } from "./support/auth.ts";
import { HARBOR_BIN } from "./support/harbor-process.ts";
import { call, canary } from "./support/records.ts";
import { openMigrated, storeBackends } from "./support/stores.ts";

/*
 * Known identifying values go in through the API; then the raw storage is searched for them.
 * Embedded: every file of the PGlite data folder, read as bytes after the store is closed.
 * PostgreSQL (TEST_DATABASE_URL): every table's contents read as text by the superuser.
 * A case title (stored in clear by design) is the positive control: the scan must find it.
 */

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : e.isFile() ? [path.join(dir, e.name)] : [],
  );
}

/** Writes one victim with canary values in every identifying field through the API. */
async function writeCanaries(store: Store, config: ReturnType<typeof testConfig>) {
  const app = await prepareHarbor(store, config);
  await app.ready();
  try {
    const user = await createOrgWithUser(store, {
      orgId: "shelter",
      orgType: "service_provider",
      roles: ["advocate"],
    });
    const title = canary("TITLE");
    const c = await call(app, "POST", "/api/v1/cases", user.headers, { title });
    assert.equal(c.status, 201);
    const secrets = {
      givenName: canary("GIVEN"),
      familyName: canary("FAMILY"),
      address: `${canary("ADDR")} Main Street`,
      immigrationStatus: canary("IMMIG"),
      email: `${canary("MAIL").toLowerCase()}@example.org`,
      phone: "+1 (415) 555-0199",
      dateOfBirth: "1987-06-05",
    };
    const p = await call(app, "POST", `/api/v1/cases/${c.body.id}/persons`, user.headers, {
      role: "victim",
      protected1367: true,
      ...secrets,
    });
    assert.equal(p.status, 201, p.raw);
    const back = await call(app, "GET", `/api/v1/persons/${p.body.id}`, user.headers);
    assert.equal(back.body.givenName, secrets.givenName, "the values are really stored (and decrypt)");
    // A relief application: its receipt number is identifying (it names the USCIS case).
    const receipt = canary("RECEIPT");
    const relief = await call(app, "POST", `/api/v1/persons/${p.body.id}/relief`, user.headers, {
      type: "t_visa",
      status: "filed",
      filedOn: "2026-01-05",
      receiptNumber: receipt,
    });
    assert.equal(relief.status, 201, relief.raw);
    const needles = [...Object.values(secrets), receipt, "4155550199", "+14155550199", "1987-06-05"];
    return { title, needles };
  } finally {
    await app.close();
  }
}

function hits(haystack: Buffer, needles: string[]): string[] {
  return needles.filter(
    (n) => haystack.includes(Buffer.from(n, "utf8")) || haystack.includes(Buffer.from(n, "utf16le")),
  );
}

test("embedded data folder: 0 plaintext hits for identifying values (after rotation too)", async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "harbor-scan-"));
  try {
    const config = testConfig({ HARBOR_DATA_DIR: dataDir });
    const store = await openStore(config);
    let written: Awaited<ReturnType<typeof writeCanaries>>;
    try {
      written = await writeCanaries(store, config);
      // A checkpoint pushes everything from the WAL into table files too; both get scanned.
      await sql`checkpoint`.execute(store.db);
    } finally {
      await store.close();
    }
    const rotated = await promisify(execFile)(process.execPath, [HARBOR_BIN, "keys", "rotate"], {
      cwd: path.resolve(import.meta.dirname, ".."),
      env: { ...process.env, HARBOR_DATA_DIR: dataDir, HARBOR_MASTER_KEY: "", DATABASE_URL: "" },
    });
    assert.match(rotated.stdout, /Re-wrapped \d+ data keys under \S+; 0 remain under older keys/);

    const files = filesUnder(path.join(dataDir, "db"));
    let bytes = 0;
    const found = new Set<string>();
    let controlFound = false;
    for (const file of files) {
      const content = readFileSync(file);
      bytes += content.length;
      for (const h of hits(content, written.needles)) found.add(`${h} in ${path.relative(dataDir, file)}`);
      if (content.includes(Buffer.from(written.title))) controlFound = true;
    }
    console.log(
      `# plaintext scan[pglite]: ${files.length} files, ${bytes} bytes, ${written.needles.length} values, ${found.size} hits`,
    );
    assert.ok(controlFound, "positive control: the scan finds a value stored in clear");
    assert.deepEqual([...found], [], "no identifying value in clear anywhere in the database folder");
    const keyFile = path.join(dataDir, "keys", "master-keys.json");
    assert.equal(
      statSync(keyFile).mode & 0o777,
      0o600,
      "the key file lives outside the database folder, 0600",
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

const postgres = storeBackends().find((b) => b.name === "postgres");
test("PostgreSQL table contents read by the superuser: 0 plaintext hits", {
  skip: !postgres && "TEST_DATABASE_URL not set",
}, async () => {
  const store = await openMigrated(postgres!);
  try {
    const written = await writeCanaries(
      store,
      testConfig({ HARBOR_MASTER_KEY: `scan:${Buffer.alloc(32, 9).toString("base64")}` }),
    );
    const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(store.db);
    let text = "";
    for (const { table_name } of tables.rows) {
      const rows = await sql<{ t: string }>`select t::text as t from ${sql.table(table_name)} t`.execute(
        store.db,
      );
      text += rows.rows.map((r) => r.t).join("\n");
    }
    const found = hits(Buffer.from(text), written.needles);
    console.log(
      `# plaintext scan[postgres]: ${tables.rows.length} tables, ${text.length} chars, ${found.length} hits`,
    );
    assert.ok(text.includes(written.title), "positive control");
    assert.deepEqual(found, []);
  } finally {
    await store.close();
  }
});
