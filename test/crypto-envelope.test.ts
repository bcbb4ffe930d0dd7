import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import { blindIndex, normalizePhone } from "../src/modules/crypto/blind-index.ts";
import {
  DecryptionError,
  decryptField,
  encryptField,
  generateDataKey,
  type MasterKey,
  unwrapDataKey,
  wrapDataKey,
} from "../src/modules/crypto/envelope.ts";
import {
  addKeyToFile,
  ensureKeyFile,
  keyFilePath,
  loadKeyRing,
  parseMasterKeyEnv,
} from "../src/modules/crypto/key-store.ts";

const at = (column: string, rowId = "row-1", table = "persons") => ({ table, column, rowId });

test("a sealed field opens only at its own table, column and row, under its own data key", () => {
  const key = generateDataKey();
  const sealed = encryptField(key, at("given_name"), "Ana");
  assert.equal(decryptField(key, at("given_name"), sealed), "Ana");
  assert.ok(!sealed.includes("Ana"));
  assert.notEqual(
    sealed,
    encryptField(key, at("given_name"), "Ana"),
    "random nonce: equal values give different ciphertexts",
  );
  let swaps = 0;
  let failed = 0;
  for (const elsewhere of [
    at("family_name"),
    at("given_name", "row-2"),
    at("given_name", "row-1", "users"),
  ]) {
    swaps++;
    assert.throws(() => decryptField(key, elsewhere, sealed), DecryptionError);
    failed++;
  }
  swaps++;
  assert.throws(() => decryptField(generateDataKey(), at("given_name"), sealed), DecryptionError);
  failed++;
  assert.equal(failed, swaps, "100% of moved ciphertexts fail authentication");
});

test("any change to a sealed value fails authentication (property)", () => {
  const key = generateDataKey();
  fc.assert(
    fc.property(
      fc.string({ minLength: 0, maxLength: 80 }),
      fc.nat(),
      fc.integer({ min: 1, max: 255 }),
      (plain, pos, flip) => {
        const sealed = encryptField(key, at("address"), plain);
        const bytes = Buffer.from(sealed.slice(4), "base64url");
        const i = pos % bytes.length;
        bytes[i] = (bytes[i]! ^ flip) & 0xff;
        const tampered = `hf1.${bytes.toString("base64url")}`;
        assert.throws(() => decryptField(key, at("address"), tampered), DecryptionError);
      },
    ),
    { numRuns: 500 },
  );
});

test("a wrapped data key is bound to its owner and master key id", () => {
  const k1: MasterKey = { id: "k1", key: generateDataKey() };
  const k2: MasterKey = { id: "k2", key: generateDataKey() };
  const owner = { dataKeyId: "dk-1", ownerTable: "persons", ownerId: "p-1" };
  const dek = generateDataKey();
  const wrapped = wrapDataKey(k1, owner, dek);
  const lookup = (id: string) => [k1, k2].find((k) => k.id === id);
  assert.deepEqual(unwrapDataKey(lookup, owner, wrapped), dek);
  assert.throws(() => unwrapDataKey(lookup, { ...owner, ownerId: "p-2" }, wrapped), DecryptionError);
  assert.throws(() => unwrapDataKey(lookup, owner, wrapped.replace("hk1.k1.", "hk1.k2.")), DecryptionError);
  assert.throws(() => unwrapDataKey(() => undefined, owner, wrapped), /not available/);
});

test("blind indexes: equal after normalization, keyed, never the plaintext", () => {
  const k = generateDataKey();
  assert.equal(normalizePhone("(202) 555-0143"), "+12025550143");
  assert.equal(blindIndex(k, "phone", "(202) 555-0143"), blindIndex(k, "phone", "+1 202 555 0143"));
  assert.equal(blindIndex(k, "email", " Ana@Example.org "), blindIndex(k, "email", "ana@example.org"));
  assert.equal(blindIndex(k, "document", "a12-345 678"), blindIndex(k, "document", "A12345678"));
  assert.notEqual(blindIndex(k, "phone", "2025550143"), blindIndex(generateDataKey(), "phone", "2025550143"));
  assert.notEqual(blindIndex(k, "document", "12025550143"), blindIndex(k, "phone", "+12025550143"));
  assert.equal(blindIndex(k, "phone", "12"), null);
  assert.ok(!blindIndex(k, "email", "ana@example.org")!.includes("ana"));
});

test("HARBOR_MASTER_KEY: id:base64 list, newest first, validated", () => {
  const a = Buffer.alloc(32, 1).toString("base64");
  const b = Buffer.alloc(32, 2).toString("base64");
  const keys = parseMasterKeyEnv(`new:${b},old:${a}`);
  assert.deepEqual(
    keys.map((k) => k.id),
    ["new", "old"],
  );
  assert.match(parseMasterKeyEnv(a)[0]!.id, /^k[0-9a-f]{12}$/);
  assert.throws(() => parseMasterKeyEnv("x:c2hvcnQ="), /32 random bytes/);
  assert.throws(() => parseMasterKeyEnv(`a:${a},a:${b}`), /repeats/);
});

test("embedded key file: created once outside the database folder, 0600 in a 0700 folder; rotation adds a key", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "harbor-keys-"));
  try {
    const first = ensureKeyFile(dataDir);
    assert.equal(first.length, 1);
    const file = keyFilePath(dataDir);
    assert.ok(
      !file.startsWith(path.join(dataDir, "db") + path.sep),
      "the key file is not inside <dataDir>/db",
    );
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(path.dirname(file)).mode & 0o777, 0o700);
    assert.equal(ensureKeyFile(dataDir)[0]!.id, first[0]!.id, "second start reuses the key");
    const ring = loadKeyRing({ dataDir, HARBOR_MASTER_KEY: undefined });
    const added = addKeyToFile(dataDir);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    ring.refresh();
    assert.equal(
      ring.current.id,
      added.id,
      "a running ring wraps new keys under a key added by another process",
    );
    assert.equal(ring.get(first[0]!.id)?.id, first[0]!.id, "and still unwraps with the old one");
    const again = loadKeyRing({ dataDir, HARBOR_MASTER_KEY: undefined });
    assert.equal(again.current.id, added.id);
    assert.deepEqual(again.keys.map((k) => k.id).sort(), [first[0]!.id, added.id].sort());
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("with a PostgreSQL server the master key must come from HARBOR_MASTER_KEY", () => {
  assert.throws(
    () =>
      loadKeyRing({ dataDir: "/nonexistent", HARBOR_MASTER_KEY: undefined, DATABASE_URL: "postgres://x/y" }),
    /HARBOR_MASTER_KEY is required with DATABASE_URL/,
  );
});
