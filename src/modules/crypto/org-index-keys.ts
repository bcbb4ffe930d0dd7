import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { FieldCrypto } from "./crypto.service.ts";
import { dataKeysRepository } from "./data-keys.repository.ts";
import { generateDataKey, unwrapDataKey, wrapDataKey } from "./envelope.ts";

/**
 * Per-organization index keys (HMAC keys of keyed token indexes, e.g. the free-text search index).
 * Each organization has its own random key, wrapped by the master key like any data key and stored
 * with the organization's rows (`data_keys`, same shard on Citus), so:
 * - equal words in two organizations give different tokens (no cross-organization frequency analysis);
 * - master-key rotation re-wraps them like every other data key;
 * - deleting an organization's key makes its remaining tokens meaningless (crypto-shredding).
 *
 * The key is created on first use inside the caller's transaction. Unwrapped keys are cached by their
 * *wrapped* value, read in that same transaction each time, never by organization alone: if the
 * transaction that created a key rolls back, its cache entry simply never matches a stored row again,
 * so two writers can never index one organization under two different keys.
 */
export type OrgIndexKind = "search";

const keyId = (kind: OrgIndexKind) => `harbor-${kind}-index`;
const owner = (kind: OrgIndexKind, orgId: string) => ({
  dataKeyId: keyId(kind),
  ownerTable: `${kind}_index`,
  ownerId: orgId,
});

const MAX_CACHED = 10_000;
const unwrapped = new Map<string, Buffer>();

function open(crypto: FieldCrypto, kind: OrgIndexKind, orgId: string, wrapped: string): Buffer {
  const cacheKey = `${kind}|${orgId}|${wrapped}`;
  let key = unwrapped.get(cacheKey);
  if (!key) {
    key = unwrapDataKey((id) => crypto.ring.get(id), owner(kind, orgId), wrapped);
    if (unwrapped.size >= MAX_CACHED) unwrapped.clear();
    unwrapped.set(cacheKey, key);
  }
  return key;
}

/** The organization's index key of this kind, created (in `db`, the caller's transaction) if absent. */
export async function orgIndexKey(
  db: Kysely<Database>,
  crypto: FieldCrypto,
  kind: OrgIndexKind,
  orgId: string,
): Promise<Buffer> {
  let row = await dataKeysRepository.getById(db, orgId, keyId(kind));
  if (!row) {
    crypto.ring.refresh();
    const fresh = generateDataKey();
    const o = owner(kind, orgId);
    await dataKeysRepository.insertIfAbsent(db, {
      orgId,
      id: o.dataKeyId,
      ownerTable: o.ownerTable,
      ownerId: o.ownerId,
      kekId: crypto.ring.current.id,
      wrapped: wrapDataKey(crypto.ring.current, o, fresh),
    });
    fresh.fill(0);
    row = await dataKeysRepository.getById(db, orgId, keyId(kind));
    if (!row) throw new Error("The organization's index key could not be stored.");
  }
  return open(crypto, kind, orgId, row.wrapped);
}

/**
 * The read of an organization's wrapped index key, unexecuted, for a caller that reads it in one
 * statement with others (in its transaction, like `orgIndexKey`); open the value with `openOrgIndexKey`.
 * No row: the key does not exist yet, and `orgIndexKey` creates it.
 */
export function orgIndexKeyRead(db: Kysely<Database>, kind: OrgIndexKind, orgId: string) {
  return dataKeysRepository.wrappedQuery(db, orgId, keyId(kind));
}

/** An organization's index key from its wrapped value, as read in the caller's transaction. */
export function openOrgIndexKey(
  crypto: FieldCrypto,
  kind: OrgIndexKind,
  orgId: string,
  wrapped: string,
): Buffer {
  return open(crypto, kind, orgId, wrapped);
}

/**
 * The existing index keys of several organizations (one query); organizations without one are left
 * out: nothing of theirs was ever indexed, so a read never needs to create a key.
 */
export async function existingOrgIndexKeys(
  db: Kysely<Database>,
  crypto: FieldCrypto,
  kind: OrgIndexKind,
  orgIds: string[],
): Promise<Map<string, Buffer>> {
  const keys = new Map<string, Buffer>();
  if (!orgIds.length) return keys;
  const rows = await dataKeysRepository.getByIdInOrgs(db, orgIds, keyId(kind));
  for (const row of rows) keys.set(row.org_id, open(crypto, kind, row.org_id, row.wrapped));
  return keys;
}
