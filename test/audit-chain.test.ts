import assert from "node:assert/strict";
import { type KeyObject, sign } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { type Kysely, sql, type Transaction } from "kysely";
import { canonicalJson, rowHash } from "../src/modules/audit/audit.chain.ts";
import {
  type Checkpoint,
  checkAgainstCheckpoint,
  checkpointSignatureValid,
  loadOrCreateSigningKey,
  makeCheckpoint,
} from "../src/modules/audit/audit.checkpoint.ts";
import {
  recordAudit,
  storedFields,
  type VerifyResult,
  verifyChain,
} from "../src/modules/audit/audit.service.ts";
import { setClock } from "../src/modules/auth/clock.ts";
import type { Database } from "../src/store/schema.ts";
import type { Store } from "../src/store/store.ts";
import { describeEachStore, openMigrated } from "./support/stores.ts";

const N = 1000;
const CHAIN = "org-a";
const TRIALS_PER_KIND = 150;
const ROLLBACK = new Error("rollback");

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function rng(seed: number) {
  let x = seed;
  return (n: number) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % n;
  };
}

describeEachStore("audit hash chain", (backend) => {
  let store: Store;
  const rand = rng(20261129);

  /** Applies a change through a superuser path (triggers off), verifies, and rolls everything back. */
  async function tampered(
    mutate: (trx: Transaction<Database>) => Promise<void>,
    check?: (trx: Kysely<Database>) => Promise<void>,
  ): Promise<VerifyResult> {
    let result: VerifyResult | undefined;
    await store.db
      .transaction()
      .execute(async (trx) => {
        await sql`set local session_replication_role = replica`.execute(trx);
        await mutate(trx);
        result = await verifyChain(trx);
        if (check) await check(trx);
        throw ROLLBACK;
      })
      .catch((e) => {
        if (e !== ROLLBACK) throw e;
      });
    return result as VerifyResult;
  }

  const countIn = async (chain: string) =>
    Number(
      (
        await store.db
          .selectFrom("audit_events")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("org_id", "=", chain)
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    store = await openMigrated(backend);
    const started = performance.now();
    for (let i = 0, inChain = 0; inChain < N; i++) {
      // Every eighth record belongs to another chain: org-b … org-g, or the system chain.
      const other =
        i % 8 === 7 ? ["org-b", "org-c", "org-d", "org-e", "org-f", "org-g", undefined][(i >> 3) % 7] : CHAIN;
      if (other === CHAIN) inChain++;
      await recordAudit(store.db, {
        action: ["auth.login", "case.read", "person.read_identifying", "user.disable"][i % 4] as string,
        outcome: (["success", "failure", "denied"] as const)[i % 3] as "success",
        actorUserId: `00000000-0000-4000-8000-${String(i % 97).padStart(12, "0")}`,
        ...(other ? { actorOrgId: other } : {}),
        targetType: "case",
        targetIds: [`case-${i}`],
        clientAddress: `10.0.${i % 255}.1`,
        requestId: `req-${i}`,
        details: { n: i, flag: i % 2 === 0 },
      });
    }
    console.log(`appended ${await countIn(CHAIN)} + others in ${Math.round(performance.now() - started)} ms`);
  });
  after(() => store.close());

  test("untouched chains verify; each organization's records are sequence-numbered and linked", async () => {
    const r = await verifyChain(store.db);
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(await countIn(CHAIN), N);
    assert.equal(
      r.records,
      await store.db
        .selectFrom("audit_events")
        .select("seq")
        .execute()
        .then((x) => x.length),
    );
    assert.deepEqual(
      r.chains.map((c) => c.orgId),
      ["_system", "org-a", "org-b", "org-c", "org-d", "org-e", "org-f", "org-g"],
      "one chain per organization, and the system chain",
    );
    const first = await store.db
      .selectFrom("audit_events")
      .selectAll()
      .where("org_id", "=", CHAIN)
      .where("seq", "=", 1)
      .executeTakeFirstOrThrow();
    assert.equal(first.prev_hash, "0".repeat(64));
  });

  test("timestamps are kept to the millisecond, in UTC, whatever the session's time zone (CJIS AU-8)", async () => {
    const instant = "2026-11-29T13:45:12.345Z";
    const restore = setClock(() => new Date(instant));
    try {
      await store.db
        .transaction()
        .execute(async (trx) => {
          await sql`set local timezone = 'America/Los_Angeles'`.execute(trx);
          await recordAudit(trx, { action: "case.read", outcome: "success", targetType: "case" });
          const row = await trx
            .selectFrom("audit_events")
            .selectAll()
            .where("org_id", "=", "_system")
            .orderBy("seq", "desc")
            .limit(1)
            .executeTakeFirstOrThrow();
          assert.equal(row.occurred_at.toISOString(), instant);
          assert.equal(storedFields(row).occurredAt, instant, "the hashed text is the UTC instant");
          const { rows } = await sql<{ utc: string }>`
            select to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as utc
            from audit_events where org_id = '_system' and seq = ${row.seq}`.execute(trx);
          assert.equal(rows[0]?.utc, instant, "the database holds the same instant");
          throw ROLLBACK;
        })
        .catch((e) => {
          if (e !== ROLLBACK) throw e;
        });
    } finally {
      restore();
    }
  });

  test("the database refuses UPDATE, DELETE and TRUNCATE on audit_events", async () => {
    await assert.rejects(
      store.db
        .updateTable("audit_events")
        .set({ action: "x" })
        .where("org_id", "=", CHAIN)
        .where("seq", "=", 1)
        .execute(),
      /append-only/,
    );
    await assert.rejects(
      store.db.deleteFrom("audit_events").where("org_id", "=", CHAIN).where("seq", "=", 1).execute(),
      /append-only/,
    );
    await assert.rejects(sql`truncate audit_events`.execute(store.db), /append-only/);
    assert.equal((await verifyChain(store.db)).ok, true);
  });

  test(`${TRIALS_PER_KIND} random edits: 100% detected at the edited record`, async () => {
    const edits: [string, (s: number) => ReturnType<typeof sql>][] = [
      [
        "action",
        (s) => sql`update audit_events set action = 'case.create' where org_id = 'org-a' and seq = ${s}`,
      ],
      [
        "outcome",
        (s) =>
          sql`update audit_events set outcome = case when outcome = 'success' then 'denied' else 'success' end where org_id = 'org-a' and seq = ${s}`,
      ],
      [
        "actor",
        (s) =>
          sql`update audit_events set actor_user_id = 'someone-else' where org_id = 'org-a' and seq = ${s}`,
      ],
      [
        "org",
        (s) => sql`update audit_events set actor_org_id = 'org-x' where org_id = 'org-a' and seq = ${s}`,
      ],
      [
        "moved",
        (s) => sql`update audit_events set org_id = 'org-moved' where org_id = 'org-a' and seq = ${s}`,
      ],
      [
        "time",
        (s) =>
          sql`update audit_events set occurred_at = occurred_at + interval '1 millisecond' where org_id = 'org-a' and seq = ${s}`,
      ],
      [
        "targets",
        (s) =>
          sql`update audit_events set target_ids = array['case-forged'] where org_id = 'org-a' and seq = ${s}`,
      ],
      [
        "address",
        (s) =>
          sql`update audit_events set client_address = '192.0.2.1' where org_id = 'org-a' and seq = ${s}`,
      ],
      [
        "details",
        (s) =>
          sql`update audit_events set details = details || '{"n": -1}'::jsonb where org_id = 'org-a' and seq = ${s}`,
      ],
      [
        "prev_hash",
        (s) =>
          sql`update audit_events set prev_hash = md5(prev_hash) || md5(prev_hash) where org_id = 'org-a' and seq = ${s}`,
      ],
      [
        "row_hash",
        (s) =>
          sql`update audit_events set row_hash = md5(row_hash) || md5(row_hash) where org_id = 'org-a' and seq = ${s}`,
      ],
    ];
    for (let i = 0; i < TRIALS_PER_KIND; i++) {
      const seq = 1 + rand(N);
      const [name, edit] = edits[i % edits.length] as (typeof edits)[number];
      const r = await tampered(async (trx) => void (await edit(seq).execute(trx)));
      // Editing row_hash of record s breaks the link at s (its stored hash no longer matches its content).
      assert.equal(r.ok, false, `${name} at ${seq}`);
      if (!r.ok) assert.deepEqual([r.chain, r.brokenAt], [CHAIN, seq], `${name} at ${seq}: ${r.reason}`);
    }
  });

  test(`${TRIALS_PER_KIND} random deletions: 100% detected at the deleted record`, async () => {
    for (let i = 0; i < TRIALS_PER_KIND; i++) {
      const seq = i === 0 ? N : i === 1 ? 1 : 1 + rand(N);
      const r = await tampered(
        async (trx) =>
          void (await trx
            .deleteFrom("audit_events")
            .where("org_id", "=", CHAIN)
            .where("seq", "=", seq)
            .execute()),
      );
      assert.equal(r.ok, false, `delete ${seq}`);
      if (!r.ok) assert.deepEqual([r.chain, r.brokenAt], [CHAIN, seq], `delete ${seq}: ${r.reason}`);
    }
  });

  test(`${TRIALS_PER_KIND} random reorders (two records swap places): 100% detected at the earlier one`, async () => {
    for (let i = 0; i < TRIALS_PER_KIND; i++) {
      const a = 1 + rand(N);
      let b = 1 + rand(N);
      if (b === a) b = a === N ? a - 1 : a + 1;
      const [lo, hi] = a < b ? [a, b] : [b, a];
      const r = await tampered(async (trx) => {
        await sql`update audit_events set seq = -1 where org_id = 'org-a' and seq = ${lo}`.execute(trx);
        await sql`update audit_events set seq = ${lo} where org_id = 'org-a' and seq = ${hi}`.execute(trx);
        await sql`update audit_events set seq = ${hi} where org_id = 'org-a' and seq = -1`.execute(trx);
      });
      assert.equal(r.ok, false, `swap ${lo}/${hi}`);
      if (!r.ok) assert.deepEqual([r.chain, r.brokenAt], [CHAIN, lo], `swap ${lo}/${hi}: ${r.reason}`);
    }
  });

  test(`${TRIALS_PER_KIND} random insertions of well-formed forged records: 100% detected`, async () => {
    for (let i = 0; i < TRIALS_PER_KIND; i++) {
      const at = 1 + rand(N); // the forged record takes this position; later ones shift up
      const r = await tampered(async (trx) => {
        const prev = await trx
          .selectFrom("audit_events")
          .select("row_hash")
          .where("org_id", "=", CHAIN)
          .where("seq", "=", at - 1)
          .executeTakeFirst();
        const prevHash = prev?.row_hash ?? "0".repeat(64);
        await sql`update audit_events set seq = seq + 10000000 where org_id = 'org-a' and seq >= ${at}`.execute(
          trx,
        );
        await sql`update audit_events set seq = seq - 9999999 where org_id = 'org-a' and seq >= 10000000`.execute(
          trx,
        );
        const forged = {
          org_id: CHAIN,
          seq: at,
          occurred_at: new Date("2026-11-29T00:00:00.000Z"),
          actor_org_id: CHAIN,
          actor_user_id: "forger",
          action: "case.read",
          outcome: "success",
          target_type: "case",
          target_ids: ["case-x"],
          client_address: null,
          request_id: null,
          details: {},
          prev_hash: prevHash,
          row_hash: "",
        };
        forged.row_hash = rowHash(storedFields(forged), prevHash);
        await trx
          .insertInto("audit_events")
          .values({ ...forged, details: "{}" })
          .execute();
        await trx
          .updateTable("audit_chain_heads")
          .set({ seq: N + 1 })
          .where("org_id", "=", CHAIN)
          .execute();
      });
      assert.equal(r.ok, false, `insert at ${at}`);
      // The forged record itself links correctly; the next one (the original) no longer does.
      if (!r.ok) assert.deepEqual([r.chain, r.brokenAt], [CHAIN, at + 1], `insert at ${at}: ${r.reason}`);
    }
  });

  test("checkpoints: valid one accepted, 100% of forged ones rejected, truncation detected", async () => {
    const keyFile = path.join(mkdtempSync(path.join(tmpdir(), "harbor-audit-key-")), "audit.pem");
    const key = loadOrCreateSigningKey(keyFile);
    const cp = await makeCheckpoint(store.db, key);
    assert.equal(cp.heads.find((h) => h.orgId === CHAIN)?.seq, N);
    assert.equal(cp.heads.length, 8, "the checkpoint pins every chain");
    assert.equal(checkpointSignatureValid(cp, key), true);
    assert.equal(await checkAgainstCheckpoint(store.db, cp), null);

    const other = loadOrCreateSigningKey(path.join(path.dirname(keyFile), "other.pem"));
    const otherCp = await makeCheckpoint(store.db, other);
    const withHead = (i: number, change: object) => ({
      ...cp,
      heads: cp.heads.map((h, j) => (j === i ? { ...h, ...change } : h)),
    });
    const forgeries: unknown[] = [
      ...cp.heads.flatMap((h, i) => [
        withHead(i, { seq: h.seq - 1 }),
        withHead(i, { seq: h.seq + 1 }),
        withHead(i, { rowHash: "0".repeat(64) }),
        withHead(i, { orgId: "org-z" }),
      ]),
      { ...cp, heads: cp.heads.slice(1) },
      { ...cp, heads: [...cp.heads, { orgId: "org-z", seq: 1, rowHash: "0".repeat(64) }] },
      { ...cp, root: "0".repeat(64) },
      { ...cp, version: 1, seq: N, rowHash: cp.heads[1]?.rowHash },
      { ...cp, createdAt: "2030-01-01T00:00:00.000Z" },
      { ...cp, signature: otherCp.signature },
      { ...otherCp, keyId: cp.keyId },
      { ...cp, signature: Buffer.alloc(64).toString("base64") },
      { ...cp, signature: "" },
      { ...cp, algorithm: "none" },
      { ...cp, version: 3 },
      null,
      "checkpoint",
      {},
    ];
    for (let i = 0; i < 100; i++) {
      const sig = Buffer.from(cp.signature, "base64");
      const byte = rand(sig.length);
      sig[byte] = (sig[byte] as number) ^ (1 + rand(255));
      forgeries.push({ ...cp, signature: sig.toString("base64") });
    }
    const accepted = forgeries.filter((f) => checkpointSignatureValid(f, key));
    assert.equal(accepted.length, 0, `${forgeries.length} forgeries, ${accepted.length} accepted`);

    // Truncation: drop the newest 10 records and move the head back. The chain alone still
    // verifies (nothing links forward), but the checkpoint names the missing record.
    const r = await tampered(
      async (trx) => {
        await trx
          .deleteFrom("audit_events")
          .where("org_id", "=", CHAIN)
          .where("seq", ">", N - 10)
          .execute();
        const last = await trx
          .selectFrom("audit_events")
          .select(["seq", "row_hash"])
          .where("org_id", "=", CHAIN)
          .where("seq", "=", N - 10)
          .executeTakeFirstOrThrow();
        await trx
          .updateTable("audit_chain_heads")
          .set({ seq: last.seq, row_hash: last.row_hash })
          .where("org_id", "=", CHAIN)
          .execute();
      },
      async (trx) => {
        const problem = await checkAgainstCheckpoint(trx, cp);
        assert.match(String(problem), new RegExp(`record ${N} of the chain of org-a .*truncated`));
      },
    );
    assert.equal(r.ok, true, "truncation with a consistent head is invisible without a checkpoint");
  });

  test("a checkpoint pins every chain: a dropped organization chain is caught; a version 1 checkpoint still verifies", async () => {
    const keyFile = path.join(mkdtempSync(path.join(tmpdir(), "harbor-audit-key-")), "audit.pem");
    const key = loadOrCreateSigningKey(keyFile);
    const cp = await makeCheckpoint(store.db, key);
    await tampered(
      async (trx) => {
        await trx.deleteFrom("audit_events").where("org_id", "=", "org-c").execute();
        await trx.deleteFrom("audit_chain_heads").where("org_id", "=", "org-c").execute();
      },
      async (trx) => {
        assert.equal((await verifyChain(trx)).ok, true, "with its head gone too, the chains left look whole");
        assert.match(
          String(await checkAgainstCheckpoint(trx, cp)),
          /record \d+ of the chain of org-c .*truncated/,
        );
      },
    );
    // A checkpoint written before chains were per organization pinned the one chain, now the system chain.
    const system = cp.heads.find((h) => h.orgId === "_system");
    assert.ok(system);
    const v1Body = {
      version: 1,
      createdAt: cp.createdAt,
      keyId: cp.keyId,
      algorithm: "ed25519",
      seq: system.seq,
      rowHash: system.rowHash,
    };
    const v1 = {
      ...v1Body,
      signature: sign(null, Buffer.from(canonicalJson(v1Body)), key.privateKey as KeyObject).toString(
        "base64",
      ),
    };
    assert.equal(checkpointSignatureValid(v1, key), true);
    assert.equal(await checkAgainstCheckpoint(store.db, v1 as Checkpoint), null);
  });

  test("organizations append without waiting for each other (PostgreSQL: row locks per chain)", {
    skip: backend.name === "pglite" && "one PGlite backend runs one transaction at a time anyway",
  }, async () => {
    let releaseA: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      releaseA = resolve;
    });
    const a = store.db.transaction().execute(async (trx) => {
      await recordAudit(trx, { action: "case.create", outcome: "success", actorOrgId: "org-a" });
      await held;
    });
    await new Promise((r) => setTimeout(r, 50));
    await store.db.transaction().execute(async (trx) => {
      await sql`set local lock_timeout = '5s'`.execute(trx);
      await recordAudit(trx, { action: "case.create", outcome: "success", actorOrgId: "org-b" });
    });
    releaseA();
    await a;
    assert.equal((await verifyChain(store.db)).ok, true);
  });

  test("concurrent transactions never fork the chain", async () => {
    const before = (await verifyChain(store.db)) as { records: number };
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        store.db.transaction().execute(async (trx) => {
          await sql`select pg_sleep(${(i % 5) / 1000})`.execute(trx);
          await recordAudit(trx, { action: "case.create", outcome: "success", targetIds: [`c${i}`] });
        }),
      ),
    );
    const r = await verifyChain(store.db);
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(r.records, before.records + 40);
  });

  test("an audit write rolls back with its action (same transaction)", async () => {
    const before = (await verifyChain(store.db)) as { records: number };
    await assert.rejects(
      store.db.transaction().execute(async (trx) => {
        await recordAudit(trx, { action: "case.create", outcome: "success" });
        throw new Error("the action failed");
      }),
      /the action failed/,
    );
    const r = await verifyChain(store.db);
    assert.equal(r.ok && r.records, before.records);
  });
});
