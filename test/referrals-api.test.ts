import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { clock, manualClock } from "../src/modules/auth/clock.ts";
import { sweepLapsedReferralShares } from "../src/modules/referrals/referrals.sweep.ts";
import { workItems } from "../src/modules/referrals/referrals.work.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, type TestUser } from "./support/auth.ts";
import { call, recordsEnv, seed } from "./support/records.ts";
import { describeEachStore } from "./support/stores.ts";

const DAY = 86_400_000;

describeEachStore("referrals between organizations", (backend) => {
  let t: TestApp;
  let sender: TestUser; // advocate of a service provider (a VAWA-gated owner)
  let senderIntake: TestUser;
  let intake: TestUser; // recipient's intake
  let advocate: TestUser; // recipient's advocate
  let analyst: TestUser; // recipient's analyst: reads, may not answer
  let stranger: TestUser;
  let clockCtl: ReturnType<typeof manualClock>;

  before(async () => {
    clockCtl = manualClock(new Date());
    t = await startTestApp(backend, recordsEnv());
    sender = await createOrgWithUser(t.store, {
      orgId: "rf-ngo",
      orgType: "service_provider",
      roles: ["advocate"],
    });
    senderIntake = await createOrgWithUser(t.store, {
      orgId: "rf-ngo",
      orgType: "service_provider",
      roles: ["intake"],
    });
    intake = await createOrgWithUser(t.store, {
      orgId: "rf-shelter",
      orgType: "service_provider",
      roles: ["intake"],
    });
    advocate = await createOrgWithUser(t.store, {
      orgId: "rf-shelter",
      orgType: "service_provider",
      roles: ["advocate"],
    });
    analyst = await createOrgWithUser(t.store, {
      orgId: "rf-shelter",
      orgType: "service_provider",
      roles: ["analyst"],
    });
    stranger = await createOrgWithUser(t.store, {
      orgId: "rf-other",
      orgType: "law_enforcement",
      roles: ["investigator"],
    });
  });
  after(async () => {
    await t.close();
    clockCtl.restore();
  });

  /** A case of the sender with one victim (canary values), and optionally a consent for the shelter. */
  async function caseWithVictim(consent?: {
    expiresInMs?: number;
    purpose?: "services_referral" | "law_enforcement_sharing";
  }) {
    const created = await call(t.app, "POST", "/api/v1/cases", sender.headers, { title: "Referral case" });
    assert.equal(created.status, 201, created.raw);
    const caseId = created.body.id as string;
    const victim = await seed.person(t.store, {
      orgId: "rf-ngo",
      caseId,
      role: "victim",
      protected1367: false,
    });
    let consentId: string | undefined;
    if (consent) {
      consentId = await seed.consent(t.store, {
        orgId: "rf-ngo",
        caseId,
        personId: victim.id,
        recipientOrgId: "rf-shelter",
        purpose: consent.purpose ?? "services_referral",
        expiresAt: new Date(clock.now().getTime() + (consent.expiresInMs ?? 30 * DAY)),
      });
    }
    return { caseId, victim, consentId };
  }

  const send = (
    caseId: string,
    personId: string,
    extra: Record<string, unknown> = {},
    headers = sender.headers,
  ) =>
    call(t.app, "POST", "/api/v1/referrals", headers, {
      caseId,
      personId,
      recipient: { orgId: "rf-shelter" },
      purpose: "shelter",
      ...extra,
    });
  const act = (user: TestUser, id: string, action: string, version: number | undefined, body: unknown = {}) =>
    call(
      t.app,
      "POST",
      `/api/v1/referrals/${id}/${action}`,
      { ...user.headers, ...(version === undefined ? {} : { "if-match": `W/"${version}"` }) },
      body,
    );

  test("full lifecycle with consent: sent → accepted (case shared, victim identified) → completed, notified", async () => {
    const { caseId, victim } = await caseWithVictim({});
    const check = await call(
      t.app,
      "GET",
      `/api/v1/referrals/consent-check?caseId=${caseId}&recipientOrgId=rf-shelter&purpose=shelter`,
      sender.headers,
    );
    assert.equal(check.status, 200, check.raw);
    assert.deepEqual(
      { ...check.body, expiresAt: undefined },
      { victims: 1, covered: 1, identified: true, expiresAt: undefined },
    );

    const sent = await send(caseId, victim.id);
    assert.equal(sent.status, 201, sent.raw);
    const id = sent.body.id as string;

    const incoming = await call(t.app, "GET", "/api/v1/referrals?direction=incoming", intake.headers);
    const mine = incoming.body.referrals.find((r: { id: string }) => r.id === id);
    assert.equal(mine.status, "sent");
    assert.equal(mine.sender.orgId, "rf-ngo");
    assert.equal(mine.caseId, null, "no case before acceptance");
    assert.deepEqual(mine.actions, ["accept", "decline"]);

    // The recipient's intake and advocate users were told; the analyst was not.
    for (const u of [intake, advocate]) {
      const n = await call(t.app, "GET", "/api/v1/notifications?unread=true", u.headers);
      assert.ok(
        n.body.notifications.some(
          (x: { kind: string; refId: string }) => x.kind === "referral.received" && x.refId === id,
        ),
      );
    }
    const an = await call(t.app, "GET", "/api/v1/notifications", analyst.headers);
    assert.equal(an.body.notifications.filter((x: { refId: string }) => x.refId === id).length, 0);

    const accepted = await act(intake, id, "accept", 1);
    assert.equal(accepted.status, 200, accepted.raw);
    assert.equal(accepted.body.status, "accepted");
    assert.equal(accepted.body.caseId, caseId);
    const kase = await call(t.app, "GET", `/api/v1/cases/${caseId}`, intake.headers);
    assert.equal(kase.status, 200);
    assert.equal(kase.body.persons[0].givenName, victim.values.givenName, "consent covers the victim");

    const done = await act(intake, id, "complete", 2);
    assert.equal(done.status, 200, done.raw);
    assert.equal(done.body.status, "completed");
    assert.equal(done.body.version, 3);

    const sn = await call(t.app, "GET", "/api/v1/notifications", sender.headers);
    const kinds = sn.body.notifications
      .filter((x: { refId: string }) => x.refId === id)
      .map((x: { kind: string }) => x.kind);
    assert.deepEqual(kinds.sort(), ["referral.accepted", "referral.completed"]);
    const read = await call(t.app, "POST", "/api/v1/notifications/read", sender.headers, { all: true });
    assert.equal(read.status, 200);
    assert.equal(read.body.unreadCount, 0);

    const timeline = await call(t.app, "GET", `/api/v1/cases/${caseId}/timeline`, sender.headers);
    const kindsOnCase = timeline.body.entries.map((e: { kind: string }) => e.kind);
    for (const k of ["referral.sent", "referral.accepted", "referral.completed"])
      assert.ok(kindsOnCase.includes(k), k);
  });

  test("a referral without consent moves no identifying data: recipient responses and the audit trail", async () => {
    const { caseId, victim } = await caseWithVictim();
    const sent = await send(caseId, victim.id);
    assert.equal(sent.status, 201, sent.raw);
    const id = sent.body.id as string;
    const seen: string[] = [];
    const one = await call(t.app, "GET", `/api/v1/referrals/${id}`, intake.headers);
    assert.equal(one.status, 200);
    assert.equal(one.body.identified, false);
    assert.equal(one.body.purpose, "shelter");
    assert.equal(one.body.sender.orgId, "rf-ngo");
    seen.push(one.raw);
    const accepted = await act(intake, id, "accept", 1);
    assert.equal(accepted.status, 200, accepted.raw);
    assert.equal(accepted.body.caseId, null);
    assert.equal(accepted.body.personId, null);
    seen.push(accepted.raw);
    seen.push((await call(t.app, "GET", "/api/v1/referrals?direction=incoming", intake.headers)).raw);
    seen.push((await call(t.app, "GET", "/api/v1/notifications", intake.headers)).raw);
    const kase = await call(t.app, "GET", `/api/v1/cases/${caseId}`, intake.headers);
    assert.equal(kase.status, 404, "accepting a de-identified referral shares nothing");
    const person = await call(t.app, "GET", `/api/v1/persons/${victim.id}`, intake.headers);
    assert.equal(person.status, 404);
    for (const raw of seen) {
      for (const value of Object.values(victim.values))
        assert.ok(!raw.includes(value), "no identifying value");
      assert.ok(!raw.includes(victim.id), "no person id");
      assert.ok(!raw.includes(caseId), "no case id");
      for (const field of ["givenName", "familyName", "dateOfBirth", "phone", "email", "address"])
        assert.ok(!raw.includes(`"${field}"`), `no ${field} field`);
    }
    const audits = await t.store.db.selectFrom("audit_events").selectAll().execute();
    const all = JSON.stringify(audits);
    for (const value of Object.values(victim.values))
      assert.ok(!all.includes(value), "audit holds no identifying value");
    const recipientReads = audits.filter(
      (a) => a.action === "referral.read" && a.actor_user_id === intake.userId && a.org_id === "rf-shelter",
    );
    assert.ok(
      recipientReads.some((a) => JSON.stringify(a.target_ids).includes(id)),
      "the recipient's read is audited",
    );
    assert.ok(
      !audits.some(
        (a) =>
          a.action === "person.read_identifying" &&
          a.actor_org_id === "rf-shelter" &&
          JSON.stringify(a.target_ids).includes(victim.id),
      ),
    );
  });

  test("consent revoked after sending: accepted de-identified; revoked after accepting: the victim is hidden at once", async () => {
    const first = await caseWithVictim({});
    const sent = await send(first.caseId, first.victim.id);
    assert.equal(sent.body && sent.status, 201);
    const revoke = await call(
      t.app,
      "POST",
      `/api/v1/consents/${first.consentId}/revoke`,
      sender.headers,
      {},
    );
    assert.equal(revoke.status, 200, revoke.raw);
    const accepted = await act(advocate, sent.body.id, "accept", 1);
    assert.equal(accepted.status, 200, accepted.raw);
    assert.equal(accepted.body.identified, false);
    assert.equal((await call(t.app, "GET", `/api/v1/cases/${first.caseId}`, advocate.headers)).status, 404);

    const second = await caseWithVictim({ expiresInMs: 2 * DAY });
    const s2 = await send(second.caseId, second.victim.id);
    const a2 = await act(advocate, s2.body.id, "accept", 1);
    assert.equal(a2.body.identified, true);
    const before = await call(t.app, "GET", `/api/v1/cases/${second.caseId}`, advocate.headers);
    assert.equal(before.body.persons[0].familyName, second.victim.values.familyName);
    clockCtl.advance(3 * DAY); // the consent expires
    const afterExpiry = await call(t.app, "GET", `/api/v1/cases/${second.caseId}`, advocate.headers);
    assert.equal(afterExpiry.status, 200);
    assert.equal(afterExpiry.body.persons[0].identityWithheld, true);
    assert.ok(!afterExpiry.raw.includes(second.victim.values.familyName));
  });

  test("a law-enforcement owner's referral: once consent lapses after acceptance, the sweep removes the share", async () => {
    await sweepLapsedReferralShares(t.store); // earlier tests' lapsed consents: their shares go first
    const pd = await createOrgWithUser(t.store, {
      orgId: "rf-pd",
      orgType: "law_enforcement",
      roles: ["investigator"],
    });
    const created = await call(t.app, "POST", "/api/v1/cases", pd.headers, { title: "PD case" });
    const caseId = created.body.id as string;
    const victim = await seed.person(t.store, {
      orgId: "rf-pd",
      caseId,
      role: "victim",
      protected1367: false,
    });
    const consentId = await seed.consent(t.store, {
      orgId: "rf-pd",
      caseId,
      personId: victim.id,
      recipientOrgId: "rf-shelter",
      purpose: "services_referral",
      expiresAt: new Date(clock.now().getTime() + 30 * DAY),
    });
    const sent = await call(t.app, "POST", "/api/v1/referrals", pd.headers, {
      caseId,
      personId: victim.id,
      recipient: { orgId: "rf-shelter" },
      purpose: "shelter",
    });
    assert.equal(sent.status, 201, sent.raw);
    assert.equal((await act(intake, sent.body.id, "accept", 1)).body.identified, true);
    assert.equal(await sweepLapsedReferralShares(t.store), 0, "consent still covers it");
    const shown = await call(t.app, "GET", `/api/v1/cases/${caseId}`, intake.headers);
    assert.equal(shown.body.persons[0].givenName, victim.values.givenName);
    await t.store.db
      .updateTable("consents")
      .set({ revoked_at: clock.now(), revoked_by: "test" })
      .where("id", "=", consentId)
      .execute();
    // The policy does not gate a law-enforcement owner's victims: only removing the share hides them.
    assert.equal(await sweepLapsedReferralShares(t.store), 1);
    assert.equal((await call(t.app, "GET", `/api/v1/cases/${caseId}`, intake.headers)).status, 404);
    const after = await call(t.app, "GET", `/api/v1/referrals/${sent.body.id}`, pd.headers);
    assert.equal(after.body.identified, false);
    assert.equal(after.body.status, "accepted");
    const timeline = await call(t.app, "GET", `/api/v1/cases/${caseId}/timeline`, pd.headers);
    assert.ok(timeline.body.entries.some((e: { kind: string }) => e.kind === "referral.consent_lapsed"));
  });

  test("invalid transitions answer 409 with the state; wrong side 403; no If-Match 428; stale 412", async () => {
    const { caseId, victim } = await caseWithVictim({});
    const id = (await send(caseId, victim.id)).body.id as string;
    assert.equal((await act(intake, id, "complete", 1)).status, 409);
    assert.equal((await act(intake, id, "accept", undefined)).status, 428);
    assert.equal((await act(intake, id, "accept", 7)).status, 412);
    assert.equal((await act(sender, id, "accept", 1)).status, 403, "the sender does not answer");
    assert.equal((await act(intake, id, "revoke", 1)).status, 403, "the recipient does not revoke");
    assert.equal((await act(analyst, id, "accept", 1)).status, 403, "an analyst does not answer");
    assert.equal((await act(stranger, id, "accept", 1)).status, 404, "outsiders see nothing");
    assert.equal((await act(intake, id, "decline", 1, {})).status, 400, "a decline needs a reason");
    const declined = await act(intake, id, "decline", 1, { reason: "no_capacity" });
    assert.equal(declined.status, 200, declined.raw);
    assert.equal(declined.body.declineReason, "no_capacity");
    const again = await act(intake, id, "accept", 2);
    assert.equal(again.status, 409);
    assert.match(again.body.error.message, /declined/);
    assert.equal((await act(sender, id, "revoke", 2)).status, 409, "a declined referral cannot be revoked");
  });

  test("concurrent accept and decline: exactly one wins", async () => {
    const { caseId, victim } = await caseWithVictim({});
    const id = (await send(caseId, victim.id)).body.id as string;
    const [a, d] = await Promise.all([
      act(intake, id, "accept", 1),
      act(advocate, id, "decline", 1, { reason: "no_capacity" }),
    ]);
    const statuses = [a.status, d.status].sort();
    assert.deepEqual(statuses, [200, 412], `${a.raw} ${d.raw}`);
    const final = await call(t.app, "GET", `/api/v1/referrals/${id}`, sender.headers);
    assert.equal(final.body.version, 2);
  });

  test("revoking an accepted referral removes its share", async () => {
    const { caseId, victim } = await caseWithVictim({});
    const id = (await send(caseId, victim.id)).body.id as string;
    await act(intake, id, "accept", 1);
    assert.equal((await call(t.app, "GET", `/api/v1/cases/${caseId}`, intake.headers)).status, 200);
    assert.equal(
      (await act(senderIntake, id, "revoke", 2)).status,
      403,
      "intake may not share, so may not revoke",
    );
    const revoked = await act(sender, id, "revoke", 2);
    assert.equal(revoked.status, 200, revoked.raw);
    assert.equal((await call(t.app, "GET", `/api/v1/cases/${caseId}`, intake.headers)).status, 404);
    const n = await call(t.app, "GET", "/api/v1/notifications", intake.headers);
    assert.ok(
      n.body.notifications.some(
        (x: { kind: string; refId: string }) => x.kind === "referral.revoked" && x.refId === id,
      ),
    );
  });

  test("sending is idempotent: a retried send creates one referral", async () => {
    const { caseId, victim } = await caseWithVictim({});
    const headers = { ...sender.headers, "idempotency-key": `rf-${caseId}` };
    const [one, two] = await Promise.all([
      send(caseId, victim.id, {}, headers),
      send(caseId, victim.id, {}, headers),
    ]);
    assert.equal(one.status, 201);
    assert.equal(two.status, 201);
    assert.equal(one.body.id, two.body.id);
    const out = await call(
      t.app,
      "GET",
      `/api/v1/referrals?direction=outgoing&caseId=${caseId}`,
      sender.headers,
    );
    assert.equal(out.body.referrals.length, 1);
  });

  test("bad input is refused naming the field, and nothing is written", async () => {
    const { caseId, victim } = await caseWithVictim();
    const cases = [
      [{ purpose: "spa" }, "purpose"],
      [{ recipient: { orgId: "rf-ngo" } }, "recipient"],
      [{ recipient: { orgId: "no-such-org" } }, "recipient"],
      [{ recipient: { directoryEntryId: "nope" } }, "directoryEntryId"],
      [{ respondBy: "2001-01-01T00:00:00Z" }, "respondBy"],
      [{ personId: "not-a-person" }, "personId"],
      [{ extra: 1 }, ""],
    ] as const;
    for (const [patch, field] of cases) {
      const r = await send(caseId, victim.id, patch);
      assert.equal(r.status, 400, `${JSON.stringify(patch)} → ${r.raw}`);
      assert.ok(r.raw.includes(field), r.raw);
    }
    const out = await call(
      t.app,
      "GET",
      `/api/v1/referrals?direction=outgoing&caseId=${caseId}`,
      sender.headers,
    );
    assert.equal(out.body.referrals.length, 0);
  });

  test("an unanswered referral is overdue after its respond-by time, in lists and on the home page", async () => {
    const { caseId, victim } = await caseWithVictim({});
    const respondBy = new Date(clock.now().getTime() + DAY).toISOString();
    const id = (await send(caseId, victim.id, { respondBy })).body.id as string;
    const auth = (u: TestUser, orgType: "service_provider") => ({
      kind: "user" as const,
      userId: u.userId,
      orgId: u.orgId,
      orgType,
      roles: u.roles,
      via: "token" as const,
      credentialId: "test",
    });
    const before = await workItems(t.store.db, auth(intake, "service_provider"));
    assert.equal(before[0]!.items.find((i) => i.refId === id)?.overdue, false);
    clockCtl.advance(2 * DAY);
    const list = await call(t.app, "GET", "/api/v1/referrals?direction=outgoing&status=sent", sender.headers);
    assert.equal(list.body.referrals.find((r: { id: string }) => r.id === id).overdue, true);
    const incoming = await workItems(t.store.db, auth(intake, "service_provider"));
    assert.equal(incoming[0]!.items.find((i) => i.refId === id)?.overdue, true);
    const outgoing = await workItems(t.store.db, auth(sender, "service_provider"));
    const item = outgoing[0]!.items.find((i) => i.refId === id && i.kind === "referral.outgoing_overdue");
    assert.equal(item?.caseId, caseId);
  });

  test("notifications are their user's own: others' ids are never read or marked", async () => {
    const { caseId, victim } = await caseWithVictim({});
    await send(caseId, victim.id);
    const mine = await call(t.app, "GET", "/api/v1/notifications?unread=true", intake.headers);
    const ids = mine.body.notifications.map((n: { id: string }) => n.id);
    assert.ok(ids.length > 0);
    const raw = JSON.stringify(mine.body);
    for (const value of Object.values(victim.values)) assert.ok(!raw.includes(value));
    const theirs = await call(t.app, "POST", "/api/v1/notifications/read", stranger.headers, { ids });
    assert.equal(theirs.status, 200);
    assert.equal(theirs.body.updated, 0);
    const strangerList = await call(t.app, "GET", "/api/v1/notifications", stranger.headers);
    assert.ok(!strangerList.body.notifications.some((n: { id: string }) => ids.includes(n.id)));
    const bad = await call(t.app, "POST", "/api/v1/notifications/read", intake.headers, { ids: ["nope"] });
    assert.equal(bad.status, 400);
    const count = await call(t.app, "GET", "/api/v1/notifications/unread-count", intake.headers);
    const marked = await call(t.app, "POST", "/api/v1/notifications/read", intake.headers, { ids: [ids[0]] });
    assert.equal(marked.body.updated, 1);
    assert.equal(marked.body.unreadCount, count.body.unreadCount - 1);
  });

  test("a referral to a directory entry is tracked, transmits nothing, and the sender records the answer", async () => {
    const { caseId, victim } = await caseWithVictim({});
    const entry = await t.store.db
      .selectFrom("directory_entries")
      .select("id")
      .limit(1)
      .executeTakeFirstOrThrow();
    const sent = await call(t.app, "POST", "/api/v1/referrals", sender.headers, {
      caseId,
      personId: victim.id,
      recipient: { directoryEntryId: entry.id },
      purpose: "legal",
    });
    assert.equal(sent.status, 201, sent.raw);
    const r = await act(sender, sent.body.id, "accept", 1);
    assert.equal(r.status, 200, r.raw);
    assert.equal(r.body.identified, false);
    assert.equal(r.body.recipient.directoryEntryId, entry.id);
  });
});
