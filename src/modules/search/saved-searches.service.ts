import { randomUUID } from "node:crypto";
import { badRequest } from "../../server/errors.ts";
import { staleVersion } from "../../server/versioning.ts";
import type { Store } from "../../store/store.ts";
import { type FieldCrypto, fieldCryptoOf, openRecord, sealRecord } from "../crypto/crypto.service.ts";
import { audit, type Caller, guarded, HIDDEN } from "../policy/access.ts";
import { savedSearchesRepository } from "./saved-searches.repository.ts";
import { presentSavedSearch } from "./search.presenter.ts";
import { parseSavedQuery, type SavedSearchReq } from "./search.schema.ts";

/**
 * Saved searches: a user's named case searches, the filters kept as the URL query string the search
 * page uses (so opening one is just navigating to it). Personal: only their owner sees or changes
 * them. The name and the query are free text (a query holds search words, often names), so both are
 * sealed like any other free text.
 */
const TABLE = "saved_searches";
const MAX_PER_USER = 100;

type Row = NonNullable<Awaited<ReturnType<typeof savedSearchesRepository.get>>>;

function open(crypto: FieldCrypto, row: Row) {
  const plain = openRecord(
    crypto,
    { table: TABLE, rowId: row.id, dataKeyId: row.data_key_id, wrapped: row.wrapped },
    { name: row.name_enc, query: row.query_enc },
  );
  return presentSavedSearch({ ...row, name: plain.name ?? "", query: plain.query ?? "" });
}

function validQuery(query: string): string {
  const parsed = parseSavedQuery(query);
  if (!parsed.ok) throw badRequest(parsed.message);
  return parsed.query;
}

const ownerOf = (caller: Caller) => ({ orgId: caller.auth.orgId, userId: caller.auth.userId });

export async function listSavedSearches(store: Store, caller: Caller) {
  const crypto = fieldCryptoOf(store);
  return guarded(
    store.db,
    caller,
    { action: "saved_search.list", targetType: "saved_search", targetIds: [] },
    async (trx) => {
      const rows = await savedSearchesRepository.list(trx, ownerOf(caller));
      await audit(trx, caller, {
        action: "saved_search.list",
        outcome: "success",
        targetType: "saved_search",
        targetIds: rows.map((r) => r.id),
      });
      return rows.map((r) => open(crypto, r));
    },
  );
}

export async function createSavedSearch(store: Store, caller: Caller, input: SavedSearchReq) {
  const crypto = fieldCryptoOf(store);
  const query = validQuery(input.query);
  const id = randomUUID();
  return guarded(
    store.db,
    caller,
    { action: "saved_search.create", targetType: "saved_search", targetIds: [id] },
    async (trx) => {
      if ((await savedSearchesRepository.count(trx, ownerOf(caller))) >= MAX_PER_USER)
        throw badRequest(`body: at most ${MAX_PER_USER} saved searches per user; delete one first`);
      const { dataKeyId, sealed } = await sealRecord(
        trx,
        crypto,
        { table: TABLE, rowId: id, orgId: caller.auth.orgId },
        { name: input.name, query },
      );
      await savedSearchesRepository.insert(trx, ownerOf(caller), {
        id,
        dataKeyId,
        nameEnc: sealed.name!,
        queryEnc: sealed.query!,
      });
      await audit(trx, caller, {
        action: "saved_search.create",
        outcome: "success",
        targetType: "saved_search",
        targetIds: [id],
      });
      return { id };
    },
  );
}

/** Renames or changes a saved search made from `expected` (412 when it changed since). */
export async function updateSavedSearch(
  store: Store,
  caller: Caller,
  id: string,
  expected: number,
  input: SavedSearchReq,
) {
  const crypto = fieldCryptoOf(store);
  const query = validQuery(input.query);
  return guarded(
    store.db,
    caller,
    { action: "saved_search.update", targetType: "saved_search", targetIds: [id] },
    async (trx) => {
      const current = await savedSearchesRepository.get(trx, ownerOf(caller), id);
      if (!current) return HIDDEN;
      if (current.version !== expected) throw staleVersion(current.version);
      // A fresh data key per version: the old one goes unused (nothing else is sealed under it).
      const { dataKeyId, sealed } = await sealRecord(
        trx,
        crypto,
        { table: TABLE, rowId: id, orgId: caller.auth.orgId },
        { name: input.name, query },
      );
      const version = await savedSearchesRepository.update(trx, ownerOf(caller), id, expected, {
        dataKeyId,
        nameEnc: sealed.name!,
        queryEnc: sealed.query!,
      });
      if (version === undefined) throw staleVersion(current.version + 1);
      await audit(trx, caller, {
        action: "saved_search.update",
        outcome: "success",
        targetType: "saved_search",
        targetIds: [id],
      });
      const row = await savedSearchesRepository.get(trx, ownerOf(caller), id);
      return open(crypto, row!);
    },
  );
}

export async function deleteSavedSearch(store: Store, caller: Caller, id: string, expected: number) {
  return guarded(
    store.db,
    caller,
    { action: "saved_search.delete", targetType: "saved_search", targetIds: [id] },
    async (trx) => {
      const current = await savedSearchesRepository.get(trx, ownerOf(caller), id);
      if (!current) return HIDDEN;
      if (current.version !== expected) throw staleVersion(current.version);
      if (!(await savedSearchesRepository.delete(trx, ownerOf(caller), id, expected)))
        throw staleVersion(current.version + 1);
      await audit(trx, caller, {
        action: "saved_search.delete",
        outcome: "success",
        targetType: "saved_search",
        targetIds: [id],
      });
      return { id };
    },
  );
}
