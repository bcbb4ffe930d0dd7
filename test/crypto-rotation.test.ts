import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import type { SystemContext } from "../src/modules/auth/auth.context.ts";
import {
  type FieldCrypto,
  prepareFieldCrypto,
  rotateDataKeys,
} from "../src/modules/crypto/crypto.service.ts";
import { dataKeysRepository } from "../src/modules/crypto/data-keys.repository.ts";
import { DecryptionError } from "../src/modules/crypto/envelope.ts";
import { addKeyToFile, type KeyRing, loadKeyRing } from "../src/modules/crypto/key-store.ts";
import { presentPerson } from "../src/modules/persons/persons.presenter.ts";
import { personsRepository } from "../src/modules/persons/persons.repository.ts";
import type { Store } from "../src/store/store.ts";
import { seed } from "./support/records.ts";
import { describeEachStore, openMigrated } from "./support/stores.ts";

const SYSTEM: SystemContext = { kind: "system", reason: "test" };

describeEachStore("field encryption in the store: rotation and moved ciphertexts", (backend) => {
  let store: Store;
  let dataDir: string;
  let crypto: FieldCrypto;
  const people: { id: string; values: Record<string, string> }[] = [];

  const read = async (id: string, c: FieldCrypto) => {
    const row = await personsRepository.getReadable(store.db, SYSTEM, id, new Date());
    return presentPerson(row!, c).view;
  };

  before(async () => {
    store = await openMigrated(backend);
    dataDir = mkdtempSync(path.join(tmpdir(), "harbor-rotate-"));
    crypto = await prepareFieldCrypto(store, { dataDir, HARBOR_MASTER_KEY: undefined });
    await seed.org(store, "sp", "service_provider");
    const caseId = await seed.case(store, "sp");
    for (let i = 0; i < 25; i++)
      people.push(
        await seed.person(store, { orgId: "sp", caseId, role: "victim", protected1367: i % 2 === 0 }),
      );
  });
  after(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("rotation re-wraps every data key; old keys decrypt until it completes; 0 rows left on the old key", async () => {
    const oldId = crypto.ring.current.id;
    const added = addKeyToFile(dataDir);
    const ring: KeyRing = loadKeyRing({ dataDir, HARBOR_MASTER_KEY: undefined });
    assert.equal(ring.current.id, added.id);
    const during: FieldCrypto = { ring, indexKey: crypto.indexKey };
    // Mid-rotation (nothing re-wrapped yet): everything still opens through the old key.
    assert.equal((await read(people[0]!.id, during)).givenName, people[0]!.values.givenName);

    const { rewrapped } = await rotateDataKeys(store.db, ring, 7);
    // +2: the case's data key (its sealed title) and the blind-index key.
    assert.equal(rewrapped, people.length + 2, "every person's and the case's data key, and the index key");
    const counts = await dataKeysRepository.countByKek(store.db);
    assert.deepEqual(
      counts.map((c) => [c.kek_id, Number(c.count)]),
      [[added.id, people.length + 2]],
    );
    assert.equal((await rotateDataKeys(store.db, ring)).rewrapped, 0, "idempotent");

    // After rotation the old master key is not needed at all.
    const newOnly: FieldCrypto = {
      ring: { ...ring, keys: [ring.current], get: (id) => (id === added.id ? ring.current : undefined) },
      indexKey: crypto.indexKey,
    };
    for (const p of people) assert.equal((await read(p.id, newOnly)).familyName, p.values.familyName);
    const oldOnly: FieldCrypto = {
      ring: {
        ...ring,
        current: ring.keys.find((k) => k.id === oldId)!,
        get: (id) => ring.keys.find((k) => k.id === oldId && id === oldId),
      },
      indexKey: crypto.indexKey,
    };
    await assert.rejects(() => read(people[1]!.id, oldOnly), DecryptionError);

    // The blind-index key survives rotation unchanged, so existing indexes stay valid.
    const reloaded = await prepareFieldCrypto(store, { dataDir, HARBOR_MASTER_KEY: undefined });
    assert.deepEqual(reloaded.indexKey, crypto.indexKey);
  });

  test("ciphertext moved between columns or rows fails authentication (100% of swaps)", async () => {
    const [a, b] = people;
    let swaps = 0;
    let failures = 0;
    const attempt = async (sql: () => Promise<unknown>, id: string) => {
      await sql();
      swaps++;
      try {
        await read(id, crypto);
      } catch (error) {
        if (error instanceof DecryptionError) failures++;
      }
    };
    const row = (id: string) =>
      store.db.selectFrom("persons").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    const ra = await row(a!.id);
    const rb = await row(b!.id);
    await attempt(
      () =>
        store.db
          .updateTable("persons")
          .set({ given_name_enc: ra.family_name_enc })
          .where("id", "=", a!.id)
          .execute(),
      a!.id,
    );
    await store.db
      .updateTable("persons")
      .set({ given_name_enc: ra.given_name_enc })
      .where("id", "=", a!.id)
      .execute();
    await attempt(
      () =>
        store.db.updateTable("persons").set({ email_enc: rb.email_enc }).where("id", "=", a!.id).execute(),
      a!.id,
    );
    await store.db.updateTable("persons").set({ email_enc: ra.email_enc }).where("id", "=", a!.id).execute();
    await attempt(
      () =>
        store.db
          .updateTable("persons")
          .set({ data_key_id: rb.data_key_id })
          .where("id", "=", a!.id)
          .execute(),
      a!.id,
    );
    await store.db
      .updateTable("persons")
      .set({ data_key_id: ra.data_key_id })
      .where("id", "=", a!.id)
      .execute();
    const dkB = await dataKeysRepository.getById(store.db, rb.org_id, rb.data_key_id);
    await attempt(
      () =>
        store.db
          .updateTable("data_keys")
          .set({ wrapped: dkB!.wrapped })
          .where("id", "=", ra.data_key_id)
          .execute(),
      a!.id,
    );
    assert.equal(swaps, 4);
    assert.equal(failures, swaps);
  });
});
