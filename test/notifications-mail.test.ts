import assert from "node:assert/strict";
import { once } from "node:events";
import net from "node:net";
import { after, before, test } from "node:test";
import nodemailer from "nodemailer";
import { setClock } from "../src/modules/auth/clock.ts";
import { drainOutbox } from "../src/modules/notifications/notifications.mail.ts";
import { startTestApp, type TestApp, testConfig } from "./support/app.ts";
import { createOrgWithUser, type TestUser } from "./support/auth.ts";
import { call, recordsEnv, seed } from "./support/records.ts";
import { describeEachStore } from "./support/stores.ts";

/** A minimal SMTP server that accepts every message and keeps its raw text (a capture, not a mock). */
async function fakeSmtp() {
  const messages: { from: string; to: string[]; data: string }[] = [];
  const server = net.createServer((socket) => {
    let buffer = "";
    let inData = false;
    let current = { from: "", to: [] as string[], data: "" };
    socket.write("220 capture ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          current.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          messages.push(current);
          current = { from: "", to: [], data: "" };
          socket.write("250 queued\r\n");
          continue;
        }
        const nl = buffer.indexOf("\r\n");
        if (nl < 0) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250 capture\r\n");
        else if (verb === "MAIL") {
          current.from = line;
          socket.write("250 ok\r\n");
        } else if (verb === "RCPT") {
          current.to.push(line);
          socket.write("250 ok\r\n");
        } else if (verb === "DATA") {
          inData = true;
          socket.write("354 go\r\n");
        } else if (verb === "QUIT") {
          socket.end("221 bye\r\n");
        } else socket.write("250 ok\r\n");
      }
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as net.AddressInfo).port;
  return { messages, url: `smtp://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

describeEachStore("notification e-mail", (backend) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof fakeSmtp>>;
  let sender: TestUser;
  let intake: TestUser;
  let advocate: TestUser;
  before(async () => {
    smtp = await fakeSmtp();
    t = await startTestApp(backend, { ...recordsEnv(), HARBOR_SMTP_URL: smtp.url });
    sender = await createOrgWithUser(t.store, {
      orgId: "ml-ngo",
      orgType: "service_provider",
      roles: ["advocate"],
    });
    intake = await createOrgWithUser(t.store, {
      orgId: "ml-shelter",
      orgType: "service_provider",
      roles: ["intake"],
    });
    advocate = await createOrgWithUser(t.store, {
      orgId: "ml-shelter",
      orgType: "service_provider",
      roles: ["advocate"],
    });
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  test("a new referral mails the recipient's intake and advocate users, saying only that there is a new item", async () => {
    const created = await call(t.app, "POST", "/api/v1/cases", sender.headers, { title: "Mail case" });
    const caseId = created.body.id as string;
    const victim = await seed.person(t.store, {
      orgId: "ml-ngo",
      caseId,
      role: "victim",
      protected1367: false,
    });
    await seed.consent(t.store, {
      orgId: "ml-ngo",
      caseId,
      personId: victim.id,
      recipientOrgId: "ml-shelter",
      purpose: "services_referral",
      expiresAt: new Date(Date.now() + 30 * 86_400_000),
    });
    const sent = await call(t.app, "POST", "/api/v1/referrals", sender.headers, {
      caseId,
      personId: victim.id,
      recipient: { orgId: "ml-shelter" },
      purpose: "immigration_legal",
    });
    assert.equal(sent.status, 201, sent.raw);
    const config = testConfig({ HARBOR_SMTP_URL: smtp.url, PUBLIC_BASE_URL: "https://harbor.example.org" });
    const transport = nodemailer.createTransport(smtp.url);
    const count = await drainOutbox(t.store, config, transport);
    assert.equal(count, 2);
    assert.equal(await drainOutbox(t.store, config, transport), 0, "nothing is sent twice");
    assert.equal(smtp.messages.length, 2);
    const to = smtp.messages.flatMap((m) => m.to).join(" ");
    assert.ok(to.includes(intake.email) && to.includes(advocate.email));
    for (const m of smtp.messages) {
      assert.match(m.data, /You have a new item in Harbor/);
      assert.match(m.data, /https:\/\/harbor\.example\.org\/notifications/);
      for (const secret of [
        ...Object.values(victim.values),
        caseId,
        victim.id,
        sent.body.id,
        "ml-ngo",
        "Org ml-ngo",
        "immigration",
      ])
        assert.ok(!m.data.includes(secret), `mail must not contain ${secret}`);
    }
    const outbox = await t.store.db.selectFrom("notification_emails").selectAll().execute();
    assert.ok(outbox.every((r) => r.sent_at !== null));
  });

  test("a failed send is counted and retried, and keeps no server text", async () => {
    const created = await call(t.app, "POST", "/api/v1/cases", sender.headers, { title: "Mail case 2" });
    const sent = await call(t.app, "POST", "/api/v1/referrals", sender.headers, {
      caseId: created.body.id,
      recipient: { orgId: "ml-shelter" },
      purpose: "shelter",
    });
    assert.equal(sent.status, 201, sent.raw);
    const config = testConfig();
    const broken = nodemailer.createTransport({ host: "127.0.0.1", port: 1, connectionTimeout: 500 });
    assert.equal(await drainOutbox(t.store, config, broken), 0);
    const failed = await t.store.db
      .selectFrom("notification_emails")
      .selectAll()
      .where("sent_at", "is", null)
      .execute();
    assert.equal(failed.length, 2);
    assert.ok(failed.every((r) => r.attempts >= 1 && r.last_error === "send_failed"));
    const restore = setClock(() => new Date(Date.now() + 10 * 60_000)); // past the retry delay
    try {
      assert.equal(await drainOutbox(t.store, config, nodemailer.createTransport(smtp.url)), 2);
    } finally {
      restore();
    }
  });
});
