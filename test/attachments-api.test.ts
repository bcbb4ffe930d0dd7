import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, type TestUser } from "./support/auth.ts";
import { EXE_BYTES, multipartFile, PNG_1X1, pdfWith } from "./support/multipart.ts";
import { call, canary, recordsEnv, seed } from "./support/records.ts";
import { describeEachStore } from "./support/stores.ts";

const MAX = 64 * 1024;
const MISSING = "00000000-0000-4000-8000-000000000000";

describeEachStore("attachments API", (backend) => {
  let t: TestApp;
  let sp: TestUser;
  let other: TestUser;
  let reader: TestUser;
  let caseId: string;

  before(async () => {
    t = await startTestApp(backend, { ...recordsEnv(), HARBOR_ATTACHMENT_MAX_BYTES: String(MAX) });
    sp = await createOrgWithUser(t.store, {
      orgId: "shelter",
      orgType: "service_provider",
      roles: ["advocate"],
    });
    other = await createOrgWithUser(t.store, {
      orgId: "other",
      orgType: "service_provider",
      roles: ["advocate"],
    });
    reader = await createOrgWithUser(t.store, {
      orgId: "reader",
      orgType: "service_provider",
      roles: ["advocate"],
    });
    const c = await call(t.app, "POST", "/api/v1/cases", sp.headers, { title: "Attachments" });
    caseId = c.body.id;
    await seed.share(t.store, caseId, "shelter", "reader", "read");
  });
  after(() => t.close());

  const upload = (
    user: TestUser,
    file: { name: string; type: string; data: Buffer },
    opts: { caseId?: string; headers?: Record<string, string> } = {},
  ) => {
    const form = multipartFile(file.name, file.type, file.data);
    return t.app.inject({
      method: "POST",
      url: `/api/v1/cases/${opts.caseId ?? caseId}/attachments`,
      headers: { ...user.headers, ...form.headers, ...opts.headers },
      payload: form.payload,
    });
  };
  const rowCount = async () =>
    Number(
      (
        await t.store.db
          .selectFrom("case_attachments")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  test("upload, list, download: the same bytes back, as a download that is never rendered", async () => {
    const name = `Declaración ${canary("FILE")} (firmada) 日本.pdf`;
    const data = pdfWith(canary("BODY"));
    const res = await upload(sp, { name, type: "application/pdf", data });
    assert.equal(res.statusCode, 201, res.body);
    const created = res.json();
    assert.equal(created.filename, name);
    assert.equal(created.contentType, "application/pdf");
    assert.equal(created.sizeBytes, data.length);
    assert.equal(created.sha256, createHash("sha256").update(data).digest("hex"));

    const list = await call(t.app, "GET", `/api/v1/cases/${caseId}/attachments`, sp.headers);
    assert.equal(list.status, 200, list.raw);
    const listed = list.body.attachments.find((a: { id: string }) => a.id === created.id);
    assert.equal(listed.filename, name, "the sealed name opens for the reader");
    assert.equal(listed.uploadedBy, sp.userId);
    assert.equal(list.body.limits.maxBytes, MAX);
    assert.ok(
      list.body.limits.allowedTypes.some((x: { contentType: string }) => x.contentType === "image/png"),
    );

    const got = await t.app.inject({ method: "GET", url: created.contentUrl, headers: sp.headers });
    assert.equal(got.statusCode, 200);
    assert.ok(got.rawPayload.equals(data), "byte for byte what was uploaded");
    assert.equal(got.headers["content-type"], "application/pdf");
    const disposition = String(got.headers["content-disposition"]);
    assert.match(disposition, /^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    assert.doesNotMatch(
      disposition.split("filename*=")[0]!.slice(22, -3),
      /["\\]/,
      "fallback is a safe quoted string",
    );
    assert.equal(decodeURIComponent(disposition.split("UTF-8''")[1]!), name);
    assert.equal(got.headers["x-content-type-options"], "nosniff");
    assert.equal(got.headers["content-security-policy"], "default-src 'none'; sandbox");
    assert.equal(got.headers["cache-control"], "no-store");

    const timeline = await call(t.app, "GET", `/api/v1/cases/${caseId}/timeline`, sp.headers);
    assert.ok(timeline.body.entries.some((e: { kind: string }) => e.kind === "attachment.added"));
  });

  test("every allowed kind goes in: PNG and plain text; the type sent may be generic", async () => {
    const png = await upload(sp, { name: "photo.PNG", type: "application/octet-stream", data: PNG_1X1 });
    assert.equal(png.statusCode, 201, png.body);
    assert.equal(png.json().contentType, "image/png");
    const txt = await upload(sp, {
      name: "notes.txt",
      type: "text/plain",
      data: Buffer.from("Line one\nLínea dos\n"),
    });
    assert.equal(txt.statusCode, 201, txt.body);
    const got = await t.app.inject({ method: "GET", url: txt.json().contentUrl, headers: sp.headers });
    assert.equal(got.headers["content-type"], "text/plain; charset=utf-8");
    assert.equal(got.body, "Line one\nLínea dos\n");
  });

  test("larger than the limit: 413 with the limit named, nothing stored; exactly the limit is fine", async () => {
    const before = await rowCount();
    const res = await upload(sp, { name: "big.txt", type: "text/plain", data: Buffer.alloc(MAX + 1, 0x61) });
    assert.equal(res.statusCode, 413, res.body);
    assert.equal(res.json().error.code, "file_too_large");
    assert.match(res.json().error.message, new RegExp(String(MAX)));
    assert.equal(await rowCount(), before);
    const fits = await upload(sp, { name: "fits.txt", type: "text/plain", data: Buffer.alloc(MAX, 0x61) });
    assert.equal(fits.statusCode, 201, fits.body);
  });

  test("content that is not what it claims or not allowed: 415 naming what was detected, nothing stored", async () => {
    const before = await rowCount();
    const cases: [string, string, Buffer, RegExp][] = [
      ["report.pdf", "application/pdf", EXE_BYTES, /application\/x-msdownload/],
      [
        "report.pdf",
        "application/pdf",
        Buffer.from("<!DOCTYPE html><html><script>alert(1)</script></html>"),
        /text\/html/,
      ],
      ["page.txt", "text/plain", Buffer.from("<html><body onload=alert(1)></body></html>"), /text\/html/],
      ["photo.pdf", "application/pdf", PNG_1X1, /image\/png/],
      ["photo.png", "image/jpeg", PNG_1X1, /sent as image\/jpeg.*image\/png/],
      ["tool.exe", "application/octet-stream", EXE_BYTES, /not an allowed type/],
      [
        "data.bin",
        "application/octet-stream",
        Buffer.from([0, 1, 2, 3, 255, 254]),
        /application\/octet-stream/,
      ],
    ];
    for (const [name, type, data, message] of cases) {
      const res = await upload(sp, { name, type, data });
      assert.equal(res.statusCode, 415, `${name}: ${res.body}`);
      assert.equal(res.json().error.code, "unsupported_file_type");
      assert.match(res.json().error.message, message, name);
    }
    assert.equal(await rowCount(), before);
  });

  test("bad uploads: empty file 400, no file 400, JSON 415; nothing stored", async () => {
    const before = await rowCount();
    const empty = await upload(sp, { name: "empty.pdf", type: "application/pdf", data: Buffer.alloc(0) });
    assert.equal(empty.statusCode, 400, empty.body);
    assert.match(empty.json().error.message, /body\.file: the file is empty/);
    const form = multipartFile("x.pdf", "application/pdf", pdfWith("x"), "other");
    const wrongField = await t.app.inject({
      method: "POST",
      url: `/api/v1/cases/${caseId}/attachments`,
      headers: { ...sp.headers, ...form.headers },
      payload: form.payload,
    });
    assert.equal(wrongField.statusCode, 400, wrongField.body);
    const json = await call(t.app, "POST", `/api/v1/cases/${caseId}/attachments`, sp.headers, { file: "x" });
    assert.equal(json.status, 415, json.raw);
    assert.equal(await rowCount(), before);
  });

  test("another organization: 404 on every route, exactly like a missing record", async () => {
    const res = await upload(sp, { name: "private.pdf", type: "application/pdf", data: pdfWith("private") });
    const id = res.json().id;
    const before = await rowCount();
    for (const [a, b] of [
      [`/api/v1/cases/${caseId}/attachments`, `/api/v1/cases/${MISSING}/attachments`],
      [`/api/v1/attachments/${id}/content`, `/api/v1/attachments/${MISSING}/content`],
    ] as const) {
      const hidden = await call(t.app, "GET", a, other.headers);
      const missing = await call(t.app, "GET", b, other.headers);
      assert.equal(hidden.status, 404);
      assert.equal(hidden.raw, missing.raw);
    }
    const up = await upload(other, { name: "x.pdf", type: "application/pdf", data: pdfWith("x") });
    assert.equal(up.statusCode, 404);
    const del = await call(t.app, "DELETE", `/api/v1/attachments/${id}?reason=duplicate`, other.headers);
    assert.equal(del.status, 404);
    assert.equal(await rowCount(), before);
  });

  test("a read-only share may list and download but not upload or delete", async () => {
    const res = await upload(sp, { name: "shared.pdf", type: "application/pdf", data: pdfWith("shared") });
    const id = res.json().id;
    const list = await call(t.app, "GET", `/api/v1/cases/${caseId}/attachments`, reader.headers);
    assert.equal(list.status, 200);
    assert.ok(list.body.attachments.some((a: { id: string }) => a.id === id));
    const got = await t.app.inject({
      method: "GET",
      url: `/api/v1/attachments/${id}/content`,
      headers: reader.headers,
    });
    assert.equal(got.statusCode, 200);
    const up = await upload(reader, { name: "x.pdf", type: "application/pdf", data: pdfWith("x") });
    assert.equal(up.statusCode, 403);
    const del = await call(t.app, "DELETE", `/api/v1/attachments/${id}?reason=duplicate`, reader.headers);
    assert.equal(del.status, 403);
  });

  test("audited: upload, download, delete and refusals, never with the file name", async () => {
    const name = `${canary("AUDITNAME")}.pdf`;
    const res = await upload(sp, { name, type: "application/pdf", data: pdfWith("audit") });
    const id = res.json().id;
    await t.app.inject({ method: "GET", url: `/api/v1/attachments/${id}/content`, headers: sp.headers });
    await upload(sp, { name, type: "application/pdf", data: EXE_BYTES });
    const noReason = await call(t.app, "DELETE", `/api/v1/attachments/${id}`, sp.headers);
    assert.equal(noReason.status, 400, "a reason is required");
    const del = await call(t.app, "DELETE", `/api/v1/attachments/${id}?reason=uploaded_in_error`, sp.headers);
    assert.equal(del.status, 200, del.raw);
    const gone = await call(t.app, "GET", `/api/v1/attachments/${id}/content`, sp.headers);
    assert.equal(gone.status, 404);
    const events = await t.store.db
      .selectFrom("audit_events")
      .select(["action", "outcome", "target_ids", "details"])
      .where("action", "like", "attachment.%")
      .execute();
    const of = (action: string, outcome: string) =>
      events.filter((e) => e.action === action && e.outcome === outcome);
    assert.ok(of("attachment.upload", "success").some((e) => JSON.stringify(e.target_ids).includes(id)));
    assert.ok(of("attachment.download", "success").some((e) => JSON.stringify(e.target_ids).includes(id)));
    assert.ok(of("attachment.upload", "failure").length > 0, "a refused upload is on record");
    assert.ok(
      of("attachment.delete", "success").some((e) => JSON.stringify(e.details).includes("uploaded_in_error")),
    );
    assert.ok(of("attachment.download", "denied").length > 0, "another org's attempt is on record");
    const text = JSON.stringify(events);
    assert.ok(!text.includes(name) && !text.includes(name.slice(0, -4)), "no file name in the audit log");
    const timeline = await call(t.app, "GET", `/api/v1/cases/${caseId}/timeline`, sp.headers);
    assert.ok(timeline.body.entries.some((e: { kind: string }) => e.kind === "attachment.deleted"));
  });

  test("tampered content or a content moved to another row: a clear error, never the bytes", async () => {
    const a = (await upload(sp, { name: "a.pdf", type: "application/pdf", data: pdfWith("AAAA") })).json();
    const b = (await upload(sp, { name: "b.pdf", type: "application/pdf", data: pdfWith("BBBB") })).json();
    await sql`update case_attachments set content_enc = overlay(content_enc placing '\\x00'::bytea from 40 for 1)
      where id = ${a.id}`.execute(t.store.db);
    await sql`update case_attachments set content_enc = (select content_enc from case_attachments where id = ${a.id})
      where id = ${b.id}`.execute(t.store.db);
    for (const id of [a.id, b.id]) {
      const got = await t.app.inject({
        method: "GET",
        url: `/api/v1/attachments/${id}/content`,
        headers: sp.headers,
      });
      assert.equal(got.statusCode, 500);
      assert.equal(got.json().error.code, "attachment_integrity_failed");
      assert.ok(!got.body.includes("%PDF"), "no bytes of the file are sent");
    }
    const c = (await upload(sp, { name: "c.pdf", type: "application/pdf", data: pdfWith("CCCC") })).json();
    await sql`update case_attachments set sha256 = ${"0".repeat(64)} where id = ${c.id}`.execute(t.store.db);
    const got = await t.app.inject({
      method: "GET",
      url: `/api/v1/attachments/${c.id}/content`,
      headers: sp.headers,
    });
    assert.equal(got.statusCode, 500, "the plaintext's SHA-256 is checked after decryption");
  });

  test("stored rows hold no plaintext name or content", async () => {
    const name = `${canary("ROWNAME")}.txt`;
    const body = canary("ROWBODY");
    const res = await upload(sp, { name, type: "text/plain", data: Buffer.from(body) });
    assert.equal(res.statusCode, 201);
    const row = await sql<{
      t: string;
    }>`select t::text as t from case_attachments t where id = ${res.json().id}`.execute(t.store.db);
    const stored = row.rows[0]!.t;
    const hex = Buffer.from(body).toString("hex");
    assert.ok(!stored.includes(name.slice(0, -4)) && !stored.includes(body) && !stored.includes(hex));
  });

  test("an idempotent retry creates one attachment; the same key with other bytes is refused", async () => {
    const before = await rowCount();
    const file = { name: "retry.pdf", type: "application/pdf", data: pdfWith("retry") };
    const key = { "idempotency-key": "attachment-retry-0001" };
    const first = await upload(sp, file, { headers: key });
    const second = await upload(sp, file, { headers: key });
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(second.statusCode, 201);
    assert.equal(second.headers["idempotent-replayed"], "true");
    assert.equal(second.json().id, first.json().id);
    assert.equal(await rowCount(), before + 1);
    const changed = await upload(sp, { ...file, data: pdfWith("other") }, { headers: key });
    assert.equal(changed.statusCode, 422, changed.body);
    assert.equal(await rowCount(), before + 1);
  });
});
