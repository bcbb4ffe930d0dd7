import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import fc from "fast-check";
import { blindIndex } from "../src/modules/crypto/blind-index.ts";
import { fieldCryptoOf } from "../src/modules/crypto/crypto.service.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, type TestUser } from "./support/auth.ts";
import { call, canary, recordsEnv } from "./support/records.ts";
import { describeEachStore } from "./support/stores.ts";

const TABLES = [
  "case_events",
  "case_identifiers",
  "charges",
  "arrests",
  "adjudications",
  "sentences",
] as const;
const tomorrow = () => new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);

describeEachStore(
  "case facts: events, identifiers, charges, arrests, adjudications, sentences",
  (backend) => {
    let t: TestApp;
    let owner: TestUser;
    let stranger: TestUser;
    let caseId: string;
    let suspectId: string;
    let victimId: string;
    before(async () => {
      t = await startTestApp(backend, recordsEnv());
      owner = await createOrgWithUser(t.store, {
        orgId: "cf-pd",
        orgType: "law_enforcement",
        roles: ["investigator"],
      });
      stranger = await createOrgWithUser(t.store, {
        orgId: "cf-other",
        orgType: "law_enforcement",
        roles: ["investigator"],
      });
      caseId = (await call(t.app, "POST", "/api/v1/cases", owner.headers, { title: "Facts" })).body.id;
      const s = await call(t.app, "POST", `/api/v1/cases/${caseId}/persons`, owner.headers, {
        role: "suspect",
      });
      assert.equal(s.status, 201, s.raw);
      suspectId = s.body.id;
      victimId = (
        await call(t.app, "POST", `/api/v1/cases/${caseId}/persons`, owner.headers, { role: "victim" })
      ).body.id;
    });
    after(() => t.close());

    const counts = async () => {
      const out: Record<string, number> = {};
      for (const table of TABLES) {
        const r = await t.store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow();
        out[table] = Number(r.n);
      }
      return out;
    };
    const patch = (url: string, user: TestUser, version: number | undefined, payload: object) =>
      t.app.inject({
        method: "PATCH",
        url,
        headers: { ...user.headers, ...(version === undefined ? {} : { "if-match": `W/"${version}"` }) },
        payload,
      });
    const post = (url: string, payload: object, user = owner) =>
      call(t.app, "POST", url, user.headers, payload);

    test("an event: sealed place, listed, edited from its version (stale 412), voided, on the timeline", async () => {
      const place = canary("PLACE");
      const e = await post(`/api/v1/cases/${caseId}/events`, {
        kind: "recruitment",
        place: `${place} bus station`,
        description: canary("DESC"),
        state: "TX",
        country: "US",
        startedOn: "2024-03-01",
        endedOn: "2024-03-05",
      });
      assert.equal(e.status, 201, e.raw);
      assert.equal(e.body.place, `${place} bus station`);
      const raw = await t.store.db
        .selectFrom("case_events")
        .selectAll()
        .where("id", "=", e.body.id)
        .executeTakeFirstOrThrow();
      assert.ok(raw.place_enc && !raw.place_enc.includes(place), "the place is sealed at rest");
      const list = await call(t.app, "GET", `/api/v1/cases/${caseId}/events`, owner.headers);
      assert.equal(list.body.events.length, 1);
      assert.equal(list.body.events[0].description, e.body.description);
      const found = await call(t.app, "GET", `/api/v1/cases/search?q=${place}`, owner.headers);
      assert.equal(found.body.cases[0]?.id, caseId, "the place is found by case search");

      const missing = await patch(`/api/v1/events/${e.body.id}`, owner, undefined, { state: "CA" });
      assert.equal(missing.statusCode, 428);
      const ok = await patch(`/api/v1/events/${e.body.id}`, owner, 1, { kind: "exploitation", state: "CA" });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().version, 2);
      assert.equal(ok.json().place, `${place} bus station`, "fields not sent are kept");
      const stale = await patch(`/api/v1/events/${e.body.id}`, owner, 1, { state: "NM" });
      assert.equal(stale.statusCode, 412);
      assert.match(stale.json().error.message, /version 2/);

      const voided = await call(
        t.app,
        "POST",
        `/api/v1/events/${e.body.id}/void`,
        { ...owner.headers, "if-match": 'W/"2"' },
        { reason: "entered_in_error" },
      );
      assert.equal(voided.status, 200, voided.raw);
      assert.equal(voided.body.voidReason, "entered_in_error");
      const after = await call(t.app, "GET", `/api/v1/cases/${caseId}/events`, owner.headers);
      assert.equal(after.body.events.length, 0, "voided facts leave the list");
      const all = await call(
        t.app,
        "GET",
        `/api/v1/cases/${caseId}/events?includeVoided=true`,
        owner.headers,
      );
      assert.equal(all.body.events.length, 1);
      const gone = await call(t.app, "GET", `/api/v1/cases/search?q=${place}`, owner.headers);
      assert.equal(gone.body.cases.length, 0, "a voided place is no longer found");

      const timeline = await call(t.app, "GET", `/api/v1/cases/${caseId}/timeline`, owner.headers);
      const kinds = timeline.body.entries.map((x: { kind: string }) => x.kind);
      for (const k of ["event.added", "event.edited", "event.voided"]) assert.ok(kinds.includes(k), k);
      const audits = await t.store.db
        .selectFrom("audit_events")
        .select(["action", "outcome"])
        .where("action", "like", "case_event.%")
        .execute();
      for (const a of ["case_event.create", "case_event.update", "case_event.void", "case_event.list"])
        assert.ok(
          audits.some((x) => x.action === a && x.outcome === "success"),
          a,
        );
    });

    test("identifiers: normalized before the blind index (E.164, lower-case e-mail), sealed, exact match", async () => {
      const phone = await post(`/api/v1/cases/${caseId}/identifiers`, {
        kind: "phone",
        value: "(415) 555-0123",
        personId: suspectId,
      });
      assert.equal(phone.status, 201, phone.raw);
      assert.equal(phone.body.value, "+14155550123");
      const mail = await post(`/api/v1/cases/${caseId}/identifiers`, {
        kind: "email",
        value: " Boss@Example.ORG ",
      });
      assert.equal(mail.body.value, "boss@example.org");
      const rows = await t.store.db.selectFrom("case_identifiers").selectAll().execute();
      const key = fieldCryptoOf(t.store).indexKey;
      const byId = new Map(rows.map((r) => [r.id, r]));
      assert.equal(byId.get(phone.body.id)?.value_bidx, blindIndex(key, "phone", "+1 415 555 0123"));
      assert.equal(byId.get(mail.body.id)?.value_bidx, blindIndex(key, "email", "boss@example.org"));
      assert.ok(!byId.get(phone.body.id)?.value_enc.includes("4155550123"), "sealed at rest");
      // Any spelling of the same plate gives the same token.
      const plates = await Promise.all(
        ["ABC-1234", "abc 1234"].map((value) =>
          post(`/api/v1/cases/${caseId}/identifiers`, { kind: "vehicle", value }),
        ),
      );
      const tokens = await t.store.db
        .selectFrom("case_identifiers")
        .select("value_bidx")
        .where(
          "id",
          "in",
          plates.map((p) => p.body.id),
        )
        .execute();
      assert.equal(new Set(tokens.map((x) => x.value_bidx)).size, 1);
      const edited = await patch(`/api/v1/identifiers/${mail.body.id}`, owner, 1, {
        value: "other@example.org",
      });
      assert.equal(edited.statusCode, 200);
      assert.equal(edited.json().value, "other@example.org");
      const list = await call(t.app, "GET", `/api/v1/cases/${caseId}/identifiers`, owner.headers);
      assert.equal(list.body.identifiers.length, 4);
    });

    test("charges, arrests, adjudications, sentences of a suspect; HTCDS-relevant codes kept", async () => {
      await post(`/api/v1/cases/${caseId}/events`, {
        kind: "exploitation",
        country: "US",
        startedOn: "2024-01-10",
      });
      const charge = await post(`/api/v1/cases/${caseId}/charges`, {
        personId: suspectId,
        statute: "18 U.S.C. § 1591(a)",
        nibrsCode: "64A",
        jurisdiction: "federal",
        filedOn: "2024-06-01",
      });
      assert.equal(charge.status, 201, charge.raw);
      const arrest = await post(`/api/v1/cases/${caseId}/arrests`, {
        personId: suspectId,
        arrestedOn: "2024-05-20",
        agencyType: "federal_le",
      });
      assert.equal(arrest.status, 201, arrest.raw);
      const adj = await post(`/api/v1/cases/${caseId}/adjudications`, {
        chargeId: charge.body.id,
        outcome: "convicted",
        decidedOn: "2025-02-01",
      });
      assert.equal(adj.status, 201, adj.raw);
      const sentence = await post(`/api/v1/cases/${caseId}/sentences`, {
        adjudicationId: adj.body.id,
        prisonMonths: 180,
        restitutionCents: 1_250_000,
        sentencedOn: "2025-04-01",
      });
      assert.equal(sentence.status, 201, sentence.raw);
      const edited = await patch(`/api/v1/sentences/${sentence.body.id}`, owner, 1, { prisonMonths: 200 });
      assert.equal(edited.statusCode, 200);
      assert.equal(edited.json().prisonMonths, 200);
      assert.equal(edited.json().restitutionCents, 1_250_000);
      for (const [plural, n] of [
        ["charges", 1],
        ["arrests", 1],
        ["adjudications", 1],
        ["sentences", 1],
      ] as const) {
        const list = await call(t.app, "GET", `/api/v1/cases/${caseId}/${plural}`, owner.headers);
        assert.equal(list.body[plural].length, n, plural);
      }
      const voidCharge = await call(
        t.app,
        "POST",
        `/api/v1/charges/${charge.body.id}/void`,
        { ...owner.headers, "if-match": 'W/"1"' },
        { reason: "withdrawn" },
      );
      assert.equal(voidCharge.status, 409, "a charge with an adjudication is not voided first");
      const stale = await patch(`/api/v1/charges/${charge.body.id}`, owner, 7, { jurisdiction: "state" });
      assert.equal(stale.statusCode, 412);
    });

    test("bad input: 400 naming the field, nothing written", async () => {
      const charge = await post(`/api/v1/cases/${caseId}/charges`, {
        personId: suspectId,
        statute: "18 U.S.C. 1589",
        nibrsCode: "64B",
        jurisdiction: "federal",
      });
      assert.equal(charge.status, 201, charge.raw);
      const acquitted = await post(`/api/v1/cases/${caseId}/adjudications`, {
        chargeId: charge.body.id,
        outcome: "acquitted",
        decidedOn: "2025-01-01",
      });
      assert.equal(acquitted.status, 201);
      const before = await counts();
      const cases: [string, object, string][] = [
        ["events", { kind: "transit", startedOn: tomorrow() }, "body.startedOn"],
        ["events", { kind: "transit", startedOn: "2024-05-02", endedOn: "2024-05-01" }, "body.endedOn"],
        ["events", { kind: "transit", country: "XX" }, "body.country"],
        ["events", { kind: "party" }, "body.kind"],
        ["identifiers", { kind: "phone", value: "not a phone" }, "body.value"],
        ["identifiers", { kind: "email", value: "nobody" }, "body.value"],
        [
          "identifiers",
          { kind: "phone", value: "4155550100", personId: crypto.randomUUID() },
          "body.personId",
        ],
        [
          "charges",
          { personId: suspectId, statute: "18 U.S.C. 1591", nibrsCode: "64B", jurisdiction: "federal" },
          "body.nibrsCode",
        ],
        [
          "charges",
          { personId: suspectId, statute: "18 USC 1589", nibrsCode: "64A", jurisdiction: "federal" },
          "body.nibrsCode",
        ],
        [
          "charges",
          { personId: victimId, statute: "18 U.S.C. 1591", nibrsCode: "64A", jurisdiction: "federal" },
          "body.personId",
        ],
        [
          "charges",
          { personId: suspectId, statute: "<script>", nibrsCode: "64A", jurisdiction: "federal" },
          "body.statute",
        ],
        [
          "charges",
          {
            personId: suspectId,
            statute: "TX 20A.02",
            nibrsCode: "64A",
            jurisdiction: "state",
            filedOn: tomorrow(),
          },
          "body.filedOn",
        ],
        [
          "arrests",
          { personId: suspectId, arrestedOn: tomorrow(), agencyType: "local_le" },
          "body.arrestedOn",
        ],
        [
          "arrests",
          { personId: suspectId, arrestedOn: "2020-01-01", agencyType: "local_le" },
          "body.arrestedOn",
        ],
        [
          "arrests",
          { personId: victimId, arrestedOn: "2024-06-01", agencyType: "local_le" },
          "body.personId",
        ],
        ["adjudications", { chargeId: charge.body.id, outcome: "convicted" }, "body.chargeId"],
        ["adjudications", { chargeId: crypto.randomUUID(), outcome: "convicted" }, "body.chargeId"],
        ["sentences", { adjudicationId: acquitted.body.id, prisonMonths: 12 }, "body.adjudicationId"],
        ["sentences", { adjudicationId: acquitted.body.id, prisonMonths: -1 }, "body.prisonMonths"],
      ];
      for (const [plural, payload, field] of cases) {
        const r = await post(`/api/v1/cases/${caseId}/${plural}`, payload);
        assert.equal(r.status, 400, `${plural} ${JSON.stringify(payload)}: ${r.raw}`);
        assert.ok(r.body.error.message.startsWith(field), `${field}: ${r.body.error.message}`);
      }
      const badPatch = await patch(`/api/v1/charges/${charge.body.id}`, owner, 1, { nibrsCode: "64A" });
      assert.equal(badPatch.statusCode, 400);
      assert.match(badPatch.json().error.message, /^body\.nibrsCode/);
      assert.deepEqual(await counts(), before, "nothing written by any rejected request");
    });

    test("property: any future date is refused, naming the field", async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 2, max: 4000 }), async (days) => {
          const day = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
          const r = await post(`/api/v1/cases/${caseId}/events`, { kind: "transit", endedOn: day });
          return r.status === 400 && r.body.error.message.startsWith("body.endedOn");
        }),
        { numRuns: 15 },
      );
    });

    test("another organization: 404 on every route, audited as denied, nothing changed", async () => {
      const e = await post(`/api/v1/cases/${caseId}/events`, { kind: "transit" });
      const before = await counts();
      for (const plural of ["events", "identifiers", "charges", "arrests", "adjudications", "sentences"]) {
        const list = await call(t.app, "GET", `/api/v1/cases/${caseId}/${plural}`, stranger.headers);
        assert.equal(list.status, 404, plural);
      }
      const add = await post(`/api/v1/cases/${caseId}/events`, { kind: "transit" }, stranger);
      assert.equal(add.status, 404);
      const edit = await patch(`/api/v1/events/${e.body.id}`, stranger, 1, { state: "TX" });
      assert.equal(edit.statusCode, 404);
      const voided = await call(
        t.app,
        "POST",
        `/api/v1/events/${e.body.id}/void`,
        { ...stranger.headers, "if-match": 'W/"1"' },
        { reason: "duplicate" },
      );
      assert.equal(voided.status, 404);
      assert.deepEqual(await counts(), before);
      const denied = await t.store.db
        .selectFrom("audit_events")
        .select("action")
        .where("outcome", "=", "denied")
        .where("action", "in", ["case_event.update", "case_event.void", "case_event.create"])
        .execute();
      assert.ok(denied.length >= 3);
    });
  },
);
