import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { sql } from "kysely";
import { prepareHarbor } from "../src/main.ts";
import { indexText } from "../src/modules/search/search.index.ts";
import { openStore, type Store } from "../src/store/store.ts";
import { testConfig } from "./support/app.ts";
import { createOrgWithUser } from "./support/auth.ts";
import { HARBOR_BIN } from "./support/harbor-process.ts";
import { multipartFile } from "./support/multipart.ts";
import { call, canary } from "./support/records.ts";
import { openMigrated, storeBackends } from "./support/stores.ts";

/*
 * Known identifying values go in through the API; then the raw storage is searched for them.
 * Embedded: every file of the PGlite data folder, read as bytes after the store is closed.
 * PostgreSQL (TEST_DATABASE_URL): every table's contents read as text by the superuser.
 * Positive control: a canary written in clear into harbor_meta (installation facts); the scan must find
 * it. Case titles and narratives are sealed now, so they are needles like the person fields.
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
    const title = canary("CONTROL");
    await store.db.insertInto("harbor_meta").values({ key: "scan-control", value: title }).execute();
    const caseText = { title: canary("TITLE"), narrative: `${canary("NARR")} met at the bus station` };
    const c = await call(app, "POST", "/api/v1/cases", user.headers, caseText);
    assert.equal(c.status, 201);
    const edited = { title: canary("RETITLE"), narrative: canary("RENARR") };
    const patched = await call(
      app,
      "PATCH",
      `/api/v1/cases/${c.body.id}`,
      {
        ...user.headers,
        "if-match": 'W/"1"',
      },
      edited,
    );
    assert.equal(patched.status, 200, patched.raw);
    assert.equal(patched.body.title, edited.title, "the edited title is stored (and decrypts)");
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
    // A referral to a partner, consented and accepted: referrals, their copies and notifications hold no value.
    const partner = await createOrgWithUser(store, {
      orgId: "partner",
      orgType: "service_provider",
      roles: ["intake"],
    });
    const consent = await call(app, "POST", `/api/v1/persons/${p.body.id}/consents`, user.headers, {
      recipientOrgId: "partner",
      purpose: "services_referral",
      expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      signedBy: ["victim"],
    });
    assert.equal(consent.status, 201, consent.raw);
    const ref = await call(app, "POST", "/api/v1/referrals", user.headers, {
      caseId: c.body.id,
      personId: p.body.id,
      recipient: { orgId: "partner" },
      purpose: "shelter",
    });
    assert.equal(ref.status, 201, ref.raw);
    const accepted = await call(app, "POST", `/api/v1/referrals/${ref.body.id}/accept`, {
      ...partner.headers,
      "if-match": 'W/"1"',
    });
    assert.equal(accepted.status, 200, accepted.raw);
    // A tip (anonymous, to the host organization) with canaries in every free-text and contact field.
    const tipSecrets = {
      narrative: `${canary("TIPNARR")} was seen at the motel`,
      name: canary("TIPNAME"),
      email: `${canary("TIPMAIL").toLowerCase()}@example.org`,
      phone: "+1 (415) 555-0142",
      city: canary("TIPCITY"),
    };
    const tip = await call(
      app,
      "POST",
      "/api/v1/tips",
      {},
      {
        narrative: tipSecrets.narrative,
        reporter: { name: tipSecrets.name, email: tipSecrets.email, phone: tipSecrets.phone },
        location: { state: "TX", city: tipSecrets.city },
      },
    );
    assert.equal(tip.status, 201, tip.raw);
    const tipBack = await call(app, "GET", `/api/v1/tips/${tip.body.id}`, user.headers);
    assert.equal(tipBack.body.city, tipSecrets.city, "the tip is really stored (and decrypts)");
    // Casework free text: a note and a task title, sealed like the person fields.
    const noteText = `${canary("NOTE")} met at the bus station`;
    const n = await call(app, "POST", `/api/v1/cases/${c.body.id}/notes`, user.headers, { body: noteText });
    assert.equal(n.status, 201, n.raw);
    const taskTitle = canary("TASKTITLE");
    const tk = await call(app, "POST", `/api/v1/cases/${c.body.id}/tasks`, user.headers, {
      title: taskTitle,
    });
    assert.equal(tk.status, 201, tk.raw);
    // Case facts: an event's place and description, and identifiers of every free-text kind, sealed.
    const facts = {
      place: `${canary("EVPLACE")} truck stop`,
      description: canary("EVDESC"),
      address: `${canary("IDADDR")} Harbor Road`,
      business: `${canary("IDBIZ")} Nail Salon`,
      account: canary("IDACCT").toLowerCase(),
      plate: canary("IDPLATE"),
      email: `${canary("IDMAIL").toLowerCase()}@example.org`,
    };
    const ev = await call(app, "POST", `/api/v1/cases/${c.body.id}/events`, user.headers, {
      kind: "exploitation",
      place: facts.place,
      description: facts.description,
      country: "US",
    });
    assert.equal(ev.status, 201, ev.raw);
    for (const [kind, value] of [
      ["address", facts.address],
      ["business", facts.business],
      ["online_account", facts.account],
      ["vehicle", facts.plate],
      ["email", facts.email],
      ["phone", "+1 (415) 555-0177"],
    ] as const) {
      const id = await call(app, "POST", `/api/v1/cases/${c.body.id}/identifiers`, user.headers, {
        kind,
        value,
      });
      assert.equal(id.status, 201, id.raw);
    }
    // A relief application: its receipt number is identifying (it names the USCIS case).
    const receipt = canary("RECEIPT");
    const relief = await call(app, "POST", `/api/v1/persons/${p.body.id}/relief`, user.headers, {
      type: "t_visa",
      status: "filed",
      filedOn: "2026-01-05",
      receiptNumber: receipt,
    });
    assert.equal(relief.status, 201, relief.raw);
    // An attachment: its file name and its content (plain text, so it would show in clear) are sealed.
    const attachment = { filename: `${canary("ATTNAME")}.txt`, content: `${canary("ATTBODY")} statement` };
    const form = multipartFile(attachment.filename, "text/plain", Buffer.from(attachment.content));
    const att = await app.inject({
      method: "POST",
      url: `/api/v1/cases/${c.body.id}/attachments`,
      headers: { ...user.headers, ...form.headers },
      payload: form.payload,
    });
    assert.equal(att.statusCode, 201, att.body);
    const attBack = await app.inject({ method: "GET", url: att.json().contentUrl, headers: user.headers });
    assert.equal(attBack.body, attachment.content, "the attachment is really stored (and decrypts)");
    const needles = [
      ...Object.values(attachment),
      attachment.filename.slice(0, -4),
      // bytea reads back as hex in the PostgreSQL scan (t::text): the content in clear would show so.
      Buffer.from(attachment.content).toString("hex"),
      ...Object.values(secrets),
      receipt,
      ...Object.values(caseText),
      ...Object.values(edited),
      "4155550199",
      "+14155550199",
      "1987-06-05",
      ...Object.values(tipSecrets),
      tip.body.receipt,
      tip.body.receipt.replace("-", ""),
      noteText,
      taskTitle,
      ...Object.values(facts),
      "4155550177",
      "+14155550177",
    ];
    // Search: free text indexed (keyed tokens only) and a saved search (name and query sealed).
    const narrative = { word: canary("NARR"), saved: canary("SAVED"), name: canary("SSNAME") };
    await store.db.transaction().execute((trx) =>
      indexText(trx, {
        orgId: "shelter",
        caseId: c.body.id,
        recordType: "case",
        recordId: c.body.id,
        field: "narrative",
        text: `Met ${narrative.word} near the harbor`,
      }),
    );
    const found = await call(app, "GET", `/api/v1/cases/search?q=${narrative.word}`, user.headers);
    assert.equal(found.body.cases[0]?.id, c.body.id, "the indexed word is searchable");
    const saved = await call(app, "POST", "/api/v1/saved-searches", user.headers, {
      name: narrative.name,
      query: `q=${narrative.saved}`,
    });
    assert.equal(saved.status, 201, saved.raw);
    for (const v of Object.values(narrative)) needles.push(v, v.toLowerCase());
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
