import type { Kysely } from "kysely";
import { badRequest } from "../../server/errors.ts";
import type { Database } from "../../store/schema.ts";
import type { FieldCrypto } from "../crypto/crypto.service.ts";
import { openOrgIndexKey, orgIndexKey, orgIndexKeyRead } from "../crypto/org-index-keys.ts";
import { searchCrypto } from "./search.crypto.ts";
import { searchRepository } from "./search.repository.ts";
import { RECORD_TYPES, type SearchRecordType } from "./search.tables.ts";
import { textTokens } from "./search.tokens.ts";

/**
 * Contract 2: the writers' side of the encrypted search index. Every module that stores free text
 * calls `indexText` in the transaction that writes the text (so the index commits, or rolls back, with
 * it), and `unindex` when the record goes. Only keyed tokens reach the database.
 */
export interface IndexTextInput {
  /** The organization that owns the record (its key makes the tokens; the rows live with it). */
  orgId: string;
  /** The case the record is on; null for a record on no case yet (a tip), found by no case search. */
  caseId: string | null;
  recordType: SearchRecordType;
  recordId: string;
  /** The field's name, e.g. "title", "narrative", "body": re-indexing one field leaves the others. */
  field: string;
  /** The plaintext (null or empty: the field no longer has text, its tokens are removed). */
  text: string | null | undefined;
}

const FIELD = /^[a-z][a-z0-9_]{0,62}$/;

function check(input: { recordType: string; field?: string }): void {
  // Programming errors of a calling module, not user input; still never a half-written record.
  if (!(RECORD_TYPES as readonly string[]).includes(input.recordType))
    throw badRequest(`recordType: unknown record type for the search index`);
  if (input.field !== undefined && !FIELD.test(input.field))
    throw badRequest("field: must be a lower-case field name");
}

/** Replaces the tokens of one record's field with those of `text`, in the caller's transaction. */
export async function indexText(
  trx: Kysely<Database>,
  input: IndexTextInput,
  crypto: FieldCrypto = searchCrypto(),
): Promise<void> {
  await indexTexts(trx, [input], crypto);
}

/**
 * `indexText` for many fields at once (one key look-up per organization, one statement per 500
 * rows): for bulk loads and `harbor search reindex`.
 */
export async function indexTexts(
  trx: Kysely<Database>,
  inputs: IndexTextInput[],
  crypto: FieldCrypto = searchCrypto(),
): Promise<void> {
  const keys = new Map<string, Buffer>();
  const rows = [];
  const empty = [];
  // The last text given for a field wins, as if indexed one by one (one statement may not upsert a row twice).
  const last = new Map(inputs.map((i) => [`${i.orgId}|${i.recordType}|${i.recordId}|${i.field}`, i]));
  for (const input of last.values()) {
    check(input);
    let key = keys.get(input.orgId);
    if (!key) {
      key = await orgIndexKey(trx, crypto, "search", input.orgId);
      keys.set(input.orgId, key);
    }
    const tokens = input.text ? textTokens(key, input.text) : [];
    if (tokens.length) rows.push({ ...input, tokens });
    else empty.push(input);
  }
  for (let i = 0; i < rows.length; i += 500) await searchRepository.upsertTokens(trx, rows.slice(i, i + 500));
  for (const input of empty) await searchRepository.deleteField(trx, input);
}

/**
 * The read of an organization's search key, unexecuted, to be read in the writer's transaction in one
 * statement with its other reads; no row (or null) when the organization has no key yet, in which case
 * the writer indexes with `indexText` (which creates it).
 */
export function searchKeyRead(trx: Kysely<Database>, orgId: string) {
  return orgIndexKeyRead(trx, "search", orgId);
}

/**
 * `indexText` for a record created in the caller's transaction on no case (a new tip), given its
 * organization's wrapped search key as read in that transaction (`searchKeyRead`): the insert of its
 * tokens, unexecuted, to go in one statement with the record's own insert (executeTogether). Nothing to
 * write (undefined) when the text has no words. No case, no earlier tokens: no case terms to refresh.
 */
export function newRecordIndexWrite(
  trx: Kysely<Database>,
  input: IndexTextInput,
  wrappedKey: string,
  crypto: FieldCrypto = searchCrypto(),
) {
  check(input);
  if (input.caseId !== null) throw new Error("newRecordIndexWrite: only for a record on no case");
  const key = openOrgIndexKey(crypto, "search", input.orgId, wrappedKey);
  const tokens = input.text ? textTokens(key, input.text) : [];
  return tokens.length ? searchRepository.insertTokensQuery(trx, { ...input, tokens }) : undefined;
}

/** Removes every field of a record from the index (the record is deleted, or merged into another). */
export async function unindex(
  trx: Kysely<Database>,
  input: { orgId: string; recordType: SearchRecordType; recordId: string },
): Promise<void> {
  check(input);
  await searchRepository.deleteRecord(trx, input);
}
