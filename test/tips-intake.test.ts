import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import { verifyChain } from "../src/modules/audit/audit.service.ts";
import { startTestApp, type TestApp } from "./support/app.ts";
import { createOrgWithUser, type TestUser } from "./support/auth.ts";
import { recordsEnv } from "./support/records.ts";
import { describeEachStore } from "./support/stores.ts";

// A tip is usually written in two statements (one read, one write of every row: tips.intake.ts) and,
// the first time for a chain or a search index, through each module's own writes. Both paths must leave
// the same records: the tip, its data key, its tokens and exactly one audit record, the chain intact.
describeEachStore(
  "Tip intake: both write paths leave the same records, and a chain that verifies",
  (backend) => {
    let t: TestApp;
    const partners: TestUser[] = [];
    let ip = 1;

    const tip = (n: number, headers: Record<string, string> = {}) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/tips",
        headers,
        remoteAddress: `10.77.0.${ip++ % 250}`,
        payload: {
          narrative: `DEMO — workers number ${n} sleep in the packing shed behind the orchard`,
          reporter: { phone: "+1 202-555-0150" },
          location: { state: "TX", city: "Synthetic City" },
          facts: {
            victim: { age: 16, citizenship: "foreign_national" },
            exploitation: ["labor_trafficking"],
          },
        },
      });

    before(async () => {
      t = await startTestApp(backend, {
        ...recordsEnv(),
        HARBOR_TIP_ORG: "intake-hotline",
        HARBOR_TIP_RATE_LIMIT: "1000",
      });
      await createOrgWithUser(t.store, { orgId: "intake-hotline", orgType: "hotline", roles: ["intake"] });
      for (const orgId of ["intake-p1", "intake-p2", "intake-p3"])
        partners.push(
          await createOrgWithUser(t.store, { orgId, orgType: "service_provider", roles: ["intake"] }),
        );
    });
    after(() => t.close());

    test("first and later tips, concurrent, from partners and the public: every tip complete, the chain verifies", async () => {
      const senders = [...partners.map((p) => p.headers), {}];
      // The first tip of each organization runs alone (it creates the search key), then the rest at once.
      const first = await Promise.all(senders.map((h, i) => tip(i, h)));
      const rest = await Promise.all(
        Array.from({ length: 40 }, (_, i) => tip(100 + i, senders[i % senders.length])),
      );
      const all = [...first, ...rest];
      for (const r of all) assert.equal(r.statusCode, 201, r.body);
      const ids = all.map((r) => r.json().id as string);

      const tips = await t.store.db
        .selectFrom("tips as tp")
        .leftJoin("data_keys as dk", (j) =>
          j.onRef("dk.org_id", "=", "tp.org_id").onRef("dk.id", "=", "tp.data_key_id"),
        )
        .leftJoin("search_tokens as st", (j) =>
          j
            .onRef("st.org_id", "=", "tp.org_id")
            .on("st.record_type", "=", "tip")
            .onRef("st.record_id", "=", sql`tp.id::text`),
        )
        .select(["tp.id", "tp.org_id", "dk.owner_id", "st.tokens", "st.case_id"])
        .where("tp.id", "in", ids)
        .execute();
      assert.equal(tips.length, ids.length);
      for (const row of tips) {
        assert.equal(row.owner_id, row.id, "the tip's data key is stored with it");
        assert.ok(row.tokens && row.tokens.length > 5, "the narrative is indexed");
        assert.equal(row.case_id, null);
      }
      const orgs = new Set(tips.map((r) => r.org_id));
      assert.deepEqual([...orgs].sort(), ["intake-hotline", "intake-p1", "intake-p2", "intake-p3"]);

      const audits = await t.store.db
        .selectFrom("audit_events")
        .select(["org_id", "target_ids"])
        .where("action", "=", "tip.submit")
        .execute();
      for (const row of tips) {
        const mine = audits.filter((a) => a.target_ids.includes(row.id));
        assert.equal(mine.length, 1, "exactly one audit record per tip");
        assert.equal(mine[0]!.org_id, row.org_id, "in the receiving organization's chain");
      }
      const verified = await verifyChain(t.store.db);
      assert.ok(verified.ok, JSON.stringify(verified));

      // The sealed text opens for the receiving organization, whichever path wrote it.
      for (const [i, p] of partners.entries()) {
        for (const r of [first[i]!, rest[i]!]) {
          const back = await t.app.inject({ url: `/api/v1/tips/${r.json().id}`, headers: p.headers });
          assert.equal(back.statusCode, 200);
          assert.match(back.json().narrative, /packing shed/);
          assert.equal(back.json().reporter.phone, "+1 202-555-0150");
        }
      }
    });

    test("a configured intake organization that does not exist: 503 no_tip_org, nothing written", async () => {
      const other = await startTestApp(backend, { ...recordsEnv(), HARBOR_TIP_ORG: "no-such-org" });
      try {
        const count = async () => ({
          tips: (await other.store.db.selectFrom("tips").select("id").execute()).length,
          keys: (await other.store.db.selectFrom("data_keys").select("id").execute()).length,
          audits: (await other.store.db.selectFrom("audit_events").select("seq").execute()).length,
        });
        const before = await count();
        const r = await other.app.inject({
          method: "POST",
          url: "/api/v1/tips",
          remoteAddress: "10.78.0.1",
          payload: { narrative: "DEMO — nobody to receive this" },
        });
        assert.equal(r.statusCode, 503);
        assert.equal(r.json().error.code, "no_tip_org");
        assert.deepEqual(await count(), before);
      } finally {
        await other.close();
      }
    });
  },
);
