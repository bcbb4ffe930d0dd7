import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Config } from "../../config.ts";
import type { Database } from "../../store/schema.ts";
import type { Store } from "../../store/store.ts";
import { SYSTEM_ORG } from "../../store/tenancy.ts";
import { dataKeysRepository } from "./data-keys.repository.ts";
import { decryptField, encryptField, generateDataKey, unwrapDataKey, wrapDataKey } from "./envelope.ts";
import { type KeyRing, loadKeyRing } from "./key-store.ts";

/** The keys a running Harbor encrypts with: the master key ring and the blind-index key. */
export interface FieldCrypto {
  ring: KeyRing;
  /** HMAC key of blind indexes: random, itself wrapped by the master key, so rotation covers it too. */
  indexKey: Buffer;
}

const BLIND_INDEX_KEY_ID = "harbor-blind-index";
const BLIND_INDEX_OWNER = { dataKeyId: BLIND_INDEX_KEY_ID, ownerTable: "harbor", ownerId: "blind_index" };
const prepared = new WeakMap<Store, FieldCrypto>();

/**
 * Loads (creating on first start) the master keys and the blind-index key, and keeps them for the
 * store's lifetime. A start-up task, so the first request never races key creation.
 */
export async function prepareFieldCrypto(
  store: Store,
  config: Pick<Config, "HARBOR_MASTER_KEY" | "dataDir"> & { DATABASE_URL?: string | undefined },
): Promise<FieldCrypto> {
  const ring = loadKeyRing(config);
  const indexKey = await loadBlindIndexKey(store.db, ring);
  const crypto = { ring, indexKey };
  prepared.set(store, crypto);
  return crypto;
}

async function loadBlindIndexKey(db: Kysely<Database>, ring: KeyRing): Promise<Buffer> {
  const fresh = generateDataKey();
  await dataKeysRepository.insertIfAbsent(db, {
    orgId: SYSTEM_ORG,
    id: BLIND_INDEX_KEY_ID,
    ownerTable: BLIND_INDEX_OWNER.ownerTable,
    ownerId: BLIND_INDEX_OWNER.ownerId,
    kekId: ring.current.id,
    wrapped: wrapDataKey(ring.current, BLIND_INDEX_OWNER, fresh),
  });
  const row = await dataKeysRepository.getById(db, SYSTEM_ORG, BLIND_INDEX_KEY_ID);
  if (!row) throw new Error("The blind-index key could not be stored.");
  return unwrapDataKey((id) => ring.get(id), BLIND_INDEX_OWNER, row.wrapped);
}

/** The field crypto prepared for this store at start-up. */
export function fieldCryptoOf(store: Store): FieldCrypto {
  const crypto = prepared.get(store);
  if (!crypto) throw new Error("Field encryption is not prepared: prepareFieldCrypto runs at start-up.");
  return crypto;
}

/** Start-up task: keys ready before the first request. */
export async function fieldCryptoStartupTask(store: Store, config: Config): Promise<void> {
  await prepareFieldCrypto(store, config);
}

/** Plain field values to seal; null/undefined stay null (absence is not secret). */
export type PlainFields<K extends string> = Partial<Record<K, string | null | undefined>>;

/** The record a data key seals: its table, row id and organization (the key lives with the record). */
export interface SealedRecordRef {
  table: string;
  rowId: string;
  orgId: string;
}

/** A record sealed under a new data key whose wrapped key is still to be stored (`dataKeyWrite`). */
export interface SealedRecord<K extends string> {
  dataKeyId: string;
  sealed: Record<K, string | null>;
  /** The wrapped data key's row, for `dataKeyWrite` in the transaction that writes the record. */
  key: { orgId: string; id: string; ownerTable: string; ownerId: string; kekId: string; wrapped: string };
}

/**
 * Seals a record's fields with a new data key, without touching the database (so it can run before
 * the record's transaction opens): the caller stores the key with `dataKeyWrite` in that transaction.
 */
export function sealNewRecord<K extends string>(
  crypto: FieldCrypto,
  { table, rowId, orgId }: SealedRecordRef,
  fields: PlainFields<K>,
): SealedRecord<K> {
  crypto.ring.refresh();
  const dataKeyId = randomUUID();
  const dataKey = generateDataKey();
  const owner = { dataKeyId, ownerTable: table, ownerId: rowId };
  const key = {
    orgId,
    id: dataKeyId,
    ownerTable: table,
    ownerId: rowId,
    kekId: crypto.ring.current.id,
    wrapped: wrapDataKey(crypto.ring.current, owner, dataKey),
  };
  const sealed = {} as Record<K, string | null>;
  for (const [column, value] of Object.entries(fields) as [K, string | null | undefined][]) {
    sealed[column] =
      value === null || value === undefined ? null : encryptField(dataKey, { table, column, rowId }, value);
  }
  dataKey.fill(0);
  return { dataKeyId, sealed, key };
}

/** The insert of a sealed record's data key, unexecuted: to run with the record's own write (executeTogether). */
export function dataKeyWrite(db: Kysely<Database>, record: Pick<SealedRecord<string>, "key">) {
  return dataKeysRepository.insertQuery(db, record.key);
}

/**
 * Seals a record's fields with a new data key, stored (wrapped) in the caller's transaction.
 * Returns the data key id and the sealed values by field name.
 */
export async function sealRecord<K extends string>(
  db: Kysely<Database>,
  crypto: FieldCrypto,
  ref: SealedRecordRef,
  fields: PlainFields<K>,
): Promise<{ dataKeyId: string; sealed: Record<K, string | null> }> {
  const record = sealNewRecord(crypto, ref, fields);
  await dataKeyWrite(db, record).execute();
  return { dataKeyId: record.dataKeyId, sealed: record.sealed };
}

/** Opens the sealed fields the caller was allowed to select (null stays null). */
export function openRecord<K extends string>(
  crypto: FieldCrypto,
  where: { table: string; rowId: string; dataKeyId: string; wrapped: string },
  sealed: Partial<Record<K, string | null>>,
): Partial<Record<K, string | null>> {
  const entries = Object.entries(sealed) as [K, string | null][];
  const out: Partial<Record<K, string | null>> = {};
  if (!entries.some(([, v]) => v)) {
    for (const [k] of entries) out[k] = null;
    return out;
  }
  const owner = { dataKeyId: where.dataKeyId, ownerTable: where.table, ownerId: where.rowId };
  const dataKey = unwrapDataKey((id) => crypto.ring.get(id), owner, where.wrapped);
  for (const [column, value] of entries) {
    out[column] = value
      ? decryptField(dataKey, { table: where.table, column, rowId: where.rowId }, value)
      : null;
  }
  dataKey.fill(0);
  return out;
}

/**
 * Opens sealed fields whose data key the caller has not fetched (a single record, such as a user's
 * TOTP secret): reads the wrapped key, then opens as `openRecord`. Null when the key is missing.
 */
export async function openStoredRecord<K extends string>(
  db: Kysely<Database>,
  crypto: FieldCrypto,
  where: { table: string; rowId: string; orgId: string; dataKeyId: string },
  sealed: Partial<Record<K, string | null>>,
): Promise<Partial<Record<K, string | null>> | null> {
  const key = await dataKeysRepository.getById(db, where.orgId, where.dataKeyId);
  return key ? openRecord(crypto, { ...where, wrapped: key.wrapped }, sealed) : null;
}

/**
 * Re-wraps every data key not under the current master key (the fields themselves are untouched).
 * Idempotent and restartable: each row is switched atomically; old keys unwrap until it completes.
 */
export async function rotateDataKeys(
  db: Kysely<Database>,
  ring: KeyRing,
  batchSize = 500,
): Promise<{ rewrapped: number }> {
  let rewrapped = 0;
  for (;;) {
    const batch = await dataKeysRepository.listNotWrappedBy(db, ring.current.id, batchSize);
    if (!batch.length) return { rewrapped };
    for (const row of batch) {
      const owner = { dataKeyId: row.id, ownerTable: row.owner_table, ownerId: row.owner_id };
      const dataKey = unwrapDataKey((id) => ring.get(id), owner, row.wrapped);
      const ok = await dataKeysRepository.rewrap(
        db,
        row.org_id,
        row.id,
        row.kek_id,
        ring.current.id,
        wrapDataKey(ring.current, owner, dataKey),
      );
      dataKey.fill(0);
      if (ok) rewrapped++;
    }
  }
}
